import type { Db } from '@waymark/db';

/** Statuses a message row can hold (see `messages.status`). */
export type MessageStatus = 'claimed' | 'queued' | 'sent' | 'delivered' | 'failed' | 'suppressed' | 'unknown';

/** One change of a message's status, applied only if the message is still in one of `from`. */
export interface Settlement {
  messageId: number;
  from: readonly MessageStatus[];
  to: MessageStatus;
  /** What happened, as recorded in `message_events.status` (`sent`, `retry`, `reconciled`…). */
  event: string;
  reason?: string | null | undefined;
  providerMessageId?: string | undefined;
  cost?: number | undefined;
  detail?: Record<string, unknown> | undefined;
  /**
   * The provider call this outcome belongs to (`messages.attempts` as the call set it). A later
   * call of the same message (after a reconcile) makes an outcome of an earlier one stale, and a
   * stale outcome must not touch the row.
   */
  attempt?: number | undefined;
}

/** A message whose settlement took effect. */
export interface Settled {
  messageId: number;
  enrollmentId: number | null;
  status: MessageStatus;
}

/**
 * Applies many status changes in one statement, each guarded by the status the caller saw, and
 * records a message event for every change that took effect. A change whose guard fails (another
 * worker got there first) is dropped silently: the first writer decides.
 */
export async function settleMessages(
  db: Db,
  settlements: readonly Settlement[],
  now: Date,
): Promise<Settled[]> {
  if (settlements.length === 0) return [];
  // One statement: the guarded updates and the events of the ones that took effect.
  const rows = await db.query<{ id: number; enrollment_id: number | null; status: MessageStatus }>(
    `WITH v AS (
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::text[],
                            $8::jsonb[], $10::int[])
         AS v(id, from_statuses, to_status, reason, provider_id, cost, event, detail, attempt)
     ), settled AS (
       UPDATE messages m
          SET status = v.to_status,
              reason = COALESCE(v.reason, m.reason),
              provider_message_id = COALESCE(v.provider_id, m.provider_message_id),
              cost = COALESCE(v.cost, m.cost),
              sent_at = CASE WHEN v.to_status IN ('sent', 'delivered') AND m.sent_at IS NULL THEN $9 ELSE m.sent_at END,
              updated_at = $9
         FROM v
        -- The ids again as an index condition, so the planner does not hash-join a scan of every message.
        WHERE m.id = ANY($1::bigint[]) AND m.id = v.id AND m.status = ANY(string_to_array(v.from_statuses, ','))
          AND (v.attempt IS NULL OR m.attempts = v.attempt)
        RETURNING m.id, m.enrollment_id, m.status, v.event, v.detail, v.provider_id
     ), recorded AS (
       INSERT INTO message_events (message_id, status, detail, at, provider_message_id)
       SELECT id, event, detail, $9, provider_id FROM settled
     )
     SELECT id, enrollment_id, status FROM settled`,
    [
      settlements.map((s) => s.messageId),
      settlements.map((s) => s.from.join(',')),
      settlements.map((s) => s.to),
      settlements.map((s) => s.reason ?? null),
      settlements.map((s) => s.providerMessageId ?? null),
      settlements.map((s) => s.cost ?? null),
      settlements.map((s) => s.event),
      settlements.map((s) =>
        JSON.stringify({
          ...s.detail,
          ...(s.reason ? { reason: s.reason } : {}),
          ...(s.providerMessageId ? { providerMessageId: s.providerMessageId } : {}),
        }),
      ),
      now,
      settlements.map((s) => s.attempt ?? null),
    ],
    { prepare: true },
  );
  return rows.map((r) => ({ messageId: r.id, enrollmentId: r.enrollment_id, status: r.status }));
}
