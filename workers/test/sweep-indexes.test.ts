import { randomUUID } from 'node:crypto';
import type { Db } from '@waymark/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleMessages } from '../src/deliveries/settle-messages.ts';
import { reconcileUnknown } from '../src/maintenance/reconcile.ts';
import { sweep } from '../src/maintenance/sweep.ts';
import { recordReceipts } from '../src/receipts/record-receipts.ts';
import type { EngineResources } from '../src/runtime/resources.ts';
import type { EnrollmentRow } from '../src/steps/enrollment-row.ts';
import { persistWalks } from '../src/steps/persist-walks.ts';
import type { Walk } from '../src/steps/walk-enrollment.ts';
import { createEngineFixture, type EngineFixture } from './support/engine-fixture.ts';

// The maintenance sweeps and receipt lookups run on tables that only grow. Each must reach its
// rows through an index, never by reading the whole table: this runs the real functions on a
// history-sized table, records the statements they send, and asks Postgres for each plan.
let f: EngineFixture;
const statements: { text: string; values: readonly unknown[] }[] = [];
let recording: EngineResources;

beforeAll(async () => {
  f = await createEngineFixture({ label: 'sweep-indexes' });
  const db = f.testDb.db;
  const journeyId = randomUUID();
  // History: 30,000 finished enrollments and sent messages, a handful still open.
  await db.query(
    `INSERT INTO enrollments (journey_id, version, customer_id, current_node, status, trigger_event_id, updated_at)
     SELECT $1, 1, 'C' || lpad(i::text, 6, '0'), 'done', CASE WHEN i % 1000 = 0 THEN 'active' ELSE 'completed' END,
            'ev-' || i, now() - interval '1 day'
       FROM generate_series(1, 30000) i`,
    [journeyId],
  );
  await db.query(
    `INSERT INTO messages (idempotency_key, journey_id, customer_id, channel, connector_id, status, provider_message_id, updated_at)
     SELECT 'k-' || i, $1, 'C' || lpad(i::text, 6, '0'), 'sms', 'sms-main',
            CASE WHEN i % 1000 = 0 THEN 'unknown' ELSE 'sent' END, 'p-' || i, now() - interval '1 day'
       FROM generate_series(1, 30000) i`,
    [journeyId],
  );
  // Their events: each sent message's provider id, and the unknown outcomes.
  await db.query(
    `INSERT INTO message_events (message_id, status, detail, provider_message_id, at)
     SELECT id, status, '{}', CASE WHEN status = 'sent' THEN provider_message_id END, updated_at FROM messages`,
  );
  await db.query(
    `INSERT INTO events (event_id, customer_id, name, occurred_at, processed_at)
     SELECT 'ev-' || i, 'C000001', 'login', now(), now() FROM generate_series(1, 30000) i`,
  );
  // Years of per-node counts, folded into days long ago (slot -1), and the last two days' hours (slot 0).
  await db.query(`INSERT INTO journeys (id, name, status, draft) VALUES ($1, 'History', 'live', '{}')`, [
    journeyId,
  ]);
  await db.query(
    `INSERT INTO journey_versions (journey_id, version, graph) VALUES ($1, 1, '{"nodes": [], "edges": []}')`,
    [journeyId],
  );
  await db.query(
    `INSERT INTO journey_node_counts (journey_id, version, node_id, port, ab_path, hour, slot, passed)
     SELECT $1::uuid, 1, 'node-' || (i % 4), 'out', '', date_trunc('day', now()) - (i / 4 + 2) * interval '1 day', -1, 3
       FROM generate_series(1, 30000) i
     UNION ALL
     SELECT $1::uuid, 1, 'node-' || (i % 4), 'out', '', date_trunc('hour', now()) - (i / 4) * interval '1 hour', 0, 3
       FROM generate_series(1, 192) i`,
    [journeyId],
  );
  await db.query('ANALYZE enrollments, messages, message_events, events, journey_node_counts');

  const record: Db = {
    ...db,
    query: (text, values) => {
      statements.push({ text, values: values ?? [] });
      return db.query(text, values);
    },
  };
  recording = { ...f.r, db: record };
});
afterAll(() => f.close());

