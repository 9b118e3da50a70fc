import type { TestSmsGateway } from '@waymark/connectors/testing';
import type { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverMessages } from '../src/deliveries/deliver-messages.ts';
import { startDeliveryWorkers } from '../src/deliveries/delivery-workers.ts';
import { applyLifecycle } from '../src/lifecycle/apply-lifecycle.ts';
import { reconcileUnknown } from '../src/maintenance/reconcile.ts';
import { defaultWorkerTuning } from '../src/runtime/worker-tuning.ts';
import { seedClaimedMessages } from './support/claimed-messages.ts';
import {
  attachSmsGateway,
  createEngineFixture,
  type EngineFixture,
  insertCustomers,
} from './support/engine-fixture.ts';

let f: EngineFixture;
let gateway: TestSmsGateway;
let workers: Worker[];
const signal = new AbortController().signal;
let nextCustomer = 1;

/** Fresh customers with valid mobile numbers. */
async function customers(count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => `C${String(nextCustomer++).padStart(6, '0')}`);
  await insertCustomers(
    f,
    ids.map((id) => ({ id, phone: `138${id.slice(1).padStart(8, '0')}` })),
  );
  return ids;
}

async function statuses(ids: number[]) {
  const rows = await f.testDb.db.query<{
    id: number;
    status: string;
    reason: string | null;
    attempts: number;
  }>('SELECT id, status, reason, attempts FROM messages WHERE id = ANY($1::bigint[]) ORDER BY id', [ids]);
  return rows;
}

async function settledCount(ids: number[]) {
  return (await statuses(ids)).filter((m) => !['claimed', 'queued'].includes(m.status)).length;
}

beforeAll(async () => {
  f = await createEngineFixture({ label: 'deliveries', settings: { inFlightGraceMs: 60_000 } });
  gateway = await attachSmsGateway(f, { timeoutMs: 500 });
  workers = startDeliveryWorkers(f.r, ['sms'], {
    ...defaultWorkerTuning,
    retryBaseMs: 20,
    lockDurationMs: 5_000,
    stalledIntervalMs: 2_000,
  });
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await gateway.close();
  await f.close();
});

