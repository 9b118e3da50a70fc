import { integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const journeyStatuses = ['draft', 'live', 'paused', 'archived'] as const;
export type JourneyStatus = (typeof journeyStatuses)[number];

/**
 * A journey and its editable draft. `draftRevision` increases on every save: a save names the
 * revision it started from, so two tabs never overwrite each other silently.
 */
export const journeys = pgTable('journeys', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  status: text('status').$type<JourneyStatus>().notNull().default('draft'),
  draft: jsonb('draft').notNull(),
  draftRevision: integer('draft_revision').notNull().default(1),
  liveVersion: integer('live_version'),
  createdBy: uuid('created_by'),
  updatedBy: uuid('updated_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  archivedAt: timestamp('archived_at', { withTimezone: true }),
});

/** A published, immutable graph. Enrollments are bound to one of these. */
export const journeyVersions = pgTable(
  'journey_versions',
  {
    journeyId: uuid('journey_id')
      .notNull()
      .references(() => journeys.id),
    version: integer('version').notNull(),
    graph: jsonb('graph').notNull(),
    publishedBy: uuid('published_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    approvalId: uuid('approval_id'),
    note: text('note').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.journeyId, t.version] })],
);

export const approvalStatuses = ['pending', 'approved', 'rejected'] as const;

/** Maker–checker: a request to publish a draft revision, decided by an approver. */
export const approvals = pgTable('approvals', {
  id: uuid('id').primaryKey().defaultRandom(),
  journeyId: uuid('journey_id')
    .notNull()
    .references(() => journeys.id),
  draftRevision: integer('draft_revision').notNull(),
  status: text('status').$type<(typeof approvalStatuses)[number]>().notNull().default('pending'),
  requestedBy: uuid('requested_by'),
  requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
  decidedBy: uuid('decided_by'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  comment: text('comment').notNull().default(''),
});
