import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const enrollmentStatuses = ['active', 'waiting', 'completed', 'exited', 'failed'] as const;
export type EnrollmentStatus = (typeof enrollmentStatuses)[number];

/**
 * One customer's pass through one journey version. Postgres is the record: the current node,
 * the wake-up time of a wait and the event waited for live here, Redis only carries work.
 */
export const enrollments = pgTable(
  'enrollments',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    journeyId: uuid('journey_id').notNull(),
    version: integer('version').notNull(),
    customerId: text('customer_id').notNull(),
    entrySeq: integer('entry_seq').notNull().default(1),
    currentNode: text('current_node').notNull(),
    status: text('status').$type<EnrollmentStatus>().notNull().default('active'),
    wakeAt: timestamp('wake_at', { withTimezone: true }),
    waitingEvent: text('waiting_event'),
    abPath: jsonb('ab_path').$type<Record<string, string>>().notNull().default({}),
    /**
     * Completed passes through send nodes that sit on a loop, per node id (null when none): the
     * visit number makes each pass's message key distinct. Written by the same conditional update
     * that moves the enrollment, so a pass is counted exactly once.
     */
    visits: jsonb('visits').$type<Record<string, number>>(),
    triggerEventId: text('trigger_event_id'),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
    exitedAt: timestamp('exited_at', { withTimezone: true }),
    exitReason: text('exit_reason'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('enrollments_entry_idx').on(t.journeyId, t.customerId, t.entrySeq),
    // One entry per trigger: a customer's event (or a segment run) enrolls them at most once per
    // journey, whatever the re-entry policy and however many jobs handle it at once.
    uniqueIndex('enrollments_trigger_idx')
      .on(t.journeyId, t.customerId, t.triggerEventId)
      .where(sql`trigger_event_id IS NOT NULL`),
    index('enrollments_wake_idx').on(t.wakeAt).where(sql`status = 'waiting'`),
    // Open RM tasks, soonest deadline first (the workbench's order): a few rows among the many
    // customers waiting elsewhere, so a task list never walks every waiting enrollment.
    index('enrollments_rm_tasks_idx')
      .on(t.wakeAt, t.id)
      .where(sql`status = 'waiting' AND waiting_event = 'rm.task.outcome'`),
    // The sweeper's search for enrollments left `active` with no job.
    index('enrollments_stale_active_idx').on(t.updatedAt).where(sql`status = 'active'`),
    index('enrollments_customer_idx').on(t.customerId),
    index('enrollments_journey_status_idx').on(t.journeyId, t.status),
  ],
);

/**
 * How many enrollments left each node through each port, per A/B path and UTC hour: the source of
 * per-node and per-variant analytics and of totals over time. Counted, not logged: the step that moves a batch adds its
 * counts in the same statement as the conditional update (one row per node and port, not per
 * customer). Concurrent steps add to different `slot`s (0–15) so they rarely wait on each other's
 * row lock; readers sum the slots. The sweeper folds the slots of settled hours into slot 0, and
 * hours older than two days into one row per local day of the journey (`hour` is then that day's
 * local midnight, `slot` -1), so a journey that runs for years keeps a row per day, not per hour.
 */
