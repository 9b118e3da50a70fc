import { insertEvents } from '@waymark/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createEngineWorld,
  type EngineWorld,
  eventsForFirstCustomers,
  publishJourney,
  seedBankCustomers,
  smsThenExit,
} from './support/engine-world.ts';
import { statusCounts, transitionCounts } from './support/observe.ts';
import { startWorkerProcess, type WorkerProcess } from './support/worker-process.ts';

const customers = 10_000;
const kills = 6;
let world: EngineWorld;
const running = new Set<WorkerProcess>();

/**
 * Short locks and rechecks, so work of a killed process is taken over in seconds, not minutes.
 * The in-flight grace stays well above the connector's 2 s timeout: a call is only asked about
 * (and re-sent if the gateway never got it) once it cannot still be on its way.
 */
const fastRecovery = {
  WAYMARK_LOCK_DURATION_MS: '2000',
  WAYMARK_SWEEP_INTERVAL_MS: '1000',
  WAYMARK_IN_FLIGHT_GRACE_MS: '6000',
  WAYMARK_SEND_RECHECK_MS: '8000',
  WAYMARK_STALE_ACTIVE_MS: '4000',
};

beforeAll(async () => {
  world = await createEngineWorld({ label: 'sigkill' });
  await seedBankCustomers(world, customers);
}, 120_000);
afterAll(async () => {
  for (const worker of running) worker.child.kill('SIGKILL');
  await Promise.all([...running].map((w) => w.exited));
  await world?.close();
}, 60_000);

function spawnWorker(): WorkerProcess {
  const worker = startWorkerProcess(world, fastRecovery);
  running.add(worker);
  void worker.exited.then(() => running.delete(worker));
  return worker;
}

it(`delivers each of ${customers.toLocaleString('en')} messages exactly once while worker processes are SIGKILLed ${kills} times`, {
  timeout: 600_000,
}, async () => {
  const journeyId = await publishJourney(
    world,
    smsThenExit(
      { id: 'activated', type: 'trigger.event', config: { event: 'card_activated' } },
      '【示例银行】{{customer.name}}，您的新卡已激活，首刷享好礼。',
      'welcomed',
    ),
  );
  const events = eventsForFirstCustomers('card_activated', customers, 'activation', new Date());
  await insertEvents(world.testDb.db, events);
  await world.r.producers.events.ingested(events.map((e) => e.eventId));

  const workers = [spawnWorker(), spawnWorker()];
  let killed = 0;
  for (let k = 1; k <= kills; k++) {
    await world.gateway.waitForAccepted(Math.floor((customers * k) / (kills + 2)), 240_000);
    const victim = workers.shift()!;
    victim.child.kill('SIGKILL');
    expect(await victim.exited).toBe('SIGKILL');
    killed += 1;
    workers.push(spawnWorker());
  }
  await world.gateway.waitForAccepted(customers, 240_000);
  await expect
    .poll(async () => (await statusCounts(world, journeyId)).completed ?? 0, {
      timeout: 120_000,
      interval: 500,
    })
    .toBe(customers);

  for (const worker of workers) worker.child.kill('SIGTERM');
  const codes = await Promise.all(workers.map((w) => w.exited));
  expect(codes, workers.map((w) => w.stderr()).join('\n')).toEqual([0, 0]);

  expect(killed).toBe(kills);
  // The provider's own ledger: every customer received one message, and no key was sent twice.
  expect(world.gateway.acceptedCount).toBe(customers);
  expect(world.gateway.keysRequestedMoreThanOnce()).toEqual([]);
  expect(new Set(world.gateway.accepted().map((m) => m.to)).size).toBe(customers);
  const counts = await transitionCounts(world, journeyId);
  expect(counts).toEqual({ 'activated.out': customers, 'sms.sent': customers });
  const [messages] = await world.testDb.db.query<{ total: number; sent: number }>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'sent')::int AS sent FROM messages`,
  );
  expect(messages).toEqual({ total: customers, sent: customers });
});
