import type { Db } from '@waymark/db';

/** A message with what delivery needs to decide: its enrollment's position and its journey's status. */
export interface DeliverableMessage extends Record<string, unknown> {
  id: number;
  idempotency_key: string;
  enrollment_id: number | null;
  node_id: string | null;
  customer_id: string;
  channel: string;
  connector_id: string | null;
  body: string | null;
  status: string;
  attempts: number;
  updated_at: Date;
  enrollment_status: string | null;
  enrollment_node: string | null;
  journey_status: string | null;
  phone_enc: string | null;
}

export function loadDeliverable(db: Db, messageIds: readonly number[]): Promise<DeliverableMessage[]> {
  return db.query<DeliverableMessage>(
    `SELECT m.id, m.idempotency_key, m.enrollment_id, m.node_id, m.customer_id, m.channel, m.connector_id,
            m.body, m.status, m.attempts, m.updated_at,
            e.status AS enrollment_status, e.current_node AS enrollment_node,
            j.status AS journey_status, c.phone_enc
       FROM messages m
       LEFT JOIN enrollments e ON e.id = m.enrollment_id
       LEFT JOIN journeys j ON j.id = m.journey_id
       LEFT JOIN customers c ON c.id = m.customer_id
      WHERE m.id = ANY($1::bigint[])
      ORDER BY m.id`,
    [messageIds],
  );
}