export const journeyNodeCounts = pgTable(
  'journey_node_counts',
  {
    journeyId: uuid('journey_id').notNull(),
    version: integer('version').notNull(),
    nodeId: text('node_id').notNull(),
    port: text('port').notNull(),
    /** The A/B path the customers were on as they left (`{"split":"variant"}` as JSON, '' before any split). */
    abPath: text('ab_path').notNull(),
    hour: timestamp('hour', { withTimezone: true }).notNull(),
    slot: smallint('slot').notNull(),
    passed: bigint('passed', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({
      name: 'journey_node_counts_pk',
      columns: [t.journeyId, t.version, t.nodeId, t.port, t.abPath, t.hour, t.slot],
    }),
    // The sweeper's search for slot rows of settled hours to fold (few: the last hours' only).
    index('journey_node_counts_unfolded_idx').on(t.hour).where(sql`slot > 0`),
    // Its search for hour rows old enough to fold into their local day (slot -1 marks a day row).
    index('journey_node_counts_hourly_idx').on(t.hour).where(sql`slot = 0`),
  ],
);

export const messageStatuses = [
  'claimed',
  'queued',
  'sent',
  'delivered',
  'failed',
  'suppressed',
  'unknown',
] as const;
export type MessageStatus = (typeof messageStatuses)[number];

/**
 * A message claimed before anything leaves the building: `idempotencyKey` (enrollment, node,
 * entry sequence) is unique, so a retried send finds its row instead of sending twice.
 */
export const messages = pgTable(
  'messages',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    idempotencyKey: text('idempotency_key').notNull(),
    enrollmentId: bigint('enrollment_id', { mode: 'number' }),
    journeyId: uuid('journey_id'),
    nodeId: text('node_id'),
    customerId: text('customer_id').notNull(),
    channel: text('channel').notNull(),
    connectorId: text('connector_id'),
    templateId: uuid('template_id'),
    variant: text('variant'),
    body: text('body'),
    status: text('status').$type<MessageStatus>().notNull().default('claimed'),
    reason: text('reason'),
    providerMessageId: text('provider_message_id'),
    cost: numeric('cost', { precision: 12, scale: 4 }),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('messages_idempotency_idx').on(t.idempotencyKey),
    index('messages_customer_idx').on(t.customerId, t.createdAt),
    index('messages_journey_node_idx').on(t.journeyId, t.nodeId),
    // The step processor reads an enrollment's messages (last message sent, send claims).
    index('messages_enrollment_idx').on(t.enrollmentId),
    // Nothing here may index a column a send changes (status, attempts, provider id, times): the
    // two updates of every message (claimed → queued → sent) then stay heap-only (HOT), with no
    // index writes, on pages the migration leaves room in (fillfactor 50). Receipts find messages
    // by provider id, and the reconciler its unknown outcomes, through message_events instead.
  ],
);

/** Provider answers and delivery receipts for a message, in arrival order. */
export const messageEvents = pgTable(
  'message_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    messageId: bigint('message_id', { mode: 'number' }).notNull(),
    status: text('status').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    /** The provider's id for the message, on the events that carry one (sent, receipts). */
    providerMessageId: text('provider_message_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('message_events_message_idx').on(t.messageId),
    // Delivery receipts that carry only the provider's id find their message by it.
    index('message_events_provider_idx').on(t.providerMessageId).where(sql`provider_message_id IS NOT NULL`),
    // The reconciler's list of outcomes that went unknown (append-only, so it costs no update).
    index('message_events_unknown_idx').on(t.at).where(sql`status = 'unknown'`),
    // Sends through connectors that must be asked for receipts (`pollReceipt` in the detail); the
    // other sends, all but a few, write no entry.
    index('message_events_poll_idx').on(t.at).where(sql`status = 'sent' AND detail ? 'pollReceipt'`),
  ],
);

/** At most one conversion per enrollment, attributed to its A/B path and last message. */
export const conversions = pgTable(
  'conversions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    enrollmentId: bigint('enrollment_id', { mode: 'number' }).notNull(),
    journeyId: uuid('journey_id').notNull(),
    version: integer('version').notNull(),
    customerId: text('customer_id').notNull(),
    eventId: text('event_id'),
    value: numeric('value', { precision: 14, scale: 2 }),
    abPath: jsonb('ab_path').$type<Record<string, string>>().notNull().default({}),
    messageId: bigint('message_id', { mode: 'number' }),
    convertedAt: timestamp('converted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('conversions_enrollment_idx').on(t.enrollmentId),
    index('conversions_journey_idx').on(t.journeyId, t.convertedAt),
  ],
);
