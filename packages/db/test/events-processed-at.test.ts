import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertEvents, migrate } from '../src/index.ts';
import { createTestDb, type TestDb } from '../src/testing/index.ts';
import { migrationsBefore } from './migrations-before.ts';

let testDb: TestDb;
const before = migrationsBefore('0002_events_processed_at');

beforeAll(async () => {
  testDb = await createTestDb({ migrate: false });
});
afterAll(async () => {
  await testDb?.drop();
  before.remove();
});

it('counts events stored before the upgrade as processed, so the engine does not replay history', async () => {
  await migrate(testDb.db, { dir: before.dir });
  const at = new Date('2026-01-05T01:00:00Z');
  await insertEvents(testDb.db, [
    { eventId: 'old-1', customerId: 'C000001', name: 'login', occurredAt: at },
    { eventId: 'old-2', customerId: 'C000002', name: 'large_deposit', occurredAt: at },
  ]);

  expect((await migrate(testDb.db)).applied).toContain('0002_events_processed_at');
  await insertEvents(testDb.db, [{ eventId: 'new-1', customerId: 'C000001', name: 'login', occurredAt: at }]);

  const rows = await testDb.db.query<{ event_id: string; processed: boolean }>(
    'SELECT event_id, processed_at IS NOT NULL AS processed FROM events ORDER BY seq',
  );
  expect(rows).toEqual([
    { event_id: 'old-1', processed: true },
    { event_id: 'old-2', processed: true },
    { event_id: 'new-1', processed: false },
  ]);
});
