import { randomUUID } from 'node:crypto';
import type { EngineFixture } from './engine-fixture.ts';
import { graph } from './journeys.ts';

/**
 * A journey with customers parked at a send node and their messages claimed: the state the step
 * processor leaves behind, so delivery can be tested on its own.
 */
export async function seedClaimedMessages(
  f: EngineFixture,
  input: {
    customerIds: string[];
    connectorId: string;
    journeyStatus?: string;
    text?: (id: string) => string;
  },
): Promise<{ journeyId: string; messageIds: number[]; enrollmentIds: number[] }> {
  const db = f.testDb.db;
  const journeyId = randomUUID();
  await db.query(
    `INSERT INTO journeys (id, name, status, draft, live_version) VALUES ($1, 'Delivery test', $2, '{}', 1)`,
    [journeyId, input.journeyStatus ?? 'live'],
  );
  const version = graph(
    [
      { id: 'start', type: 'trigger.event', config: { event: 'test' } },
      {
        id: 'send-1',
        type: 'send',
        config: { channel: 'sms', connectorId: input.connectorId, content: { kind: 'inline', body: 'x' } },
      },
      { id: 'done', type: 'exit', config: { reason: 'sent' } },
      { id: 'not-sent', type: 'exit', config: { reason: 'not sent' } },
    ],
    [
      ['start', 'out', 'send-1'],
      ['send-1', 'sent', 'done'],
      ['send-1', 'failed', 'not-sent'],
    ],
  );
  await db.query('INSERT INTO journey_versions (journey_id, version, graph) VALUES ($1, 1, $2)', [
    journeyId,
    JSON.stringify(version),
  ]);
  const enrollments = await db.query<{ id: number; customer_id: string }>(
    `INSERT INTO enrollments (journey_id, version, customer_id, current_node, status, waiting_event)
     SELECT $1, 1, id, 'send-1', 'waiting', '@message' FROM unnest($2::text[]) AS id
     RETURNING id, customer_id`,
    [journeyId, input.customerIds],
  );
  const messages = await db.query<{ id: number }>(
    `INSERT INTO messages (idempotency_key, enrollment_id, journey_id, node_id, customer_id, channel, connector_id, body, status)
     SELECT 'e' || e.id || '.send-1.s1', e.id, $1, 'send-1', e.customer_id, 'sms', $2, t.body, 'claimed'
       FROM unnest($3::bigint[], $4::text[]) AS t(id, body) JOIN enrollments e ON e.id = t.id
     RETURNING id`,
    [
      journeyId,
      input.connectorId,
      enrollments.map((e) => e.id),
      enrollments.map((e) =>
        (input.text ?? ((id: string) => `尊敬的客户 ${id}，您的理财产品即将到期。`))(e.customer_id),
      ),
    ],
  );
  return { journeyId, messageIds: messages.map((m) => m.id), enrollmentIds: enrollments.map((e) => e.id) };
}
