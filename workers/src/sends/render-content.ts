import type { PiiCipher } from '@waymark/db/crypto';
import type { Effect } from '@waymark/journey/runtime';
import { buildRenderContext, render, type TemplateChannel } from '@waymark/templates';
import type { EngineResources } from '../runtime/resources.ts';

/** A stored template as a send needs it. */
export interface TemplateRow {
  id: string;
  channel: string;
  body: string;
  archived_at: Date | null;
}

/** The text of a message, or why it cannot be written (recorded as the message's failure reason). */
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
    templateId = template.id;
  } else {
    source = effect.content.body;
  }
  const compiled = r.templates.compile(source, { channel: effect.channel as TemplateChannel });
  if (!compiled.ok) return { ok: false, reason: `template-invalid: ${compiled.error.message}` };
  const context = buildRenderContext(
    {
      id: input.customer.id,
      attributes: input.customer.attributes,
      tags: input.customer.tags,
      name: compiled.template.usesCustomerName ? decryptName(r.cipher, input.customer.nameEnc) : null,
    },
    { event: input.event ?? null, journey: { id: input.journey.id }, now: input.now },
  );
  const rendered = render(compiled.template, context, { timeZone: input.journey.timeZone });
  if (!rendered.ok) return { ok: false, reason: `render-failed: ${rendered.error.message}` };
  return { ok: true, body: rendered.text, templateId };
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
    'SELECT id, channel, body, archived_at FROM templates WHERE id = ANY($1::uuid[])',
    [valid],
  );
  return new Map(rows.map((t) => [t.id, t]));
}
