import { randomBytes } from 'node:crypto';
import { upsertCustomers } from '@waymark/db';
import { createPiiCipher } from '@waymark/db/crypto';
import { createTestDb, type TestDb } from '@waymark/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUser } from '../src/auth/users.ts';
import { updateDemo } from '../src/demo/seed-demo.ts';

// A demo database seeded by an earlier version, started again by this one: it gains the demo
// connectors added since, and its customers the WeCom identities those send to.
const cipher = createPiiCipher(randomBytes(32));
let testDb: TestDb;
const logged: string[] = [];
const log = (line: string) => logged.push(line);

async function connectorIds() {
  const rows = await testDb.db.query<{ id: string }>('SELECT id FROM connectors ORDER BY id');
  return rows.map((r) => r.id);
}

async function attributes(id: string) {
  const [row] = await testDb.db.query<{ attributes: Record<string, unknown> }>(
    'SELECT attributes FROM customers WHERE id = $1',
    [id],
  );
  return row?.attributes;
}

async function seedOlderDemo() {
  const insert = 'INSERT INTO connectors (id, kind, channel, name) VALUES ($1, $2, $3, $4)';
  await testDb.db.query(insert, ['demo-sms', 'http-sms-gateway', 'sms', 'Demo SMS']);
  await testDb.db.query(insert, ['demo-wecom', 'wecom', 'wecom', 'Demo WeCom']);
  await testDb.db.query(insert, ['demo-push', 'push', 'push', 'Demo push']);
  await testDb.db.query(insert, ['demo-email', 'smtp-email', 'email', 'Demo mail relay']);
  const rm = await createUser(testDb.db, {
    username: 'rm.zhang',
    displayName: '张经理',
    roles: ['relationship-manager'],
    password: 'demo-password-1',
  });
  await upsertCustomers(testDb.db, cipher, [
    { id: 'C000006', rmUserId: rm.id, attributes: { age: 41, wecomUserId: 'wm_c000006' } },
    { id: 'C000001', rmUserId: null, attributes: { age: 58, wecomUserId: 'wm_c000001' } },
  ]);
}

beforeEach(async () => {
  testDb = await createTestDb();
  logged.length = 0;
});
afterEach(() => testDb?.drop());

describe('starting an older demo database', () => {
  it('adds the WeCom contact connector, and makes the demo RM’s customers their WeCom contacts', async () => {
    await seedOlderDemo();
    await updateDemo(testDb.db, log);
    expect(await connectorIds()).toEqual([
      'demo-email',
      'demo-push',
      'demo-sms',
      'demo-wecom',
      'demo-wecom-contact',
    ]);
    const [row] = await testDb.db.query<Record<string, unknown>>(
      "SELECT kind, channel, credentials_enc FROM connectors WHERE id = 'demo-wecom-contact'",
    );
    expect(row).toEqual({ kind: 'wecom-contact', channel: 'wecom', credentials_enc: null });
    expect(await attributes('C000006')).toEqual({
      age: 41,
      wecomUserId: 'wm_c000006',
      wecomExternalUserId: 'wm_ext_c000006',
      rmWecomUserId: 'ZhangWei',
    });
    expect(await attributes('C000001')).toEqual({ age: 58, wecomUserId: 'wm_c000001' });
    expect(logged).toEqual(['Added to the demo: demo-wecom-contact']);

    // The next start has nothing to do.
    await updateDemo(testDb.db, log);
    expect(logged).toHaveLength(1);
  });

  it('does not bring back a demo connector someone deleted', async () => {
    await seedOlderDemo();
    await updateDemo(testDb.db, log);
    await testDb.db.query("DELETE FROM connectors WHERE id = 'demo-wecom-contact'");
    await testDb.db.query(
      `INSERT INTO audit_log (action, subject_type, subject_id)
       VALUES ('connector.deleted', 'connector', 'demo-wecom-contact')`,
    );
    await updateDemo(testDb.db, log);
    expect(await connectorIds()).not.toContain('demo-wecom-contact');
  });

  it('adds nothing to a database that was never seeded as a demo', async () => {
    await updateDemo(testDb.db, log);
    expect(await connectorIds()).toEqual([]);
    expect(logged).toEqual([]);
  });
});
