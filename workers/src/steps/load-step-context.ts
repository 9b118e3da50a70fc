import type { CustomerEvent } from '@waymark/conditions';
import type { EffectOutcome, SplitStats } from '@waymark/journey/runtime';
import type { EngineResources } from '../runtime/resources.ts';
import type { CompiledVersion } from './compiled-version.ts';
import { type CustomerRowLite, type EnrollmentRow, enrollmentColumns } from './enrollment-row.ts';
import { loadSplitStats } from './split-stats.ts';
import { versionKey } from './version-cache.ts';

/** A message already claimed for an enrollment, keyed by its idempotency key. */
export interface KnownMessage {
  id: number;
  status: string;
  channel: string;
  updatedAt: Date;
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
  /** Completed passes through effect nodes on loops, per `enrollmentId:nodeId`. */
  visits: Map<string, number>;
  splitStats: Map<string, SplitStats>;
}

type EventRow = { customer_id: string; name: string; properties: Record<string, unknown>; occurred_at: Date };
const toEvent = (row: EventRow): CustomerEvent => ({
  name: row.name,
  properties: row.properties,
  occurredAt: new Date(row.occurred_at),
});

export async function loadStepContext(
  r: EngineResources,
  ids: readonly number[],
  now: Date,
): Promise<StepContext> {
  const { db } = r;
  const enrollments = await db.query<EnrollmentRow>(
    `SELECT ${enrollmentColumns} FROM enrollments WHERE id = ANY($1::bigint[]) AND status IN ('active', 'waiting') ORDER BY id`,
    [ids],
  );
  const versionKeys = new Map(enrollments.map((e) => [versionKey(e.journey_id, e.version), e]));
  const versions = await r.versions.getMany(
    [...versionKeys.values()].map((e) => ({ journeyId: e.journey_id, version: e.version })),
  );
  const journeyIds = [...new Set(enrollments.map((e) => e.journey_id))];
  const customerIds = [...new Set(enrollments.map((e) => e.customer_id))];
  const triggerIds = enrollments.map((e) => e.trigger_event_id).filter((id): id is string => id !== null);

  const [journeys, customers, triggers, messages] = await Promise.all([
    db.query<{ id: string; status: string }>('SELECT id, status FROM journeys WHERE id = ANY($1::uuid[])', [
      journeyIds,
    ]),
    db.query<CustomerRowLite>(
      'SELECT id, attributes, tags, consent, name_enc, locale FROM customers WHERE id = ANY($1::text[])',
      [customerIds],
    ),
    triggerIds.length === 0
      ? Promise.resolve([] as (EventRow & { event_id: string })[])
      : db.query<EventRow & { event_id: string }>(
          'SELECT event_id, customer_id, name, properties, occurred_at FROM events WHERE event_id = ANY($1::text[])',
          [triggerIds],
        ),
    db.query<{ id: number; idempotency_key: string; status: string; channel: string; updated_at: Date }>(
      'SELECT id, idempotency_key, status, channel, updated_at FROM messages WHERE enrollment_id = ANY($1::bigint[])',
      [enrollments.map((e) => e.id)],
    ),
  ]);

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
  for (const row of eventRows)
    events.set(row.customer_id, [...(events.get(row.customer_id) ?? []), toEvent(row)]);

  return {
    enrollments,
    versions,
    journeyStatus: new Map(journeys.map((j) => [j.id, j.status])),
    customers: new Map(customers.map((c) => [c.id, c])),
    triggerEvents: new Map(triggers.map((t) => [t.event_id, toEvent(t)])),
    events,
    messages: new Map(
      messages.map((m) => [
        m.idempotency_key,
        { id: m.id, status: m.status, channel: m.channel, updatedAt: m.updated_at },
      ]),
    ),
    visits: await loadVisits(r, enrollments, versions),
    splitStats: await loadSplitStats(r, enrollments, versions),
  };
}

async function loadVisits(
  r: EngineResources,
  enrollments: EnrollmentRow[],
  versions: Map<string, CompiledVersion>,
) {
  const looping = enrollments.filter(
    (e) => (versions.get(versionKey(e.journey_id, e.version))?.effectNodesOnCycles.size ?? 0) > 0,
  );
  const visits = new Map<string, number>();
  if (looping.length === 0) return visits;
  const rows = await r.db.query<{ enrollment_id: number; node_id: string; n: number }>(
    `SELECT enrollment_id, node_id, count(*)::int AS n FROM step_transitions
      WHERE enrollment_id = ANY($1::bigint[]) GROUP BY enrollment_id, node_id`,
    [looping.map((e) => e.id)],
  );
  for (const row of rows) visits.set(`${row.enrollment_id}:${row.node_id}`, row.n);
  return visits;
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
