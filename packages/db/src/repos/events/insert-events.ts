import type { Db } from '../../client/types.ts';

/** An event as a caller sends it; `eventId` is the caller's id and makes ingestion idempotent. */
export interface EventInput {
  eventId: string;
  customerId: string;
  name: string;
  properties?: Record<string, unknown>;
  occurredAt: Date | string;
}

/** What became of one input event, in input order. */
export interface EventInsertOutcome {
  eventId: string;
  /** `inserted` the first time this event id is seen, `duplicate` afterwards (nothing stored). */
  status: 'inserted' | 'duplicate';
  /** Sequence number of the stored event (only for inserted ones): events are ordered by it. */
  seq: number | null;
}

/** Most events per statement; larger batches are split. */
const CHUNK = 2_000;

/**
 * Appends events, skipping any whose `eventId` is already stored (`ON CONFLICT (event_id) DO
 * NOTHING`), so a client retrying a request never records an event twice. Returns per event whether
 * it was new; an id repeated inside the batch counts as inserted once and duplicate after that.
 */
export async function insertEvents(db: Db, events: readonly EventInput[]): Promise<EventInsertOutcome[]> {
  const outcomes: EventInsertOutcome[] = [];
  for (let start = 0; start < events.length; start += CHUNK) {
    outcomes.push(...(await insertChunk(db, events.slice(start, start + CHUNK))));
  }
  return outcomes;
}

async function insertChunk(db: Db, events: readonly EventInput[]): Promise<EventInsertOutcome[]> {
  const firstIndex = new Map<string, number>();
  events.forEach((e, i) => {
    if (!firstIndex.has(e.eventId)) firstIndex.set(e.eventId, i);
  });
  const unique = [...firstIndex.values()].map((i) => events[i]!);
  const rows =
    unique.length === 0
      ? []
      : await db.query<{ event_id: string; seq: number }>(
          `INSERT INTO events (event_id, customer_id, name, properties, occurred_at)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::timestamptz[])
           ON CONFLICT (event_id) DO NOTHING
           RETURNING event_id, seq`,
          [
            unique.map((e) => e.eventId),
            unique.map((e) => e.customerId),
            unique.map((e) => e.name),
            unique.map((e) => JSON.stringify(e.properties ?? {})),
            unique.map((e) => occurredAtIso(e)),
          ],
        );
  const stored = new Map(rows.map((r) => [r.event_id, r.seq]));
  return events.map((e, i) => {
    const seq = firstIndex.get(e.eventId) === i ? stored.get(e.eventId) : undefined;
    return seq === undefined
      ? { eventId: e.eventId, status: 'duplicate', seq: null }
      : { eventId: e.eventId, status: 'inserted', seq };
  });
}

function occurredAtIso(event: EventInput): string {
  const at = new Date(event.occurredAt);
  if (Number.isNaN(at.getTime())) {
    throw new RangeError(
      `Event "${event.eventId}" has an occurredAt that is not a date: ${String(event.occurredAt)}.`,
    );
  }
  return at.toISOString();
}
