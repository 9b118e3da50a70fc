import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate } from '../src/index.ts';
import { createTestDb, type TestDb } from '../src/testing/index.ts';
import { migrationsBefore } from './migrations-before.ts';

let testDb: TestDb;
const before = migrationsBefore('0003_engine_indexes');
const journeyId = randomUUID();

beforeAll(async () => {
  testDb = await createTestDb({ migrate: false });
});
afterAll(async () => {
  await testDb?.drop();
  before.remove();
});

const enroll = (customerId: string, entrySeq: number, trigger: string | null) =>
  testDb.db.query(
    `INSERT INTO enrollments (journey_id, version, customer_id, entry_seq, current_node, trigger_event_id)
     VALUES ($1, 1, $2, $3, 'start', $4)`,
    [journeyId, customerId, entrySeq, trigger],
  );

it('upgrades a database holding a repeated trigger, then refuses a second entry by the same trigger', async () => {
  await migrate(testDb.db, { dir: before.dir });
  // What a race could leave behind before the index: one event entered the customer twice.
  await enroll('C000001', 1, 'deposit-1');
  await enroll('C000001', 2, 'deposit-1');
  await enroll('C000002', 1, 'segment:publish');

  expect((await migrate(testDb.db)).applied).toContain('0003_engine_indexes');
  const rows = await testDb.db.query<{
    customer_id: string;
    entry_seq: number;
    trigger_event_id: string | null;
  }>('SELECT customer_id, entry_seq, trigger_event_id FROM enrollments ORDER BY customer_id, entry_seq');
  expect(rows).toEqual([
    { customer_id: 'C000001', entry_seq: 1, trigger_event_id: 'deposit-1' },
    { customer_id: 'C000001', entry_seq: 2, trigger_event_id: null },
    { customer_id: 'C000002', entry_seq: 1, trigger_event_id: 'segment:publish' },
  ]);

  await expect(enroll('C000001', 3, 'deposit-1')).rejects.toThrow(/enrollments_trigger_idx/);
  // A segment run names its trigger once for all its customers: each still enters once.
  await enroll('C000003', 1, 'segment:publish');
  await enroll('C000003', 2, null);
});
