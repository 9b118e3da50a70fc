import type { CustomerEvent } from '@waymark/conditions';
import type { EffectOutcome, SplitStats } from '@waymark/journey/runtime';
import type { EngineResources } from '../runtime/resources.ts';
import type { CompiledVersion } from './compiled-version.ts';
import type { CustomerRowLite, EnrollmentRow } from './enrollment-row.ts';
import { type LoadedEnrollment, loadedEnrollmentSql } from './loaded-enrollment.ts';
import { loadSplitStats } from './split-stats.ts';
import { versionKey } from './version-cache.ts';

/** A message already claimed for an enrollment, keyed by its idempotency key. */
export interface KnownMessage {
  id: number;
  status: string;
  channel: string;
  updatedAt: Date;
  /** What sending it needs, when the step that claimed it delivers it itself (see `deliverInStep`). */
  outgoing?: { key: string; body: string | null; connectorId: string | null; attempts: number };
}

/** Everything a batch of enrollments needs, read in a handful of queries rather than per customer. */
export interface StepContext {
  enrollments: EnrollmentRow[];
  versions: Map<string, CompiledVersion>;
  journeyStatus: Map<string, string>;
  customers: Map<string, CustomerRowLite>;
  triggerEvents: Map<string, CustomerEvent>;
  /** Events per customer: those a wait is waiting for, and those a filter counts. */
  events: Map<string, CustomerEvent[]>;
  messages: Map<string, KnownMessage>;
  splitStats: Map<string, SplitStats>;
}

type EventRow = { customer_id: string; name: string; properties: Record<string, unknown>; occurred_at: Date };
const toEvent = (row: EventRow): CustomerEvent => ({
  name: row.name,
  properties: row.properties,
  occurredAt: new Date(row.occurred_at),
});

/** Reads a batch of enrollments (only those still moving: active or waiting) and what stepping them needs. */
export async function loadStepContext(
  r: EngineResources,
  ids: readonly number[],
  now: Date,
  /**
   * False for a batch that has just entered: it has no messages unless its job is a retry, and
   * those few are found when the step claims them (the claim's conflict reads the existing row),
   * so the batch skips a probe of the messages per enrollment.
   */
  withMessages = true,
): Promise<StepContext> {
  const { columns, joins } = loadedEnrollmentSql();
  const messages = withMessages
    ? `(SELECT json_agg(json_build_object('id', m.id, 'key', m.idempotency_key, 'status', m.status,
                                         'channel', m.channel, 'updatedAt', m.updated_at))
          FROM messages m WHERE m.enrollment_id = e.id)`
    : 'NULL::json';
  // One round trip for the batch, with the messages already claimed for each enrollment.
  const rows = await r.db.query<LoadedEnrollment>(
    `SELECT ${columns}, ${messages} AS messages
       FROM enrollments e
       ${joins}
      WHERE e.id = ANY($1::bigint[]) AND e.status IN ('active', 'waiting')
      ORDER BY e.id`,
    [ids],
    { prepare: true },
  );
  return buildStepContext(r, rows, now);
}

/** Completes a step context from loaded enrollments: versions, counted events, split stats. */
export async function buildStepContext(
  r: EngineResources,
  rows: readonly LoadedEnrollment[],
  now: Date,
): Promise<StepContext> {
  const { db } = r;
  const enrollments: EnrollmentRow[] = [...rows];
  const versions = await r.versions.getMany(
    [...new Map(rows.map((e) => [versionKey(e.journey_id, e.version), e])).values()].map((e) => ({
      journeyId: e.journey_id,
      version: e.version,
    })),
  );
  const journeyStatus = new Map<string, string>();
  const customers = new Map<string, CustomerRowLite>();
  const triggerEvents = new Map<string, CustomerEvent>();
  const messages = new Map<string, KnownMessage>();
  for (const row of rows) {
    if (row.journey_status) journeyStatus.set(row.journey_id, row.journey_status);
    if (row.c_id) {
      customers.set(row.c_id, {
        id: row.c_id,
        attributes: row.c_attributes ?? {},
        tags: row.c_tags ?? [],
        consent: row.c_consent ?? {},
        name_enc: row.c_name_enc,
        phone_enc: row.c_phone_enc,
        email_enc: row.c_email_enc,
        locale: row.c_locale,
      });
    }
    if (row.trigger_event_id && row.t_name) {
      triggerEvents.set(row.trigger_event_id, {
        name: row.t_name,
        properties: row.t_properties ?? {},
        occurredAt: new Date(row.t_occurred_at as Date),
      });
    }
    for (const m of row.messages ?? []) {
      messages.set(m.key, {
        id: m.id,
        status: m.status,
        channel: m.channel,
        updatedAt: new Date(m.updatedAt),
      });
    }
  }

  // Waits look back from their deadline; filters look back from now.
  const wanted: { customer: string; name: string; since: Date }[] = [];
  for (const e of enrollments) {
    if (e.waiting_event && !e.waiting_event.startsWith('@') && e.wake_at) {
      wanted.push({
        customer: e.customer_id,
        name: e.waiting_event,
        since: new Date(e.wake_at.getTime() - 367 * 86_400_000),
      });
    }
    const version = versions.get(versionKey(e.journey_id, e.version));
    for (const name of version?.countedEvents.names ?? []) {
      const days = version?.countedEvents.withinDays ?? 0;
      wanted.push({ customer: e.customer_id, name, since: new Date(now.getTime() - days * 86_400_000) });
    }
  }
  const eventRows =
    wanted.length === 0
      ? []
      : await db.query<EventRow>(
          `SELECT DISTINCT e.customer_id, e.name, e.properties, e.occurred_at, e.seq
             FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS w(customer_id, name, since)
             JOIN events e ON e.customer_id = w.customer_id AND e.name = w.name AND e.occurred_at >= w.since
            ORDER BY e.seq`,
          [wanted.map((w) => w.customer), wanted.map((w) => w.name), wanted.map((w) => w.since)],
        );
  const events = new Map<string, CustomerEvent[]>();
  for (const row of eventRows) {
    const list = events.get(row.customer_id);
    if (list) list.push(toEvent(row));
    else events.set(row.customer_id, [toEvent(row)]);
  }

  return {
    enrollments,
    versions,
    journeyStatus,
    customers,
    triggerEvents,
    events,
    messages,
    splitStats: await loadSplitStats(r, enrollments, versions),
  };
}

/** How the engine reports a known message to the node that sent it. */
export function effectOf(
  message: KnownMessage | undefined,
  now: Date,
  unknownGiveUpMs: number,
): EffectOutcome | undefined {
  if (!message) return undefined;
  switch (message.status) {
    case 'sent':
    case 'delivered':
    case 'failed':
    case 'suppressed':
      return { status: message.status, unknownTooLong: false };
    case 'unknown':
      return {
        status: 'unknown',
        unknownTooLong: now.getTime() - new Date(message.updatedAt).getTime() > unknownGiveUpMs,
      };
    default:
      return { status: 'pending', unknownTooLong: false };
  }
}
