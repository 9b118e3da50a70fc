import type { CustomerEvent } from '@waymark/conditions';
import type { Effect } from '@waymark/journey/runtime';
import type { EngineResources } from '../runtime/resources.ts';
import type { CompiledVersion } from '../steps/compiled-version.ts';
import type { CustomerRowLite } from '../steps/enrollment-row.ts';
import type { KnownMessage } from '../steps/load-step-context.ts';
import type { Walk } from '../steps/walk-enrollment.ts';
import { recentMessageCounts } from './frequency-caps.ts';
import { loadTemplates, type RenderInput, renderContent } from './render-content.ts';

/** One walk that stopped at an effect, with what claiming it needs. */
export interface EffectClaim {
  walk: Walk & { needs: NonNullable<Walk['needs']> };
  version: CompiledVersion;
  customer: CustomerRowLite;
  trigger: CustomerEvent | undefined;
}

interface NewMessage {
  key: string;
  enrollmentId: number;
  journeyId: string;
  nodeId: string;
  customerId: string;
  channel: string;
  connectorId: string;
  templateId: string | null;
  variant: string | null;
  body: string | null;
  status: 'claimed' | 'suppressed' | 'failed';
  reason: string | null;
}

/** The connector row webhook nodes call through (a built-in strict one when the bank has none). */
export const webhookConnectorId = 'webhook';

/**
 * Claims the messages of a batch before anything leaves the building: one row per idempotency key
 * (`ON CONFLICT DO NOTHING`, so a repeated step finds the row it made before). Consent and the
 * journey's frequency cap are checked here; a withheld message is stored as `suppressed` and a
 * message that cannot be written (deleted template, failing script) as `failed`, each with the
 * reason, so the node can continue down the matching port.
 */
export async function claimEffects(
  r: EngineResources,
  claims: readonly EffectClaim[],
  now: Date,
): Promise<Map<string, KnownMessage>> {
  if (claims.length === 0) return new Map();
  const templates = await loadTemplates(
    r,
    claims.flatMap((c) =>
      c.walk.needs.effect.kind === 'send' && c.walk.needs.effect.content.kind === 'template'
        ? [c.walk.needs.effect.content.templateId]
        : [],
    ),
  );
  const caps = await capCounters(r, claims, now);
  const rows: NewMessage[] = [];
  for (const claim of claims) {
    const { walk, version, customer } = claim;
    const { effect, key, nodeId } = walk.needs;
    const base = {
      key,
      enrollmentId: walk.enrollment.id,
      journeyId: version.journeyId,
      nodeId,
      customerId: customer.id,
      templateId: null,
      variant: null,
      body: null,
      reason: null,
    };
    if (effect.kind === 'call') {
      rows.push({
        ...base,
        ...webhookMessage(r, effect, claim, now),
        channel: 'webhook',
        connectorId: webhookConnectorId,
      });
      continue;
    }
    const message = {
      ...base,
      channel: effect.channel,
      connectorId: effect.connectorId,
      variant: effect.variant ?? null,
    };
    if (customer.consent[effect.channel] === false) {
      rows.push({
        ...message,
        status: 'suppressed',
        reason: `no-consent: the customer opted out of ${effect.channel}`,
      });
      continue;
    }
    const cap = version.settings.frequencyCap;
    const counter = caps.get(version.journeyId);
    if (cap && counter && (counter.get(customer.id) ?? 0) >= cap.maxMessages) {
      rows.push({
        ...message,
        status: 'suppressed',
        reason: `frequency-cap: already ${cap.maxMessages} message(s) from this journey in ${cap.perDays} day(s)`,
      });
      continue;
    }
    const content = renderContent(r, {
      effect,
      customer: renderedCustomer(claim),
      event: claim.trigger?.properties,
      journey: { id: version.journeyId, timeZone: version.settings.timeZone },
      templates,
      now,
      subjectFallback: effect.channel === 'email' ? messageName(version, nodeId) : undefined,
    });
    if (!content.ok) {
      rows.push({ ...message, status: 'failed', reason: content.reason });
      continue;
    }
    counter?.set(customer.id, (counter.get(customer.id) ?? 0) + 1);
    rows.push({ ...message, status: 'claimed', body: content.body, templateId: content.templateId });
  }
  return insertMessages(r, rows, now);
}

async function capCounters(r: EngineResources, claims: readonly EffectClaim[], now: Date) {
  const counters = new Map<string, Map<string, number>>();
  const byJourney = new Map<string, { days: number; customers: Set<string> }>();
  for (const c of claims) {
    const cap = c.version.settings.frequencyCap;
    if (!cap || c.walk.needs.effect.kind !== 'send') continue;
    const entry = byJourney.get(c.version.journeyId) ?? { days: cap.perDays, customers: new Set<string>() };
    entry.customers.add(c.customer.id);
    byJourney.set(c.version.journeyId, entry);
  }
  for (const [journeyId, { days, customers }] of byJourney) {
    counters.set(
      journeyId,
      await recentMessageCounts(r, journeyId, [...customers], new Date(now.getTime() - days * 86_400_000)),
    );
  }
  return counters;
}

