/**
 * @waymark/templates: personalised bank scripts. Universal: runs in the browser (live preview) and
 * in Node (API preview, send path) with the same results.
 */
export type { CompiledTemplate } from './compiled-template.ts';
export {
  compileTemplate,
  defaultTemplateEngine,
  templateCacheStats,
  validateTemplate,
} from './default-engine.ts';
export {
  type CacheStats,
  type CompileOptions,
  type CompileResult,
  createTemplateEngine,
  type EngineOptions,
  formatForChannel,
  type TemplateChannel,
  type TemplateEngine,
  type TemplateValidation,
  type ValidateOptions,
} from './engine.ts';
export type { RenderError, RenderErrorCode, TemplateProblem, TemplateProblemCode } from './errors.ts';
export type { TemplateFormat } from './handlebars-env.ts';
export { helperCatalog } from './helper-catalog.ts';
export { defaultTimeZone, type TemplateLocale, templateLocales } from './locale.ts';
export {
  buildRenderContext,
  type ContextExtras,
  type PreviewOptions,
  type PreviewResult,
  previewTemplate,
  type TemplateCustomer,
} from './preview.ts';
export { defaultRenderBounds, type RenderOptions, type RenderResult, render } from './render.ts';
export { type SmsSegments, smsSegments } from './sms-segments.ts';
export { defaultKnownVariables, isKnownVariable, templateNamespaces } from './variables.ts';
