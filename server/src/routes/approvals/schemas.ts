import { schema } from '@waymark/db';
import { z } from 'zod';
import type { ApprovalRow } from '../../approvals/approval-rows.ts';
import {
  approvalStates,
  currentApprovalStates,
  isCurrentApprovalState,
} from '../../approvals/approval-state.ts';
import { graphDiffSchema } from '../journeys/schemas.ts';

/** One approval request as planners and approvers read it. */
export const approvalViewSchema = z
  .object({
    id: z.string(),
    journeyId: z.string(),
    journeyName: z.string(),
    journeyStatus: z.enum(schema.journeyStatuses),
    draftRevision: z.number().int().describe('The draft revision the request covers'),
    currentDraftRevision: z.number().int().describe("The journey's draft revision now"),
    liveVersion: z.number().int().nullable(),
    status: z.enum(schema.approvalStatuses).describe('As stored'),
    state: z
      .enum(approvalStates)
      .describe(
        'What it means now: stale once the draft was edited after the request; published once a version was published under it',
      ),
    note: z.string().describe("The planner's note: what changed and why"),
    requestedBy: z.string().nullable(),
    requestedByName: z.string().nullable(),
    requestedAt: z.date(),
    decidedBy: z.string().nullable(),
    decidedByName: z.string().nullable(),
    decidedAt: z.date().nullable(),
    comment: z.string().describe("The approver's comment"),
    publishedVersion: z.number().int().nullable(),
  })
  .meta({ id: 'ApprovalRequest' });

export type ApprovalView = z.infer<typeof approvalViewSchema>;

export function toApprovalView(row: ApprovalRow): ApprovalView {
  return {
    id: row.id,
    journeyId: row.journeyId,
    journeyName: row.journeyName,
    journeyStatus: row.journeyStatus,
    draftRevision: row.draftRevision,
    currentDraftRevision: row.currentDraftRevision,
    liveVersion: row.liveVersion,
    status: row.status,
    state: row.state,
    note: row.note,
    requestedBy: row.requestedBy,
    requestedByName: row.requestedByName,
    requestedAt: row.requestedAt,
    decidedBy: row.decidedBy,
    decidedByName: row.decidedByName,
    decidedAt: row.decidedAt,
    comment: row.comment,
    publishedVersion: row.publishedVersion,
  };
}

/**
 * A journey's newest approval request, in brief, for lists: the fields mean what they mean in
 * ApprovalRequest. Only states that still say something about publishing the draft appear.
 */
export const approvalBriefSchema = z
  .object({
    state: z
      .enum(currentApprovalStates)
      .describe('As in ApprovalRequest.state; published and superseded requests are left out'),
    requestedByName: z.string().nullable(),
    requestedAt: z.date(),
    decidedByName: z
      .string()
      .nullable()
      .describe('Who approved or rejected it, or who withdrew it; null while it waits'),
    decidedAt: z.date().nullable(),
  })
  .meta({ id: 'ApprovalBrief' });

export type ApprovalBrief = z.infer<typeof approvalBriefSchema>;

/** The brief form of `row`, or null when its state has nothing to say to the planner now. */
export function toApprovalBrief(row: ApprovalRow): ApprovalBrief | null {
  if (!isCurrentApprovalState(row.state)) return null;
  return {
    state: row.state,
    requestedByName: row.requestedByName,
    requestedAt: row.requestedAt,
    decidedByName: row.decidedByName,
    decidedAt: row.decidedAt,
  };
}

/** A request in the approver's queue, with what it would change against the live version. */
export const approvalQueueItemSchema = approvalViewSchema
  .extend({
    diff: graphDiffSchema
      .nullable()
      .describe('From the live version to the draft it covers; null once the draft moved on (stale)'),
  })
  .meta({ id: 'ApprovalQueueItem' });
