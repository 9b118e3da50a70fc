import type { DeliverableMessage } from './load-deliverable.ts';

/** What delivery does with one loaded message. */
export type Triage =
  /** Already decided (sent, failed…): only the enrollment may need a nudge. */
  | { kind: 'settled' }
  /** Ready to go to the provider. */
  | { kind: 'send' }
  /** A previous attempt was interrupted mid-call: ask the provider before anything else. */
  | { kind: 'reconcile' }
  /** Another worker is calling the provider right now: leave it alone. */
  | { kind: 'in-flight' }
  /** The journey is paused: keep the message claimed until it resumes. */
  | { kind: 'hold' }
  /** It must not go out any more. */
  | { kind: 'suppress'; code: string; reason: string };

/** Message statuses after which the send node continues (through `sent`, `failed` or `suppressed`). */
export const decidedStatuses: ReadonlySet<string> = new Set(['sent', 'delivered', 'failed', 'suppressed']);
const terminal = new Set([...decidedStatuses, 'unknown']);

/**
 * Decides, from Postgres alone, what a delivery job may do with a message. Checked at delivery
 * time (not only at claim time) because a journey can be paused or archived, and an enrollment
 * exited, while its message waits in the channel queue.
 */
export function triageMessage(row: DeliverableMessage, now: Date, inFlightGraceMs: number): Triage {
  if (terminal.has(row.status)) return { kind: 'settled' };
  if (row.journey_status === 'archived') {
    return {
      kind: 'suppress',
      code: 'journey-archived',
      reason: 'The journey was archived before the message left',
    };
  }
  if (row.enrollment_id !== null) {
    const stillThere =
      (row.enrollment_status === 'waiting' || row.enrollment_status === 'active') &&
      row.enrollment_node === row.node_id;
    if (!stillThere) {
      return {
        kind: 'suppress',
        code: 'enrollment-moved-on',
        reason: 'The customer left this step of the journey before the message left',
      };
    }
  }
  if (row.journey_status === 'paused') return { kind: 'hold' };
  if (row.status === 'queued') {
    const age = now.getTime() - new Date(row.updated_at).getTime();
    return age < inFlightGraceMs ? { kind: 'in-flight' } : { kind: 'reconcile' };
  }
  return { kind: 'send' };
}
