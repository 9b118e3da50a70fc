import {
  type CacheStats,
  type CompileOptions,
  type CompileResult,
  createTemplateEngine,
  type TemplateEngine,
  type TemplateValidation,
  type ValidateOptions,
} from './engine.ts';

let shared: TemplateEngine | undefined;

/** The engine behind `compileTemplate` / `validateTemplate`, created on first use. */
export function defaultTemplateEngine(): TemplateEngine {
  shared ??= createTemplateEngine();
  return shared;
}

/**
 * Compiles a script, or returns its first problem with a 1-based line and column. Results are
 * cached by source and format, so calling this on the send path for every message is cheap.
 */
export function compileTemplate(source: string, options?: CompileOptions): CompileResult {
  return defaultTemplateEngine().compile(source, options);
}

/**
 * Everything the editor needs about a script: the variables it reads (for "variables to insert"
 * and for checking them against `knownVariables`), the helpers it uses, and every problem.
 */
export function validateTemplate(source: string, options?: ValidateOptions): TemplateValidation {
  return defaultTemplateEngine().validate(source, options);
}

/** Counters of the default engine's compile cache. */
export function templateCacheStats(): CacheStats {
  return defaultTemplateEngine().stats();
}
