import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Append-only customer events (a deposit, a card transaction, a login). `eventId` is the caller's
 * id: ingesting the same event twice is a no-op. No foreign key to customers: an event for an
 * unknown customer is still recorded (and the engine records why it enrolled nobody).
 * `processedAt` is set by the engine in the transaction that records what the event caused; an
 * event stored but still unprocessed after a grace period lost its job (a Redis flush) and is
 * queued again by the sweeper.
 */
export const events = pgTable(
  'events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    eventId: text('event_id').notNull(),
    customerId: text('customer_id').notNull(),
    name: text('name').notNull(),
    properties: jsonb('properties').$type<Record<string, unknown>>().notNull().default({}),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('events_event_id_idx').on(t.eventId),
    index('events_customer_name_time_idx').on(t.customerId, t.name, t.occurredAt),
    // The customer timeline reads one customer's events newest first, whatever their name.
    index('events_customer_time_idx').on(t.customerId, t.occurredAt.desc(), t.seq.desc()),
    // Only events still waiting for the engine: the sweeper's search stays cheap however long the table.
    index('events_unprocessed_idx').on(t.seq).where(sql`processed_at IS NULL`),
  ],
);
