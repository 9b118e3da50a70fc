import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate } from '../src/index.ts';
import { createTestDb, type TestDb } from '../src/testing/index.ts';
import { migrationsBefore } from './migrations-before.ts';

let testDb: TestDb;
const before = migrationsBefore('0004_messages_hot_updates');

beforeAll(async () => {
  testDb = await createTestDb({ migrate: false });
});
afterAll(async () => {
  await testDb?.drop();
  before.remove();
});

it('upgrades sent-message history so receipts still find old messages by the provider id', async () => {
  await migrate(testDb.db, { dir: before.dir });
  // As the engine stored a send before: the provider id on the message and in the event's detail.
  const [message] = await testDb.db.query<{ id: number }>(
    `INSERT INTO messages (idempotency_key, customer_id, channel, connector_id, status, provider_message_id)
     VALUES ('e1.sms.s1', 'C000001', 'sms', 'sms-main', 'sent', 'gw-77') RETURNING id`,
  );
  await testDb.db.query(
    `INSERT INTO message_events (message_id, status, detail) VALUES
       ($1, 'retry', '{"reason": "rate-limited"}'), ($1, 'sent', '{"providerMessageId": "gw-77"}')`,
    [message!.id],
  );

  expect((await migrate(testDb.db)).applied).toContain('0004_messages_hot_updates');
  const events = await testDb.db.query<{ status: string; provider_message_id: string | null }>(
    'SELECT status, provider_message_id FROM message_events ORDER BY id',
  );
  expect(events).toEqual([
    { status: 'retry', provider_message_id: null },
    { status: 'sent', provider_message_id: 'gw-77' },
  ]);
  const [options] = await testDb.db.query<{ reloptions: string[] | null }>(
    "SELECT reloptions FROM pg_class WHERE relname = 'messages'",
  );
  expect(options?.reloptions).toEqual(['fillfactor=50']);
});
