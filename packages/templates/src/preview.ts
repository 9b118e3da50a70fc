import { defaultTemplateEngine } from './default-engine.ts';
import type { CompileOptions, TemplateEngine } from './engine.ts';
import type { RenderError, TemplateProblem } from './errors.ts';
import { type RenderOptions, render } from './render.ts';
import { type SmsSegments, smsSegments } from './sms-segments.ts';

/** The customer a message is for, as the profile holds it. */
export interface TemplateCustomer {
  id: string;
  attributes?: Readonly<Record<string, unknown>>;
  tags?: readonly string[];
  name?: string | null;
  phone?: string | null;
}

/** Values besides the customer: the triggering event, journey values and the sending time. */
export interface ContextExtras {
  event?: Readonly<Record<string, unknown>> | null;
  journey?: Readonly<Record<string, unknown>> | null;
  /** The time of sending, `{{now}}`; injected so previews and tests are repeatable. Default: now. */
  now?: Date;
}

/**
 * The data a script is filled with, in the documented namespaces: `customer` (id, name, phone),
 * `attributes`, `tags`, `event`, `journey`, `now`. Namespaces are always present (empty when
 * there is no event), so `{{default event.amount 0}}` works without an event while
 * `{{event.amount}}` reports the missing variable. A customer without a name has no
 * `customer.name` at all, so strict mode reports it rather than printing nothing.
 */
export function buildRenderContext(
  customer: TemplateCustomer,
  extras: ContextExtras = {},
): Record<string, unknown> {
  const who: Record<string, unknown> = { id: customer.id };
  if (customer.name !== undefined && customer.name !== null) who.name = customer.name;
  if (customer.phone !== undefined && customer.phone !== null) who.phone = customer.phone;
  return {
    customer: who,
    attributes: { ...(customer.attributes ?? {}) },
    tags: [...(customer.tags ?? [])],
    event: { ...(extras.event ?? {}) },
    journey: { ...(extras.journey ?? {}) },
    now: extras.now ?? new Date(),
  };
}

export interface PreviewOptions extends CompileOptions, RenderOptions, ContextExtras {
  /** Engine to compile with; the shared default engine unless given. */
  engine?: TemplateEngine;
}

/** A filled-in preview, with its SMS cost for text scripts; or the located problem. */
export type PreviewResult =
  | { ok: true; text: string; variables: readonly string[]; sms?: SmsSegments }
  | { ok: false; error: TemplateProblem | RenderError };

/**
 * Compiles (through the cache) and fills a script for one customer, as the API preview and the
 * browser preview show it. Never throws.
 */
export function previewTemplate(
  source: string,
  customer: TemplateCustomer,
  options: PreviewOptions = {},
): PreviewResult {
  const engine = options.engine ?? defaultTemplateEngine();
  const compiled = engine.compile(source, options);
  if (!compiled.ok) return compiled;
  let context: Record<string, unknown>;
  try {
    context = buildRenderContext(customer, options);
  } catch {
    return {
      ok: false,
      error: { code: 'template.render', message: 'The customer for this preview could not be read.' },
    };
  }
  const rendered = render(compiled.template, context, options);
  if (!rendered.ok) return rendered;
  const { template } = compiled;
  if (template.format === 'html') return { ok: true, text: rendered.text, variables: template.variables };
  return { ok: true, text: rendered.text, variables: template.variables, sms: smsSegments(rendered.text) };
}
