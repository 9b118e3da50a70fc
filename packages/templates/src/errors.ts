/**
 * Why a template cannot be compiled. Every problem names where it is (1-based line and column)
 * so the editor can underline it.
 *
 * - `template.syntax`: the text is not valid template syntax, or uses syntax we switch off
 *   (decorators, partial blocks, dynamic partials).
 * - `template.unknown-helper`: a `{{name …}}` call or `{{#name}}` block that is not one of our
 *   helpers, or a helper used the wrong way (a block helper inline, an inline helper as a block).
 * - `template.helper-arguments`: a helper called with too few / too many values or an unknown option.
 * - `template.unknown-partial`: `{{> name}}` for a partial we have not registered.
 * - `template.unknown-variable`: a variable outside the allowed list (only when a list is given),
 *   or an `@name` that does not exist.
 * - `template.forbidden-property`: a path that reaches for JavaScript internals (`constructor`,
 *   `__proto__`, …).
 * - `template.unsafe-html`: `{{{ }}}` / `{{& }}` in an e-mail body, which would let customer data
 *   inject HTML.
 * - `template.too-long`: the template text is too long or nested too deeply.
 */
export type TemplateProblemCode =
  | 'template.syntax'
  | 'template.unknown-helper'
  | 'template.helper-arguments'
  | 'template.unknown-partial'
  | 'template.unknown-variable'
  | 'template.forbidden-property'
  | 'template.unsafe-html'
  | 'template.too-long';

/** One reason a template cannot be used, located in its source. */
export interface TemplateProblem {
  code: TemplateProblemCode;
  /** A sentence a marketing planner understands, naming the offending part. */
  message: string;
  /** 1-based line of the offending part. */
  line: number;
  /** 1-based column (in UTF-16 code units, as editors count) of the offending part. */
  column: number;
}

/**
 * Why rendering stopped.
 *
 * - `template.missing-variable`: the data has no value for a variable the template needs
 *   (wrap optional ones in `{{default …}}`).
 * - `template.too-long`: the output would exceed `maxOutputChars`, or loops repeat more often than
 *   `maxIterations` allows.
 * - `template.timeout`: rendering took longer than `timeoutMs`.
 * - `template.render`: anything else: a helper given a value it cannot format, unusable data.
 */
export type RenderErrorCode =
  | 'template.missing-variable'
  | 'template.too-long'
  | 'template.timeout'
  | 'template.render';

/** A failed render, located when the failing expression is known. */
export interface RenderError {
  code: RenderErrorCode;
  message: string;
  line?: number;
  column?: number;
}

/** A location in template source as Handlebars reports it (1-based line, 0-based column). */
export interface SourceLoc {
  start: { line: number; column: number };
}

/**
 * Thrown inside a render (by helpers and loop guards) to stop it; `render` turns it into a
 * {@link RenderError}. Internal: never escapes the package.
 */
export class RenderAbort extends Error {
  readonly code: RenderErrorCode;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(code: RenderErrorCode, message: string, loc?: SourceLoc) {
    super(message);
    this.name = 'RenderAbort';
    this.code = code;
    this.line = loc?.start.line;
    this.column = loc === undefined ? undefined : loc.start.column + 1;
  }

  toRenderError(): RenderError {
    const error: RenderError = { code: this.code, message: this.message };
    if (this.line !== undefined) error.line = this.line;
    if (this.column !== undefined) error.column = this.column;
    return error;
  }
}

/** Reads a Handlebars `loc` defensively: hostile or hand-built values must not crash reporting. */
export function readLoc(value: unknown): SourceLoc | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const start = (value as { start?: unknown }).start;
  if (typeof start !== 'object' || start === null) return undefined;
  const { line, column } = start as { line?: unknown; column?: unknown };
  if (typeof line !== 'number' || typeof column !== 'number') return undefined;
  return { start: { line, column } };
}

/** `line:column` key used to find what the analysis knows about the expression at a location. */
export function locKey(loc: SourceLoc): string {
  return `${loc.start.line}:${loc.start.column}`;
}
