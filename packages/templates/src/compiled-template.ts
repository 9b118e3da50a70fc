import type { TemplateFormat } from './handlebars-env.ts';
import type { RuntimeState } from './runtime-state.ts';

/**
 * A template ready to render, from `compileTemplate`. Immutable and safe to share: the send path
 * compiles once (through the cache) and renders it for every customer.
 */
export interface CompiledTemplate {
  readonly source: string;
  readonly format: TemplateFormat;
  /** Root paths the template reads, e.g. `customer.name`, `attributes.balance`. */
  readonly variables: readonly string[];
  /** Helpers it calls. */
  readonly helpers: readonly string[];
  /**
   * Whether rendering may read `customer.name`. False only when the analysis is sure it cannot,
   * so the send path can skip decrypting the name for scripts that never show it.
   */
  readonly usesCustomerName: boolean;
}

/** A compiled Handlebars function. */
export type TemplateFunction = (context: unknown, options?: Record<string, unknown>) => string;

/** What `render` needs besides the public fields; kept out of reach of callers. */
export interface TemplateInternals {
  run: TemplateFunction;
  /** The engine's partials, compiled for this template's format. */
  partials: Readonly<Record<string, TemplateFunction>>;
  /** The engine's Handlebars runtime state, built once (see `captureRuntimeState`). */
  runtime: RuntimeState;
  pathsAt: ReadonlyMap<string, string>;
  argumentsAt: ReadonlyMap<string, readonly string[]>;
}

const internals = new WeakMap<CompiledTemplate, TemplateInternals>();

/** Creates the public, frozen handle for a compiled template. */
export function createCompiledTemplate(
  fields: {
    source: string;
    format: TemplateFormat;
    variables: readonly string[];
    helpers: readonly string[];
    usesCustomerName: boolean;
  },
  inner: TemplateInternals,
): CompiledTemplate {
  const template: CompiledTemplate = Object.freeze({
    source: fields.source,
    format: fields.format,
    variables: Object.freeze([...fields.variables]),
    helpers: Object.freeze([...fields.helpers]),
    usesCustomerName: fields.usesCustomerName,
  });
  internals.set(template, inner);
  return template;
}

/** The internals of a template made by `createCompiledTemplate`, or undefined for anything else. */
export function internalsOf(template: unknown): TemplateInternals | undefined {
  return typeof template === 'object' && template !== null
    ? internals.get(template as CompiledTemplate)
    : undefined;
}
