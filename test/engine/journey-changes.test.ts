import { buildApp, createUser, engineHandoff } from '@waymark/server';
import { journeyChangesChannel } from '@waymark/workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEngineWorld,
  type EngineWorld,
  seedBankCustomers,
  smsThenExit,
} from './support/engine-world.ts';
import { drained, statusCounts } from './support/observe.ts';
import { startWorkerProcess, type WorkerProcess } from './support/worker-process.ts';

// A planner publishes, pauses, resumes and archives through the API while two separate worker
// processes handle events. The workers trust their journey list for ten minutes, so only the
// change announcement can make them see a change in time: without it every assertion below fails.
let world: EngineWorld;
let app: Awaited<ReturnType<typeof buildApp>>;
let cookie: string;
const workers: WorkerProcess[] = [];
let journeyId: string;
let sent = 0;

beforeAll(async () => {
  world = await createEngineWorld({ label: 'journey-changes' });
  await seedBankCustomers(world, 60);
  app = await buildApp({
    db: world.db,
    cipher: world.cipher,
    config: { nodeEnv: 'test', sessionTtlHours: 12 },
    ...engineHandoff(world.db, world.r.producers, world.redis),
  });
  const password = 'correct horse battery';
  await createUser(world.db, { username: 'planner', displayName: 'Planner', password, roles: ['planner'] });
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'planner', password },
  });
  cookie = `wm_session=${login.cookies.find((c) => c.name === 'wm_session')?.value}`;
  for (let i = 0; i < 2; i++) {
    workers.push(
      startWorkerProcess(world, {
        WAYMARK_WORKERS: 'events,steps,sends,lifecycle',
        WAYMARK_JOURNEY_CACHE_MS: '600000',
      }),
    );
  }
  await bothWorkersListening();
}, 120_000);

afterAll(async () => {
  for (const worker of workers) worker.child.kill('SIGTERM');
  await Promise.all(workers.map((w) => w.exited));
  await app?.close();
  await world?.close();
}, 60_000);

/** Both processes subscribed, loaded their journey list (before the journey exists) and took up event jobs. */
async function bothWorkersListening(): Promise<void> {
  const channel = journeyChangesChannel(world.prefix);
  for (let attempt = 0; attempt < 600; attempt++) {
    const [, subscribers] = (await world.redis.pubsub('NUMSUB', channel)) as [string, number];
    const eventWorkers = await world.r.producers.queue('events').getWorkersCount();
    if (subscribers >= 2 && eventWorkers >= 2) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`worker processes did not start:\n${workers.map((w) => w.stderr()).join('\n')}`);
}

const post = (url: string, payload: object = {}) =>
  app.inject({ method: 'POST', url, headers: { cookie }, payload });

/** Ten events from ten customers, each in its own call (its own job, whichever process takes it). */
async function sendSalaries(): Promise<void> {
  for (let i = 0; i < 10; i++) {
    sent += 1;
    const response = await post('/api/v1/events', {
      events: [
        {
          eventId: `salary-${sent}`,
          customerId: `C${String(sent).padStart(6, '0')}`,
          name: 'salary_credited',
          occurredAt: new Date().toISOString(),
        },
      ],
    });
    expect(response.statusCode).toBe(202);
  }
}

async function entered(): Promise<number> {
  const counts = await statusCounts(world, journeyId);
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

describe('a journey change is seen by every worker process at once', () => {
  it('enrolls events sent the moment after the publish', { timeout: 60_000 }, async () => {
    const created = await post('/api/v1/journeys', {
      name: '工资到账提醒',
      graph: smsThenExit(
        { id: 'salary', type: 'trigger.event', config: { event: 'salary_credited' } },
        '工资已到账，可预约定投',
        'notified',
      ),
    });
    expect(created.statusCode).toBe(201);
    journeyId = created.json().id;
    expect((await post(`/api/v1/journeys/${journeyId}/publish`)).statusCode).toBe(201);
    await sendSalaries();
    await world.gateway.waitForAccepted(10, 30_000);
    await drained(world);
    expect(await entered()).toBe(10);
    expect(world.gateway.acceptedCount).toBe(10);
  });

  it('takes no entry the moment after a pause, and takes them again the moment after resume', {
    timeout: 60_000,
  }, async () => {
    expect((await post(`/api/v1/journeys/${journeyId}/pause`)).statusCode).toBe(200);
    await sendSalaries();
    await drained(world);
    expect(await entered()).toBe(10);

    expect((await post(`/api/v1/journeys/${journeyId}/resume`)).statusCode).toBe(200);
    await sendSalaries();
    await world.gateway.waitForAccepted(20, 30_000);
    await drained(world);
    expect(await entered()).toBe(20);
  });

  it('takes no entry the moment after an archive', { timeout: 60_000 }, async () => {
    expect((await post(`/api/v1/journeys/${journeyId}/archive`)).statusCode).toBe(200);
    await sendSalaries();
    await drained(world);
    expect(await entered()).toBe(20);
    expect(world.gateway.acceptedCount).toBe(20);
  });
});
