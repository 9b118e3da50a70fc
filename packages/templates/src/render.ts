import { type CompiledTemplate, internalsOf } from './compiled-template.ts';
import { RenderAbort, type RenderError } from './errors.ts';
import type { TemplateFormat } from './handlebars-env.ts';
import { defaultTimeZone, isKnownTimeZone, toTemplateLocale } from './locale.ts';
import { toRenderData } from './render-data.ts';
import { toRenderError } from './render-failure.ts';
import { beginSession, endSession, monotonicNow, RenderSession, tooLong } from './render-session.ts';
import { preparedRunOptions } from './runtime-state.ts';

/**
 * Bounds and formatting for one render.
 *
 * What the bounds guarantee: Handlebars renders synchronously, so the clock is read at every
 * helper call and before every block body (each iteration of `#each`, every taken `#if` /
 * `#unless` / `#with` branch). Between two checks the work is one helper on one value or one
 * straight run of template text, both limited by the template's length, so a render ends within
 * about `timeoutMs` plus one such step. Independently of the clock, at most `maxIterations` block
 * bodies run, and output is counted as blocks complete, so a loop that would build a huge text
 * stops as soon as it passes `maxOutputChars`, before the whole text is built.
 */
export interface RenderOptions {
  /** Longest allowed output in UTF-16 code units. Default 10,000 for text, 500,000 for HTML. */
  maxOutputChars?: number;
  /**
   * Wall-clock budget in milliseconds. Default 1,000: a backstop only — the iteration and output
   * caps bound the work deterministically, and a tighter clock failed real scripts on a busy
   * machine (a GC pause or the first Intl formatter of a process can take tens of ms).
   */
  timeoutMs?: number;
  /** Block bodies allowed in one render (loop iterations, taken branches). Default 10,000. */
  maxIterations?: number;
  /** Language of numbers and dates: `zh-CN` (default) or `en`; other `zh-*` / `en-*` tags map to these. */
  locale?: string;
  /** IANA zone dates are shown in. Default `Asia/Shanghai`. */
  timeZone?: string;
}

/** The text of a message, or why it could not be produced. */
export type RenderResult = { ok: true; text: string } | { ok: false; error: RenderError };

/** Defaults per format: an SMS / WeCom script is short; an e-mail body can be long HTML. */
export const defaultRenderBounds: Readonly<Record<TemplateFormat, { maxOutputChars: number }>> & {
  timeoutMs: number;
  maxIterations: number;
} = {
  text: { maxOutputChars: 10_000 },
  html: { maxOutputChars: 500_000 },
  timeoutMs: 1_000,
  maxIterations: 10_000,
};

function positive(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) {
    throw new RenderAbort('template.render', `${name} must be a positive number.`);
  }
  return value;
}

function sessionFor(
  format: TemplateFormat,
  options: RenderOptions,
  argumentNames: RenderSession['argumentNames'],
) {
  const locale = options.locale === undefined ? 'zh-CN' : toTemplateLocale(options.locale);
  if (locale === undefined) {
    throw new RenderAbort(
      'template.render',
      `Scripts can be written in zh-CN or en, not "${String(options.locale)}".`,
    );
  }
  const timeZone = options.timeZone ?? defaultTimeZone;
  if (!isKnownTimeZone(timeZone)) {
    throw new RenderAbort(
      'template.render',
      `"${String(timeZone)}" is not a known time zone (e.g. Asia/Shanghai).`,
    );
  }
  const timeoutMs = positive(options.timeoutMs, 'timeoutMs', defaultRenderBounds.timeoutMs);
  const bounds = {
    timeoutMs,
    deadline: monotonicNow() + timeoutMs,
    maxIterations: positive(options.maxIterations, 'maxIterations', defaultRenderBounds.maxIterations),
    maxOutputChars: positive(
      options.maxOutputChars,
      'maxOutputChars',
      defaultRenderBounds[format].maxOutputChars,
    ),
  };
  return new RenderSession(bounds, { locale, timeZone }, argumentNames);
}

/**
 * Fills a compiled template with `data` (a plain object; see `buildRenderContext` for the
 * customer namespace). Never throws: every failure comes back as a coded, planner-readable error,
 * located in the template when the failing expression is known.
 */
export function render(template: CompiledTemplate, data: unknown, options: RenderOptions = {}): RenderResult {
  const inner = internalsOf(template);
  if (inner === undefined) {
    return {
      ok: false,
      error: { code: 'template.render', message: 'This is not a compiled template: compile it first.' },
    };
  }
  try {
    const session = sessionFor(template.format, options ?? {}, inner.argumentsAt);
    const context = toRenderData(data);
    const previous = beginSession(session);
    let text: unknown;
    try {
      text = inner.run(context, preparedRunOptions(inner.runtime, inner.partials, context));
    } finally {
      endSession(previous);
    }
    if (typeof text !== 'string') throw new RenderAbort('template.render', 'The script produced no text.');
    if (text.length > session.bounds.maxOutputChars) throw tooLong(session.bounds.maxOutputChars);
    return { ok: true, text };
  } catch (error) {
    return { ok: false, error: toRenderError(error, inner) };
  }
}