/** The plan of the one recorded statement that contains `marker`. */
async function planOf(marker: string): Promise<string> {
  const found = statements.filter((s) => s.text.includes(marker));
  expect(found, `one statement containing "${marker}"`).toHaveLength(1);
  const [statement] = found;
  const rows = await f.testDb.db.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN ${statement?.text}`,
    statement?.values,
  );
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

describe('sweeps and lookups use their indexes', () => {
  it('the sweeper finds stale active enrollments, unprocessed events and counts to fold by partial indexes', async () => {
    statements.length = 0;
    f.clock.set(new Date());
    await sweep(recording);
    expect(await planOf("status = 'active' AND updated_at <")).toContain('enrollments_stale_active_idx');
    expect(await planOf('processed_at IS NULL')).toContain('events_unprocessed_idx');
    expect(await planOf('DELETE FROM journey_node_counts WHERE slot > 0')).toContain(
      'journey_node_counts_unfolded_idx',
    );
    expect(await planOf('DELETE FROM journey_node_counts n')).toContain('journey_node_counts_hourly_idx');
  });

  it('the reconciler finds unknown outcomes by the partial index of unknown events', async () => {
    statements.length = 0;
    await reconcileUnknown(recording);
    expect(await planOf("ev.status = 'unknown'")).toContain('message_events_unknown_idx');
  });

  it("a receipt that carries only the provider's id finds its message by index", async () => {
    statements.length = 0;
    const result = await recordReceipts(recording, {
      connectorId: 'sms-main',
      reports: [{ providerMessageId: 'p-1234', status: 'delivered', at: new Date().toISOString() }],
    });
    expect(result.updated).toBe(1);
    expect(await planOf('provider_message_id = ANY')).toContain('message_events_provider_idx');
  });
});

describe('the writes of a step reach their rows by primary key', () => {
  // A batch is 500 rows: joined to its id list alone, the planner would rather hash a scan of the
  // whole table than probe 500 keys, and that scan grows with every customer ever enrolled.
  it("a step's conditional update of 500 enrollments", async () => {
    const rows = await f.testDb.db.query<EnrollmentRow>(
      `SELECT id, journey_id, version, customer_id, entry_seq, current_node, status, wake_at, waiting_event,
              ab_path, visits, trigger_event_id, entered_at
         FROM enrollments WHERE status = 'completed' ORDER BY id LIMIT 500`,
    );
    const walks = rows.map(
      (enrollment): Walk => ({
        enrollment,
        state: {
          ...enrollment,
          node: 'done',
          status: 'exited',
          wakeAt: null,
          waitingEvent: null,
          abPath: {},
          exitReason: 'test',
          visits: null,
        },
        transitions: [{ nodeId: 'done', port: 'out', path: '' }],
        profile: [],
        needs: undefined,
        awaitingMessage: undefined,
        customer: undefined,
        resumeAt: undefined,
        changed: true,
      }),
    );
    statements.length = 0;
    const moved = await persistWalks(recording, walks, new Date());
    expect(moved.size).toBe(500);
    const plan = await planOf('UPDATE enrollments e');
    expect(plan).toContain('enrollments_pkey');
    expect(plan).not.toMatch(/Seq Scan on enrollments/);
  });

  it('a settlement of 500 messages', async () => {
    const messages = await f.testDb.db.query<{ id: number }>(
      `SELECT id FROM messages WHERE status = 'sent' ORDER BY id LIMIT 500`,
    );
    statements.length = 0;
    const settled = await settleMessages(
      recording.db,
      messages.map((m) => ({ messageId: m.id, from: ['sent'], to: 'delivered', event: 'delivered' })),
      new Date(),
    );
    expect(settled).toHaveLength(500);
    const plan = await planOf('UPDATE messages m');
    expect(plan).toContain('messages_pkey');
    expect(plan).not.toMatch(/Seq Scan on messages/);
  });
});
