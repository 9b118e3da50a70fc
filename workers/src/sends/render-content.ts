import { emailBodies } from '@waymark/connectors';
import type { PiiCipher } from '@waymark/db/crypto';
import type { Effect } from '@waymark/journey/runtime';
import { buildRenderContext, render, type TemplateChannel } from '@waymark/templates';
import type { EngineResources } from '../runtime/resources.ts';

/** A stored template as a send needs it. */
export interface TemplateRow {
  id: string;
  channel: string;
  /** The e-mail subject (a script like the body); null for other channels. */
  subject: string | null;
  body: string;
  archived_at: Date | null;
}

/**
 * The text of a message, or why it cannot be written (recorded as the message's failure reason).
 * An e-mail's body is JSON `{ subject, text, html }`, everything its connector needs besides the
 * address (which stays encrypted on the customer until delivery).
 */
export type RenderedContent =
  | { ok: true; body: string; templateId: string | null }
  | { ok: false; reason: string };

export interface RenderInput {
  effect: Extract<Effect, { kind: 'send' }>;
  /** The profile to fill in; the name stays encrypted unless the script may show it. */
  customer: {
    id: string;
    attributes: Record<string, unknown>;
    tags: readonly string[];
    nameEnc: string | null;
  };
  event: Record<string, unknown> | undefined;
  journey: { id: string; timeZone: string };
  templates: ReadonlyMap<string, TemplateRow>;
  now: Date;
  /** The e-mail subject when neither the inline content nor the template has one (the node's message name). */
  subjectFallback?: string | undefined;
}

/**
 * Renders a send's script for one customer. A deleted template, a template of another channel or
 * a script that fails for this customer (a missing variable) is a reason, never an exception, so
 * one bad message never stops the rest of a batch. The customer's name is decrypted only for a
 * script that may show it: one AES-GCM decryption costs about half as much CPU as the render.
 */
export function renderContent(
  r: Pick<EngineResources, 'templates' | 'cipher'>,
  input: RenderInput,
): RenderedContent {
  const { effect } = input;
  let source: string;
  let subjectSource: string | null = null;
  let templateId: string | null = null;
  if (effect.content.kind === 'template') {
    const template = input.templates.get(effect.content.templateId);
    if (!template || template.archived_at) {
      return {
        ok: false,
        reason: `template-missing: template ${effect.content.templateId} was deleted or archived`,
      };
    }
    if (template.channel !== effect.channel) {
      return {
        ok: false,
        reason: `template-channel: template ${template.id} is for ${template.channel}, not ${effect.channel}`,
      };
    }
    source = template.body;
    subjectSource = template.subject;
    templateId = template.id;
  } else {
    source = effect.content.body;
    subjectSource = effect.content.subject ?? null;
  }
  const compiled = r.templates.compile(source, { channel: effect.channel as TemplateChannel });
  if (!compiled.ok) return { ok: false, reason: `template-invalid: ${compiled.error.message}` };
  const email = effect.channel === 'email';
  // A subject is a header, not HTML: rendered as text, so "&" stays "&".
  const subject =
    email && subjectSource?.trim() ? r.templates.compile(subjectSource, { format: 'text' }) : null;
  if (subject && !subject.ok)
    return { ok: false, reason: `template-invalid: subject: ${subject.error.message}` };
  const usesName =
    compiled.template.usesCustomerName || (subject?.ok === true && subject.template.usesCustomerName);
  const context = buildRenderContext(
    {
      id: input.customer.id,
      attributes: input.customer.attributes,
      tags: input.customer.tags,
      name: usesName ? decryptName(r.cipher, input.customer.nameEnc) : null,
    },
    { event: input.event ?? null, journey: { id: input.journey.id }, now: input.now },
  );
  const options = { timeZone: input.journey.timeZone };
  const rendered = render(compiled.template, context, options);
  if (!rendered.ok) return { ok: false, reason: `render-failed: ${rendered.error.message}` };
  if (!email) return { ok: true, body: rendered.text, templateId };

  let subjectText = input.subjectFallback ?? '';
  if (subject?.ok) {
    const renderedSubject = render(subject.template, context, options);
    if (!renderedSubject.ok)
      return { ok: false, reason: `render-failed: subject: ${renderedSubject.error.message}` };
    subjectText = renderedSubject.text;
  }
  // One line: a line break in a header would end it (and a script must not write headers).
  subjectText = subjectText.replace(/\s+/g, ' ').trim();
  if (!subjectText) {
    return {
      ok: false,
      reason:
        'subject-missing: the e-mail has no subject (give the content or template one, or name the message)',
    };
  }
  return {
    ok: true,
    body: JSON.stringify({ subject: subjectText, ...emailBodies(rendered.text) }),
    templateId,
  };
}

/** The customer's name, or none when it cannot be decrypted (the script then reports it missing). */
function decryptName(cipher: PiiCipher, nameEnc: string | null): string | null {
  try {
    return cipher.decryptOptional(nameEnc);
  } catch {
    return null;
  }
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Loads the templates a batch of sends refers to (ids that are not UUIDs cannot exist). */
export async function loadTemplates(
  r: EngineResources,
  ids: readonly string[],
): Promise<Map<string, TemplateRow>> {
  const valid = [...new Set(ids.filter((id) => uuid.test(id)))];
  if (valid.length === 0) return new Map();
  const rows = await r.db.query<TemplateRow & Record<string, unknown>>(
    'SELECT id, channel, subject, body, archived_at FROM templates WHERE id = ANY($1::uuid[])',
    [valid],
  );
  return new Map(rows.map((t) => [t.id, t]));
}