/** The planner's name for a send node's message ("理财到期提醒"): an e-mail's subject when it has none. */
function messageName(version: CompiledVersion, nodeId: string): string | undefined {
  const config = version.nodes.get(nodeId)?.config as { messageName?: string } | undefined;
  return config?.messageName?.trim() || undefined;
}

/** The customer a message is written for: the profile as the walk left it. */
function renderedCustomer(claim: EffectClaim): RenderInput['customer'] {
  const snapshot = claim.walk.customer;
  return {
    id: claim.customer.id,
    attributes: snapshot?.attributes ?? claim.customer.attributes,
    tags: snapshot?.tags ?? claim.customer.tags,
    nameEnc: claim.customer.name_enc,
  };
}

function webhookMessage(
  r: EngineResources,
  effect: Extract<Effect, { kind: 'call' }>,
  claim: EffectClaim,
  now: Date,
): Pick<NewMessage, 'body' | 'status' | 'reason'> {
  let body: unknown = null;
  if (effect.bodyTemplate) {
    const rendered = renderContent(r, {
      effect: {
        kind: 'send',
        channel: 'rm',
        connectorId: webhookConnectorId,
        content: { kind: 'inline', body: effect.bodyTemplate },
        variant: undefined,
      },
      customer: renderedCustomer(claim),
      event: claim.trigger?.properties,
      journey: { id: claim.version.journeyId, timeZone: claim.version.settings.timeZone },
      templates: new Map(),
      now,
    });
    if (!rendered.ok) return { body: null, status: 'failed', reason: rendered.reason };
    try {
      body = JSON.parse(rendered.body);
    } catch {
      body = rendered.body;
    }
  }
  const call = {
    url: effect.url,
    method: effect.method,
    headers: {},
    body,
    timeoutSeconds: effect.timeoutSeconds,
  };
  return { body: JSON.stringify(call), status: 'claimed', reason: null };
}

async function insertMessages(
  r: EngineResources,
  rows: readonly NewMessage[],
  now: Date,
): Promise<Map<string, KnownMessage>> {
  const inserted = await r.db.query<{ id: number; idempotency_key: string; status: string; channel: string }>(
    `INSERT INTO messages (idempotency_key, enrollment_id, journey_id, node_id, customer_id, channel, connector_id,
                           template_id, variant, body, status, reason, created_at, updated_at)
     SELECT k, e, j, n, c, ch, co, t, v, b, s, rs, $13, $13
       FROM unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[],
                   $8::uuid[], $9::text[], $10::text[], $11::text[], $12::text[])
            AS x(k, e, j, n, c, ch, co, t, v, b, s, rs)
     ON CONFLICT (idempotency_key) DO NOTHING
     RETURNING id, idempotency_key, status, channel`,
    [
      rows.map((m) => m.key),
      rows.map((m) => m.enrollmentId),
      rows.map((m) => m.journeyId),
      rows.map((m) => m.nodeId),
      rows.map((m) => m.customerId),
      rows.map((m) => m.channel),
      rows.map((m) => m.connectorId),
      rows.map((m) => m.templateId),
      rows.map((m) => m.variant),
      rows.map((m) => m.body),
      rows.map((m) => m.status),
      rows.map((m) => m.reason),
      now,
    ],
    { prepare: true },
  );
  const decided = inserted.filter((m) => m.status !== 'claimed');
  if (decided.length > 0) {
    const reasons = new Map(rows.map((m) => [m.key, m.reason]));
    await r.db.query(
      `INSERT INTO message_events (message_id, status, detail, at)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::jsonb[], $4::timestamptz[])`,
      [
        decided.map((m) => m.id),
        decided.map((m) => m.status),
        decided.map((m) => JSON.stringify({ reason: reasons.get(m.idempotency_key) })),
        decided.map(() => now),
      ],
    );
  }
  const byKey = new Map(rows.map((m) => [m.key, m]));
  const known = new Map<string, KnownMessage>(
    inserted.map((m) => {
      const row = byKey.get(m.idempotency_key);
      const outgoing = {
        key: m.idempotency_key,
        body: row?.body ?? null,
        connectorId: row?.connectorId ?? null,
        attempts: 0,
      };
      return [
        m.idempotency_key,
        { id: m.id, status: m.status, channel: m.channel, updatedAt: now, outgoing },
      ];
    }),
  );
  const missing = rows.map((m) => m.key).filter((k) => !known.has(k));
  if (missing.length > 0) {
    const existing = await r.db.query<{
      id: number;
      idempotency_key: string;
      status: string;
      channel: string;
      updated_at: Date;
      body: string | null;
      connector_id: string | null;
      attempts: number;
    }>(
      `SELECT id, idempotency_key, status, channel, updated_at, body, connector_id, attempts
         FROM messages WHERE idempotency_key = ANY($1::text[])`,
      [missing],
    );
    for (const m of existing)
      known.set(m.idempotency_key, {
        id: m.id,
        status: m.status,
        channel: m.channel,
        updatedAt: m.updated_at,
        outgoing: { key: m.idempotency_key, body: m.body, connectorId: m.connector_id, attempts: m.attempts },
      });
  }
  return known;
}
