import type { schema } from '@waymark/db';

type ApprovalRow = typeof schema.approvals.$inferSelect;

/**
 * Where a request stands for the planner and the approver. Besides the stored status it says
 * whether the draft moved on since (`stale`: the request no longer covers what would go live) and
 * whether it was spent on a published version (`published`).
 */
export const approvalStates = [
  'pending',
  'approved',
  'rejected',
  'stale',
  'published',
  'superseded',
  'withdrawn',
] as const;
export type ApprovalState = (typeof approvalStates)[number];

/**
 * The state of `approval` given the journey's current draft revision and the version (if any)
 * it was published as.
 */
export function approvalState(
  approval: Pick<ApprovalRow, 'status' | 'draftRevision'>,
  currentDraftRevision: number,
  publishedVersion: number | null,
): ApprovalState {
  if (publishedVersion !== null) return 'published';
  switch (approval.status) {
    case 'rejected':
    case 'superseded':
    case 'withdrawn':
      return approval.status;
    case 'pending':
    case 'approved':
      return approval.draftRevision === currentDraftRevision ? approval.status : 'stale';
  }
}

/**
 * The states that still say something to the planner about publishing the draft: a request
 * waiting, a decision, a request the edits outdated, or one taken back. A published request is
 * spent and a superseded one was replaced by a newer request, so neither has anything to say now.
 */
export const currentApprovalStates = ['pending', 'approved', 'rejected', 'stale', 'withdrawn'] as const;
export type CurrentApprovalState = (typeof currentApprovalStates)[number];

export function isCurrentApprovalState(state: ApprovalState): state is CurrentApprovalState {
  return (currentApprovalStates as readonly ApprovalState[]).includes(state);
}