describe('delivery', () => {
  it('sends every claimed message exactly once, even when the same work is queued three times', async () => {
    const { messageIds, enrollmentIds } = await seedClaimedMessages(f, {
      customerIds: await customers(250),
      connectorId: 'sms-main',
    });
    await Promise.all([
      f.r.producers.deliveries.deliver('sms', messageIds, 'dup-a'),
      f.r.producers.deliveries.deliver('sms', messageIds, 'dup-b'),
      f.r.producers.deliveries.deliver('sms', messageIds.slice(0, 100), 'dup-c'),
    ]);
    await expect.poll(() => settledCount(messageIds), { timeout: 20_000 }).toBe(250);
    const rows = await statuses(messageIds);
    expect(rows.every((m) => m.status === 'sent' && m.attempts === 1)).toBe(true);
    const keys = await f.testDb.db.query<{ idempotency_key: string }>(
      'SELECT idempotency_key FROM messages WHERE id = ANY($1::bigint[])',
      [messageIds],
    );
    for (const { idempotency_key } of keys) expect(gateway.requestsFor(idempotency_key)).toBe(1);
    // The enrollments move on through the send's "sent" port as soon as their message is out.
    const moved = () =>
      f.testDb.db.query<{ status: string; exit_reason: string }>(
        'SELECT DISTINCT status, exit_reason FROM enrollments WHERE id = ANY($1::bigint[])',
        [enrollmentIds],
      );
    await expect.poll(moved, { timeout: 20_000 }).toEqual([{ status: 'completed', exit_reason: 'sent' }]);
  });

  it('retries a gateway that is down and sends once it is back', async () => {
    const { messageIds } = await seedClaimedMessages(f, {
      customerIds: await customers(3),
      connectorId: 'sms-main',
    });
    gateway.behave({ kind: 'fail', status: 503 }, 2);
    await f.r.producers.deliveries.deliver('sms', messageIds, 'retry-503');
    await expect.poll(() => settledCount(messageIds), { timeout: 20_000 }).toBe(3);
    const rows = await statuses(messageIds);
    expect(rows.map((m) => m.status)).toEqual(['sent', 'sent', 'sent']);
    expect(rows.map((m) => m.attempts)).toEqual([3, 3, 3]);
    const events = await f.testDb.db.query<{ status: string }>(
      'SELECT status FROM message_events WHERE message_id = $1 ORDER BY id',
      [messageIds[0]],
    );
    expect(events.map((e) => e.status)).toEqual(['retry', 'retry', 'sent']);
  });

  it('records a refused number as failed with the reason and still sends the others', async () => {
    const ids = await customers(3);
    gateway.rejectNumbers([`138${ids[1]!.slice(1).padStart(8, '0')}`]);
    const { messageIds } = await seedClaimedMessages(f, { customerIds: ids, connectorId: 'sms-main' });
    await deliverMessages(f.r, messageIds, { lastAttempt: false, signal });
    const rows = await statuses(messageIds);
    expect(rows.map((m) => m.status)).toEqual(['sent', 'failed', 'sent']);
    expect(rows[1]?.reason).toMatch(/^invalid_recipient/);
  });

  it('leaves a garbled answer unknown, then settles it by asking the gateway, never resending', async () => {
    const { messageIds } = await seedClaimedMessages(f, {
      customerIds: await customers(2),
      connectorId: 'sms-main',
    });
    gateway.behave({ kind: 'garbage', accept: true }, 1);
    await deliverMessages(f.r, messageIds, { lastAttempt: false, signal });
    expect((await statuses(messageIds)).map((m) => m.status)).toEqual(['unknown', 'unknown']);
    f.clock.advance(60_000);
    const result = await reconcileUnknown(f.r);
    expect(result).toMatchObject({ confirmed: 2, requeued: 0 });
    expect((await statuses(messageIds)).map((m) => m.status)).toEqual(['sent', 'sent']);
    const keys = await f.testDb.db.query<{ idempotency_key: string }>(
      'SELECT idempotency_key FROM messages WHERE id = ANY($1::bigint[])',
      [messageIds],
    );
    for (const { idempotency_key } of keys) expect(gateway.requestsFor(idempotency_key)).toBe(1);
  });

  it('settles what can be asked even when older unknowns of a connector that cannot be asked fill a page', async () => {
    // A webhook connector has no lookup: its unknown outcomes stay unknown for good.
    await f.testDb.db.query(
      `INSERT INTO connectors (id, kind, channel, name, credentials_enc, settings)
       VALUES ('crm-hook', 'outbound-webhook', 'webhook', 'CRM hook', NULL, '{}') ON CONFLICT DO NOTHING`,
    );
    const old = new Date(f.clock.now().getTime() - 3_600_000);
    await f.testDb.db.query(
      `INSERT INTO messages (idempotency_key, customer_id, channel, connector_id, status, updated_at)
       SELECT 'hook-' || n, 'C000001', 'webhook', 'crm-hook', 'unknown', $2 FROM generate_series(1, $1::int) AS n`,
      [f.r.settings.pageSize + 5, old],
    );
    const { messageIds } = await seedClaimedMessages(f, {
      customerIds: await customers(1),
      connectorId: 'sms-main',
    });
    gateway.behave({ kind: 'garbage', accept: true }, 1);
    await deliverMessages(f.r, messageIds, { lastAttempt: false, signal });
    f.clock.advance(60_000);
    expect(await reconcileUnknown(f.r)).toMatchObject({ confirmed: 1 });
    expect((await statuses(messageIds))[0]?.status).toBe('sent');
  });

  it('re-sends an unknown message only after the gateway says it never got it', async () => {
    const { messageIds } = await seedClaimedMessages(f, {
      customerIds: await customers(1),
      connectorId: 'sms-main',
    });
    gateway.behave({ kind: 'garbage', accept: false }, 1);
    await deliverMessages(f.r, messageIds, { lastAttempt: false, signal });
    f.clock.advance(60_000);
    expect(await reconcileUnknown(f.r)).toMatchObject({ requeued: 1 });
    await expect.poll(async () => (await statuses(messageIds))[0]?.status, { timeout: 20_000 }).toBe('sent');
    const [key] = await f.testDb.db.query<{ idempotency_key: string }>(
      'SELECT idempotency_key FROM messages WHERE id = $1',
      [messageIds[0]],
    );
    // Two requests (the first was answered with garbage and not taken), one message received.
    expect(gateway.requestsFor(key!.idempotency_key)).toBe(2);
    expect(gateway.accepted().filter((m) => m.idempotencyKey === key!.idempotency_key)).toHaveLength(1);
  });

  it('asks the gateway about a message whose worker died mid-call instead of sending it again', async () => {
    const { messageIds } = await seedClaimedMessages(f, {
      customerIds: await customers(1),
      connectorId: 'sms-main',
    });
    gateway.behave({ kind: 'accept-then-hang' }, 1);
    await deliverMessages(f.r, messageIds, { lastAttempt: false, signal });
    // The hang ended as "unknown"; pretend instead the worker died while the row was queued.
    await f.testDb.db.query(`UPDATE messages SET status = 'queued', updated_at = $2 WHERE id = $1`, [
      messageIds[0],
      new Date(f.clock.now().getTime() - 120_000),
    ]);
    await deliverMessages(f.r, messageIds, { lastAttempt: false, signal });
    const [row] = await statuses(messageIds);
    expect(row?.status).toBe('sent');
    const [key] = await f.testDb.db.query<{ idempotency_key: string }>(
      'SELECT idempotency_key FROM messages WHERE id = $1',
      [messageIds[0]],
    );
    expect(gateway.requestsFor(key!.idempotency_key)).toBe(1);
  });

  it('resends an interrupted message once when several jobs reconcile it at the same time', async () => {
    const { messageIds } = await seedClaimedMessages(f, {
      customerIds: await customers(1),
      connectorId: 'sms-main',
    });
    // A worker died after marking the message queued, before its request left.
    await f.testDb.db.query(
      `UPDATE messages SET status = 'queued', attempts = 1, updated_at = $2 WHERE id = $1`,
      [messageIds[0], new Date(f.clock.now().getTime() - 120_000)],
    );
    await Promise.all(
      Array.from({ length: 5 }, () => deliverMessages(f.r, messageIds, { lastAttempt: false, signal })),
    );
    const [row] = await f.testDb.db.query<{ idempotency_key: string; status: string; attempts: number }>(
      'SELECT idempotency_key, status, attempts FROM messages WHERE id = $1',
      [messageIds[0]],
    );
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(gateway.requestsFor(row!.idempotency_key)).toBe(1);
  });

  it('holds messages of a paused journey and releases them on resume', async () => {
    const { journeyId, messageIds, enrollmentIds } = await seedClaimedMessages(f, {
      customerIds: await customers(2),
      connectorId: 'sms-main',
      journeyStatus: 'paused',
    });
    const result = await deliverMessages(f.r, messageIds, { lastAttempt: false, signal });
    expect(result.held).toBe(2);
    expect((await statuses(messageIds)).map((m) => m.status)).toEqual(['claimed', 'claimed']);
    const parked = await f.testDb.db.query<{ waiting_event: string }>(
      'SELECT waiting_event FROM enrollments WHERE id = ANY($1::bigint[])',
      [enrollmentIds],
    );
    expect(parked.map((e) => e.waiting_event)).toEqual(['@resume', '@resume']);
    expect(await applyLifecycle(f.r, { journeyId, action: 'resume', reason: '' })).toMatchObject({
      affected: 2,
    });
    const released = await f.testDb.db.query<{ status: string }>(
      'SELECT status FROM enrollments WHERE id = ANY($1::bigint[])',
      [enrollmentIds],
    );
    expect(released.map((e) => e.status)).toEqual(['active', 'active']);
  });

  it('suppresses the messages of an archived journey and exits its customers', async () => {
    const { journeyId, messageIds, enrollmentIds } = await seedClaimedMessages(f, {
      customerIds: await customers(2),
      connectorId: 'sms-main',
    });
    await applyLifecycle(f.r, { journeyId, action: 'archive', reason: 'campaign withdrawn' });
    const exited = await f.testDb.db.query<{ status: string; exit_reason: string }>(
      'SELECT status, exit_reason FROM enrollments WHERE id = ANY($1::bigint[])',
      [enrollmentIds],
    );
    expect(
      exited.every((e) => e.status === 'exited' && e.exit_reason === 'journey-archived: campaign withdrawn'),
    ).toBe(true);
    await deliverMessages(f.r, messageIds, { lastAttempt: false, signal });
    expect((await statuses(messageIds)).map((m) => m.status)).toEqual(['suppressed', 'suppressed']);
  });

  it('keeps a channel within its budget: 15 SMS at 5 per second take three budget windows', async () => {
    f.r.settings.channelRateLimits = { sms: { max: 5, durationMs: 1000 } };
    const before = gateway.acceptedCount;
    const { messageIds } = await seedClaimedMessages(f, {
      customerIds: await customers(15),
      connectorId: 'sms-main',
    });
    for (let i = 0; i < 15; i += 5)
      await f.r.producers.deliveries.deliver('sms', messageIds.slice(i, i + 5), `budget-${i}`);
    await gateway.waitForAccepted(before + 15, 30_000);
    f.r.settings.channelRateLimits = {};
    // The budget is a fixed window per second, counted when the worker takes it, not when the
    // gateway receives the request: a batch granted at the end of one second can arrive in the
    // next. So the check is on sliding spans: the 1st and 11th message (two full budgets later)
    // are at least one window apart, less the time a request takes to arrive.
    const at = gateway
      .accepted()
      .slice(before)
      .map((m) => m.at.getTime())
      .sort((a, b) => a - b);
    for (let i = 0; i + 10 < at.length; i++) expect(at[i + 10]! - at[i]!).toBeGreaterThanOrEqual(900);
    expect(new Set(at.map((t) => Math.floor(t / 1000))).size).toBeGreaterThanOrEqual(3);
  });

  it('fails messages of a missing connector with a reason the channel team understands', async () => {
    const { messageIds } = await seedClaimedMessages(f, {
      customerIds: await customers(1),
      connectorId: 'sms-gone',
    });
    await deliverMessages(f.r, messageIds, { lastAttempt: false, signal });
    const [row] = await statuses(messageIds);
    expect(row?.status).toBe('failed');
    expect(row?.reason).toMatch(/^connector-missing: Connector "sms-gone" does not exist/);
  });
});
