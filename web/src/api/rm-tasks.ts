import { api } from './client.ts';

export type RmTaskOutcome = 'converted' | 'not-interested';

/** A call or visit a journey handed to a relationship manager (GET /rm/tasks). */
export interface RmTask {
  enrollmentId: string;
  nodeId: string;
  journey: { id: string; name: string; status: string };
  kind: 'call' | 'visit';
  /** The node's script filled in for this customer; null on recorded tasks. */
  talkingPoints: string | null;
  talkingPointsProblem: string | null;
  customer: {
    id: string;
    name: string | null;
    phone: string | null;
    piiMasked: boolean;
    branch: string | null;
  };
  rmUserId: string | null;
  assignedAt: string;
  dueAt: string;
  overdue: boolean;
  outcome: RmTaskOutcome | null;
  note: string | null;
  recordedAt: string | null;
}

export interface RmTaskPage {
  items: RmTask[];
  nextCursor: string | null;
}

/** The signed-in manager's tasks: open ones soonest deadline first, or those recorded lately. */
export function listRmTasks(
  status: 'open' | 'done',
  cursor?: string,
  signal?: AbortSignal,
): Promise<RmTaskPage> {
  return api.get<RmTaskPage>('/rm/tasks', { query: { status, cursor, limit: 50 }, signal });
}

/** Records the outcome; the customer then continues in the journey through the port of that name. */
export function recordRmTaskOutcome(
  task: Pick<RmTask, 'enrollmentId' | 'nodeId'>,
  outcome: RmTaskOutcome,
  note: string,
): Promise<{ eventId: string; outcome: RmTaskOutcome; recordedAt: string }> {
  const path = `/rm/tasks/${encodeURIComponent(task.enrollmentId)}/${encodeURIComponent(task.nodeId)}/outcome`;
  return api.post(path, { outcome, ...(note.trim() && { note: note.trim() }) });
}
