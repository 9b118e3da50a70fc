/** An enrollment as the step processor reads it. */
export interface EnrollmentRow extends Record<string, unknown> {
  id: number;
  journey_id: string;
  version: number;
  customer_id: string;
  entry_seq: number;
  current_node: string;
  status: 'active' | 'waiting' | 'completed' | 'exited' | 'failed';
  wake_at: Date | null;
  waiting_event: string | null;
  ab_path: Record<string, string>;
  /** Completed passes through send nodes on loops, per node id (see the column's comment). */
  visits: Record<string, number> | null;
  trigger_event_id: string | null;
  entered_at: Date;
}

export const enrollmentColumns =
  'id, journey_id, version, customer_id, entry_seq, current_node, status, wake_at, waiting_event, ab_path, visits, trigger_event_id, entered_at';

/** The customer columns a step needs (the name only for scripts that greet by name). */
export interface CustomerRowLite extends Record<string, unknown> {
  id: string;
  attributes: Record<string, unknown>;
  tags: string[];
  consent: Record<string, boolean>;
  name_enc: string | null;
  /** Read so a step can deliver the SMS it claims without another query; decrypted only at the send. */
  phone_enc: string | null;
  /** Likewise the e-mail address, for an e-mail the step delivers itself. */
  email_enc: string | null;
  locale: string | null;
}

/** The idempotency key of a node's message: (enrollment, node, entry sequence[, visit on a loop]). */
export function messageKey(enrollmentId: number, nodeId: string, entrySeq: number, visit: number): string {
  return `e${enrollmentId}.${nodeId}.s${entrySeq}${visit > 1 ? `.v${visit}` : ''}`;
}
