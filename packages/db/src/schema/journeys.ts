import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

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
    /** The approval this version was published under; each approval publishes at most once. */
    approvalId: uuid('approval_id').references(() => approvals.id),
    note: text('note').notNull().default(''),
  },
  (t) => [
    primaryKey({ columns: [t.journeyId, t.version] }),
    uniqueIndex('journey_versions_approval_id_key').on(t.approvalId),
  ],
);

/**
 * `superseded`: a pending request whose draft was edited afterwards, closed when the planner asks
 * again for the newer revision (so only one request per journey is ever open).
 * `withdrawn`: a pending request taken back by whoever asked (or an administrator) before anyone
 * decided it; `decided_by`/`decided_at` then name the withdrawer.
 */
export const approvalStatuses = ['pending', 'approved', 'rejected', 'superseded', 'withdrawn'] as const;
export type ApprovalStatus = (typeof approvalStatuses)[number];

/** Maker–checker: a request to publish one draft revision, decided by an approver. */
export const approvals = pgTable(
  'approvals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    journeyId: uuid('journey_id')
      .notNull()
      .references(() => journeys.id),
    draftRevision: integer('draft_revision').notNull(),
    status: text('status').$type<ApprovalStatus>().notNull().default('pending'),
    requestedBy: uuid('requested_by'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    /** The planner's word on what changed and why. */
    note: text('note').notNull().default(''),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** The approver's comment on the decision. */
    comment: text('comment').notNull().default(''),
  },
  (t) => [
    // One open request per journey, even when two planners click at the same moment.
    uniqueIndex('approvals_one_pending_per_journey').on(t.journeyId).where(sql`${t.status} = 'pending'`),
    index('approvals_journey_requested_idx').on(t.journeyId, t.requestedAt),
    index('approvals_status_requested_idx').on(t.status, t.requestedAt),
  ],
);
