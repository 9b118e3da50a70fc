import type { CustomerEvent } from '@waymark/conditions';
import type { Db } from '@waymark/db';

/** An ingested event as the engine handles it. */
export interface StoredEvent extends CustomerEvent {
  /** Storage order (the events table's key). */
  seq: number;
  eventId: string;
  customerId: string;
}

/** The stored events among `eventIds`, in the order they were stored. */
export async function loadEvents(db: Db, eventIds: readonly string[]): Promise<StoredEvent[]> {
  const rows = await db.query<{
    seq: number;
    event_id: string;
    customer_id: string;
    name: string;
    properties: Record<string, unknown>;
    occurred_at: Date;
  }>(
    'SELECT seq, event_id, customer_id, name, properties, occurred_at FROM events WHERE event_id = ANY($1::text[]) ORDER BY seq',
    [eventIds],
    { prepare: true },
  );
  return rows.map((row) => ({
    seq: row.seq,
    eventId: row.event_id,
    customerId: row.customer_id,
    name: row.name,
    properties: row.properties,
    occurredAt: new Date(row.occurred_at),
  }));
}
