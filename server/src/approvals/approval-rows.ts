import { type Db, schema } from '@waymark/db';
import { desc, eq, inArray, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type ApprovalState, approvalState } from './approval-state.ts';

const { approvals, journeys, journeyVersions, users } = schema;
const requester = alias(users, 'requester');
const decider = alias(users, 'decider');

/** An approval request with what a reader needs around it: the journey, who asked and decided. */
export interface ApprovalRow {
  id: string;
  journeyId: string;
  journeyName: string;
  journeyStatus: schema.JourneyStatus;
  /** The draft revision the request covers. */
  draftRevision: number;
  /** The journey's draft revision now; differs from `draftRevision` once the draft was edited. */
  currentDraftRevision: number;
  liveVersion: number | null;
  status: schema.ApprovalStatus;
  state: ApprovalState;
  note: string;
  requestedBy: string | null;
  requestedByName: string | null;
  requestedAt: Date;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  comment: string;
  /** The version published under this approval, once it was. */
  publishedVersion: number | null;
}

const rowFields = {
  id: approvals.id,
  journeyId: approvals.journeyId,
  journeyName: journeys.name,
  journeyStatus: journeys.status,
  draftRevision: approvals.draftRevision,
  currentDraftRevision: journeys.draftRevision,
  liveVersion: journeys.liveVersion,
  status: approvals.status,
  note: approvals.note,
  requestedBy: approvals.requestedBy,
  requestedByName: requester.displayName,
  requestedAt: approvals.requestedAt,
  decidedBy: approvals.decidedBy,
  decidedByName: decider.displayName,
  decidedAt: approvals.decidedAt,
  comment: approvals.comment,
  publishedVersion: journeyVersions.version,
};

/**
 * Requests matching `where`, newest first; with `newestPerJourney`, only the newest of each
 * journey (DISTINCT ON, served by the (journey_id, requested_at) index).
 */
async function readApprovalRows(
  db: Db,
  where: SQL | undefined,
  options: { limit?: number; newestPerJourney?: boolean },
): Promise<ApprovalRow[]> {
  const select = options.newestPerJourney
    ? db.orm.selectDistinctOn([approvals.journeyId], rowFields)
    : db.orm.select(rowFields);
  const query = select
    .from(approvals)
    .innerJoin(journeys, eq(journeys.id, approvals.journeyId))
    .leftJoin(requester, eq(requester.id, approvals.requestedBy))
    .leftJoin(decider, eq(decider.id, approvals.decidedBy))
    .leftJoin(journeyVersions, eq(journeyVersions.approvalId, approvals.id))
    .where(where)
    .orderBy(
      ...(options.newestPerJourney ? [approvals.journeyId] : []),
      desc(approvals.requestedAt),
      desc(approvals.id),
    );
  const rows = await (options.limit === undefined ? query : query.limit(options.limit));
  return rows.map((row) => ({
    ...row,
    state: approvalState(row, row.currentDraftRevision, row.publishedVersion),
  }));
}

/** Approval requests matching `where`, newest first, with their journey and people. */
export async function selectApprovalRows(
  db: Db,
  where: SQL | undefined,
  limit = 200,
): Promise<ApprovalRow[]> {
  return readApprovalRows(db, where, { limit });
}

/**
 * The newest request of each of these journeys, in one statement for all of them; a journey
 * nobody asked about has no entry.
 */
export async function latestApprovalsOf(db: Db, journeyIds: string[]): Promise<Map<string, ApprovalRow>> {
  if (journeyIds.length === 0) return new Map();
  const rows = await readApprovalRows(db, inArray(approvals.journeyId, journeyIds), {
    newestPerJourney: true,
  });
  return new Map(rows.map((row) => [row.journeyId, row]));
}

/** The newest request of a journey, or null when nobody asked yet. */
export async function latestApprovalOf(db: Db, journeyId: string): Promise<ApprovalRow | null> {
  const [row] = await selectApprovalRows(db, eq(approvals.journeyId, journeyId), 1);
  return row ?? null;
}

/** One request by id, or null. */
export async function approvalRowById(db: Db, id: string): Promise<ApprovalRow | null> {
  const [row] = await selectApprovalRows(db, eq(approvals.id, id), 1);
  return row ?? null;
}
