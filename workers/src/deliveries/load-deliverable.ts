import type { Db } from '@waymark/db';
import {
  type LoadedEnrollment,
  loadedEnrollmentSql,
  takeLoadedEnrollment,
} from '../steps/loaded-enrollment.ts';

/** A message with what delivery needs to decide: its enrollment's position and its journey's status. */
export interface DeliverableMessage {
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
  /** The customer's e-mail address, still encrypted: decrypted only to build the e-mail. */
  email_enc: string | null;
  /** The customer's profile attributes (a WeCom user id, a push token), read for the channel message. */
  customer_attributes: Record<string, unknown> | null;
  /** The enrollment as a step reads it, so the customer moves on after the send without a second read. */
  enrollment: LoadedEnrollment | null;
}

const enrollmentPrefix = 'e_';

export async function loadDeliverable(db: Db, messageIds: readonly number[]): Promise<DeliverableMessage[]> {
  const { columns, joins } = loadedEnrollmentSql(enrollmentPrefix, {
    journeyId: 'm.journey_id',
    customerId: 'm.customer_id',
  });
  const rows = await db.query<
    Omit<DeliverableMessage, 'enrollment' | 'customer_attributes'> & Record<string, unknown>
  >(
    `SELECT m.id, m.idempotency_key, m.enrollment_id, m.node_id, m.customer_id, m.channel, m.connector_id,
            m.body, m.status, m.attempts, m.updated_at,
            e.status AS enrollment_status, e.current_node AS enrollment_node,
            j.status AS journey_status, c.phone_enc, c.email_enc, ${columns}
       FROM messages m
       LEFT JOIN enrollments e ON e.id = m.enrollment_id
       ${joins}
      WHERE m.id = ANY($1::bigint[])
      ORDER BY m.id`,
    [messageIds],
    { prepare: true },
  );
  return rows.map((row) => {
    const message: Record<string, unknown> = {};
    for (const key of Object.keys(row)) if (!key.startsWith(enrollmentPrefix)) message[key] = row[key];
    return {
      ...(message as Omit<DeliverableMessage, 'enrollment' | 'customer_attributes'>),
      // The customer is joined on the message, so its attributes are there even without an enrollment.
      customer_attributes: (row[`${enrollmentPrefix}c_attributes`] as Record<string, unknown> | null) ?? null,
      enrollment: takeLoadedEnrollment(row, enrollmentPrefix),
    };
  });
}
