import { randomBytes } from 'node:crypto';
import { connectorDefinitions, createConnectorRegistry } from '@waymark/connectors';
import { createPiiCipher } from '@waymark/db/crypto';
import { createTestDb, type TestDb } from '@waymark/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ConnectorAccounts, createConnectorAccounts } from '../src/runtime/connector-accounts.ts';

// The accounts the delivery path binds, against a real connectors table: cached for `ttlMs`, then
// reloaded in the background while the cached account keeps serving sends.
const cipher = createPiiCipher(randomBytes(32));
const ttlMs = 30_000;
let testDb: TestDb;
let clock = 0;
let accounts: ConnectorAccounts;

beforeAll(async () => {
  testDb = await createTestDb();
  await testDb.db.query(
    `INSERT INTO connectors (id, kind, channel, name, credentials_enc, settings)
     VALUES ('sms-main', 'http-sms-gateway', 'sms', 'SMS', $1, '{"rateLimit": {"max": 100}}')`,
    [cipher.encrypt(JSON.stringify({ baseUrl: 'http://127.0.0.1:9', apiKey: 'test-api-key-123' }))],
  );
  accounts = createConnectorAccounts({
    db: testDb.db,
    cipher,
    registry: createConnectorRegistry(connectorDefinitions),
    ttlMs,
    now: () => clock,
  });
});
afterAll(() => testDb.drop());

const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

it('serves the cached account while an expired one reloads, then the channel team’s edit', async () => {
  const first = await accounts.get('sms-main');
  expect(first.rateLimit).toEqual({ max: 100, durationMs: 1000 });
  await testDb.db.query(
    `UPDATE connectors SET settings = '{"rateLimit": {"max": 20}}' WHERE id = 'sms-main'`,
  );

  clock += ttlMs + 1;
  // Past its time: the same account answers at once, and the row is read again behind it.
  expect(await accounts.get('sms-main')).toBe(first);
  await settle();
  expect((await accounts.get('sms-main')).rateLimit).toEqual({ max: 20, durationMs: 1000 });
});

it('stops serving a connector the channel team switched off, once the reload sees it', async () => {
  await testDb.db.query(`UPDATE connectors SET enabled = false WHERE id = 'sms-main'`);
  clock += ttlMs + 1;
  await accounts.get('sms-main');
  await settle();
  await expect(accounts.get('sms-main')).rejects.toMatchObject({ code: 'connector-disabled' });
  // Not kept: switched back on, the next message finds it.
  await testDb.db.query(`UPDATE connectors SET enabled = true WHERE id = 'sms-main'`);
  expect((await accounts.get('sms-main')).id).toBe('sms-main');
});
