import { api } from './client.ts';

/**
 * Where a request stands: `stale` once the draft was edited after it, `published` once spent,
 * `withdrawn` once its requester took it back before anyone decided.
 */
export type ApprovalState =
  | 'pending'
  | 'approved'
  | 'rejected'
  | 'stale'
  | 'published'
  | 'superseded'
  | 'withdrawn';

/** An approval request (审批) of one draft revision of a journey. */
export interface ApprovalRequest {
  id: string;
  journeyId: string;
  journeyName: string;
  draftRevision: number;
  currentDraftRevision: number;
  liveVersion: number | null;
  state: ApprovalState;
  note: string;
  requestedBy: string | null;
  requestedByName: string | null;
  requestedAt: string;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  comment: string;
  publishedVersion: number | null;
}

/**
 * A journey's newest approval request in brief, as the journeys list carries it: only the states
 * that still say something about publishing the draft.
 */
export interface ApprovalBrief {
  state: Exclude<ApprovalState, 'published' | 'superseded'>;
  requestedByName: string | null;
  requestedAt: string;
  /** Who approved or rejected it, or who withdrew it; null while it waits. */
  decidedByName: string | null;
  decidedAt: string | null;
}

/** Whether this server makes publishing wait for approval, and the journey's newest request. */
export interface JourneyApproval {
  required: boolean;
  request: ApprovalRequest | null;
}

export async function getJourneyApproval(journeyId: string): Promise<JourneyApproval> {
  return api.get<JourneyApproval>(`/journeys/${journeyId}/approval`);
}

/** Asks an approver to sign off draft revision `baseRevision`, with what changed and why. */
export async function requestApproval(
  journeyId: string,
  input: { baseRevision: number; note: string },
): Promise<ApprovalRequest> {
  return api.post<ApprovalRequest>(`/journeys/${journeyId}/approval-requests`, input);
}

/**
 * Takes a waiting request back (撤回): approvers no longer see it, and the journey can be submitted
 * again. Allowed to whoever requested it, and to administrators.
 */
export async function withdrawApproval(id: string): Promise<ApprovalRequest> {
  return api.post<ApprovalRequest>(`/approvals/${id}/withdraw`);
}

/** The approver's queue (requests waiting for a decision, or the decided and withdrawn ones). */
export async function listApprovals(status: 'pending' | 'decided'): Promise<ApprovalRequest[]> {
  const body = await api.get<{ items: ApprovalRequest[] }>('/approvals', { query: { status } });
  return body.items;
}

/** How many requests wait for this approver: not stale, not their own. */
export async function countWaitingApprovals(): Promise<number> {
  const body = await api.get<{ waiting: number }>('/approvals/count');
  return body.waiting;
}

export async function decideApproval(
  id: string,
  decision: 'approve' | 'reject',
  comment: string,
): Promise<ApprovalRequest> {
  return api.post<ApprovalRequest>(`/approvals/${id}/${decision}`, { comment });
}
