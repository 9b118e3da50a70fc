import { insertEvents } from '@waymark/db';
import { rmFollowUpGraph } from '@waymark/journey/testing';
import { buildApp, createUser, engineHandoff } from '@waymark/server';
import { type RunningEngine, startEngine, sweep } from '@waymark/workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEngineWorld,
  type EngineWorld,
  publishJourney,
  seedBankCustomers,
} from './support/engine-world.ts';
import { drained, statusCounts, transitionCounts } from './support/observe.ts';

// The whole loop of a relationship-manager task: a deposit enrolls customers, the engine parks
// them at an rm.task node, their manager sees the tasks and records outcomes through the HTTP API
// (the real route, on the engine's database and queues), and the engine moves each customer on
// through the recorded port. The task nobody records expires when the SLA runs out (manual clock
// and sweep, no sleeping).
const hour = 3_600_000;
let world: EngineWorld;
let engine: RunningEngine;
let app: Awaited<ReturnType<typeof buildApp>>;
let cookie: string;

const followUp = rmFollowUpGraph('请致电{{customer.name}}，介绍大额存单（到账 {{event.amount}} 元）。');

beforeAll(async () => {
  world = await createEngineWorld({ label: 'rm-tasks' });
  await seedBankCustomers(world, 3);
  engine = await startEngine(world.r, {
    groups: ['events', 'steps', 'waits'],
    sweepIntervalMs: false,
    tuning: { lockDurationMs: 10_000, stalledIntervalMs: 5_000, retryBaseMs: 50 },
  });
  app = await buildApp({
    db: world.db,
    cipher: world.cipher,
    clock: world.clock,
    // The test jumps two days ahead; the manager's session must outlive that.
    config: { nodeEnv: 'test', sessionTtlHours: 24 * 7 },
    ...engineHandoff(world.db, world.r.producers, world.redis),
  });
  const password = 'correct horse battery';
  const rm = await createUser(world.db, {
    username: 'rm.zhang',
    displayName: '张经理',
    password,
    roles: ['relationship-manager'],
  });
  await world.db.query('UPDATE customers SET rm_user_id = $1', [rm.id]);
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'rm.zhang', password },
  });
  cookie = `wm_session=${login.cookies.find((c) => c.name === 'wm_session')?.value}`;
}, 120_000);

afterAll(async () => {
  await engine?.close();
  await app?.close();
  await world?.close();
}, 60_000);

interface Task {
  enrollmentId: string;
  nodeId: string;
  customer: { id: string; name: string | null };
  talkingPoints: string;
}

async function openTasks(): Promise<Task[]> {
  const response = await app.inject({ url: '/api/v1/rm/tasks', headers: { cookie } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items;
}

function recordOutcome(task: Task, outcome: string) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/rm/tasks/${task.enrollmentId}/${task.nodeId}/outcome`,
    headers: { cookie },
    payload: { outcome },
  });
}

describe('an rm.task closed from the workbench', () => {
  it('moves customers on through the outcome their manager recorded, and expires the unrecorded task', {
    timeout: 120_000,
  }, async () => {
    const journeyId = await publishJourney(world, followUp);
    const deposits = ['C000001', 'C000002', 'C000003'].map((customerId) => ({
      eventId: `deposit-${customerId}`,
      customerId,
      name: 'large_deposit',
      properties: { amount: 500_000 },
      occurredAt: world.clock.now(),
    }));
    await insertEvents(world.testDb.db, deposits);
    await world.r.producers.events.ingested(deposits.map((d) => d.eventId));
    await drained(world);
    expect(await statusCounts(world, journeyId)).toEqual({ waiting: 3 });

    const tasks = await openTasks();
    expect(tasks.map((task) => task.customer.id).sort()).toEqual(['C000001', 'C000002', 'C000003']);
    const byCustomer = new Map(tasks.map((task) => [task.customer.id, task]));
    const first = byCustomer.get('C000001') as Task;
    expect(first.talkingPoints).toBe(`请致电${first.customer.name}，介绍大额存单（到账 500000 元）。`);

    // A day later the manager has called two of them.
    world.clock.advance(24 * hour);
    expect((await recordOutcome(first, 'converted')).statusCode).toBe(202);
    expect((await recordOutcome(byCustomer.get('C000002') as Task, 'not-interested')).statusCode).toBe(202);
    await drained(world);

    let counts = await transitionCounts(world, journeyId);
    expect(counts['call.converted']).toBe(1);
    expect(counts['call.not-interested']).toBe(1);
    expect(await exitReasons(journeyId)).toEqual({
      C000001: 'rm converted',
      C000002: 'rm not interested',
      C000003: null,
    });
    expect((await openTasks()).map((task) => task.customer.id)).toEqual(['C000003']);
    // The customer has left, so a late second click is told what was recorded.
    const again = await recordOutcome(first, 'not-interested');
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'rm-task.already-recorded', outcome: 'converted' });

    // Nobody calls the third customer; the SLA runs out 48 hours after the task was handed out.
    world.clock.advance(24 * hour + 60_000);
    expect((await sweep(world.r)).woken).toBe(1);
    await drained(world);
    counts = await transitionCounts(world, journeyId);
    expect(counts['call.expired']).toBe(1);
    expect(await statusCounts(world, journeyId)).toEqual({ completed: 3 });
    expect((await exitReasons(journeyId)).C000003).toBe('rm expired');
    expect(await openTasks()).toEqual([]);
    const late = await recordOutcome(byCustomer.get('C000003') as Task, 'converted');
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('rm-task.closed');
  });
});

/** Each customer's exit reason (the part before any `:` detail), null while still inside. */
async function exitReasons(journeyId: string): Promise<Record<string, string | null>> {
  const rows = await world.testDb.db.query<{ customer_id: string; exit_reason: string | null }>(
    'SELECT customer_id, exit_reason FROM enrollments WHERE journey_id = $1 ORDER BY customer_id',
    [journeyId],
  );
  return Object.fromEntries(rows.map((row) => [row.customer_id, row.exit_reason?.split(':')[0] ?? null]));
}
