import { randomUUID } from 'node:crypto';
import { createTestDb } from '@waymark/db/testing';
import { round } from './bullmq-baseline.ts';
import { startCpuSplit } from './cpu-split.ts';

export interface PostgresFloorResult {
  bench: 'postgres-floor';
  customers: number;
  batchSize: number;
  connections: number;
  seconds: number;
  customersPerSecond: number;
  /** Postgres CPU per customer, in µs: what the bare writes cost before any engine work. */
  postgresCpuMicrosPerCustomer: number;
}

/**
 * The second baseline, for what no engine on this design can beat: the least a segment send must
 * write durably per customer, on the real schema and indexes, with nothing else: an enrollment
 * inserted, a message inserted, the message marked sent, the enrollment marked done. Batches of
 * `batchSize`, `connections` at a time (as the step workers run). No reads, no provider, no queue.
 */
export async function postgresFloor(
  customers: number,
  batchSize = 500,
  connections = 4,
): Promise<PostgresFloorResult> {
  const testDb = await createTestDb();
  try {
    const { db } = testDb;
    const journeyId = randomUUID();
    const batches: string[][] = [];
    for (let i = 0; i < customers; i += batchSize) {
      batches.push(Array.from({ length: Math.min(batchSize, customers - i) }, (_, j) => `C${i + j}`));
    }
    const body = '【示例银行】张先生您好，年末理财专享 3.1%。';
    const database = new URL(testDb.url).pathname.slice(1);
    const cpu = startCpuSplit((_, commandLine) =>
      commandLine.startsWith('postgres:') && commandLine.includes(` ${database} `) ? 'postgres' : 'other',
    );
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < batches.length) {
        const ids = batches[next++]!;
        const now = new Date();
        const enrollments = await db.query<{ id: number; customer_id: string }>(
          `INSERT INTO enrollments (journey_id, version, customer_id, entry_seq, current_node, status, trigger_event_id, entered_at, updated_at)
           SELECT $1, 1, c, 1, 'sms', 'waiting', $3, $2, $2 FROM unnest($4::text[]) AS c RETURNING id, customer_id`,
          [journeyId, now, `segment:${journeyId}`, ids],
        );
        const messages = await db.query<{ id: number }>(
          `INSERT INTO messages (idempotency_key, enrollment_id, journey_id, node_id, customer_id, channel, connector_id, body, status, created_at, updated_at)
           SELECT 'e' || e || '.sms.s1', e, $1, 'sms', c, 'sms', 'sms-main', $2, 'claimed', $3, $3
             FROM unnest($4::bigint[], $5::text[]) AS x(e, c) RETURNING id`,
          [journeyId, body, now, enrollments.map((e) => e.id), enrollments.map((e) => e.customer_id)],
        );
        await db.query(
          `UPDATE messages SET status = 'sent', sent_at = $2, updated_at = $2, provider_message_id = 'p' || id WHERE id = ANY($1::bigint[])`,
          [messages.map((m) => m.id), now],
        );
        await db.query(
          `UPDATE enrollments SET status = 'completed', current_node = 'done', exited_at = $2, updated_at = $2 WHERE id = ANY($1::bigint[])`,
          [enrollments.map((e) => e.id), now],
        );
      }
    };
    await Promise.all(Array.from({ length: connections }, worker));
    const seconds = (performance.now() - started) / 1000;
    const used = cpu.stop();
    return {
      bench: 'postgres-floor',
      customers,
      batchSize,
      connections,
      seconds: round(seconds),
      customersPerSecond: Math.round(customers / seconds),
      postgresCpuMicrosPerCustomer: Math.round(((used.postgres ?? 0) / customers) * 1e6),
    };
  } finally {
    await testDb.drop();
  }
}
