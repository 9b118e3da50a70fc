import { rmFollowUpGraph } from '@waymark/journey/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.ts';

// Relationship managers' tasks: customers the engine parked at an rm.task node. The engine is not
// running here (test/engine/rm-tasks.test.ts runs the whole loop), so enrollments are written in
// the state the engine leaves them in: waiting for `rm.task.outcome` until the SLA deadline.
let t: TestApp;
const now = new Date('2026-03-02T02:00:00Z');
const handedToEngine: string[] = [];
const hour = 3_600_000;
let journeyId: string;
const rm = { a: { cookie: '' }, b: { cookie: '' } };
const rmId = { a: '', b: '' };
const enrollment: Record<string, number> = {};

const followUpGraph = rmFollowUpGraph(
  '致电{{customer.name}}：到账 {{event.amount}} 元，余额 {{attributes.balance}}，推荐稳健理财。',
);

async function userIdOf(headers: { cookie: string }): Promise<string> {
  const me = await t.app.inject({ url: '/api/v1/auth/me', headers });
  return me.json().user.id;
}

/** An enrollment as the engine parks it at the rm.task node: entered `hoursAgo`, due 48 h after. */
async function parkAtTask(customerId: string, hoursAgo: number, status = 'waiting', node = 'call') {
  const entered = new Date(now.getTime() - hoursAgo * hour);
  await t.testDb.db.query(
    `INSERT INTO events (event_id, customer_id, name, properties, occurred_at, processed_at)
     VALUES ($1, $2, 'large_deposit', '{"amount": 80000}', $3, $3)`,
    [`deposit-${customerId}`, customerId, entered],
  );
  const [row] = await t.testDb.db.query<{ id: number }>(
    `INSERT INTO enrollments (journey_id, version, customer_id, current_node, status, wake_at, waiting_event,
                              trigger_event_id, entered_at)
     VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      journeyId,
      customerId,
      node,
      status,
      status === 'waiting' ? new Date(entered.getTime() + 48 * hour) : null,
      status === 'waiting' ? 'rm.task.outcome' : null,
      `deposit-${customerId}`,
      entered,
    ],
  );
  if (!row) throw new Error('no enrollment');
  enrollment[customerId] = row.id;
}

const list = (headers: { cookie: string }, query = '') =>
  t.app.inject({ url: `/api/v1/rm/tasks${query}`, headers });

const record = (headers: { cookie: string }, customerId: string, payload: unknown, node = 'call') =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/rm/tasks/${enrollment[customerId]}/${node}/outcome`,
    headers,
    payload: payload as Record<string, unknown>,
  });

beforeAll(async () => {
  t = await createTestApp({
    clock: { now: () => now },
    onEventsIngested: async (ids) => {
      handedToEngine.push(...ids);
    },
  });
  rm.a = await t.signIn('relationship-manager');
  rm.b = await t.signIn('relationship-manager', 'analyst');
  rmId.a = await userIdOf(rm.a);
  rmId.b = await userIdOf(rm.b);
  const planner = await t.signIn('planner');
  const customers = await t.app.inject({
    method: 'POST',
    url: '/api/v1/customers/batch',
    headers: planner,
    payload: {
      customers: [
        { id: 'C1', name: '张伟', phone: '13812345678', attributes: { balance: 52000 }, rmUserId: rmId.a },
        { id: 'C2', name: '李娜', phone: '13900001111', attributes: { balance: 8000 }, rmUserId: rmId.a },
        { id: 'C3', name: '王芳', phone: '13700002222', attributes: { balance: 100 }, rmUserId: rmId.a },
        { id: 'C4', name: '赵敏', phone: '13600003333', attributes: { balance: 900 }, rmUserId: rmId.b },
        // No balance: the talking points cannot be filled in for this one.
        { id: 'C5', name: '孙丽', phone: '13500004444', attributes: {}, rmUserId: rmId.a },
      ],
    },
  });
  expect(customers.statusCode).toBe(200);
  const journey = await t.app.inject({
    method: 'POST',
    url: '/api/v1/journeys',
    headers: planner,
    payload: { name: '大额到账 · 客户经理跟进', graph: followUpGraph },
  });
  journeyId = journey.json().id;
  const publish = await t.app.inject({
    method: 'POST',
    url: `/api/v1/journeys/${journeyId}/publish`,
    headers: planner,
    payload: {},
  });
  expect(publish.statusCode, publish.body).toBeLessThan(300);
  await parkAtTask('C2', 40); // due in 8 h: first
  await parkAtTask('C1', 10); // due in 38 h
  await parkAtTask('C3', 60, 'completed', 'won'); // left the journey already
  await parkAtTask('C4', 5); // RM b's customer
  await parkAtTask('C5', 1); // due last
});
afterAll(() => t.close());

describe('GET /rm/tasks', () => {
  it("lists only the manager's own open tasks, soonest deadline first, with filled-in talking points", async () => {
    const response = await list(rm.a);
    expect(response.statusCode).toBe(200);
    const { items, nextCursor } = response.json();
    expect(nextCursor).toBeNull();
    expect(items.map((task: { customer: { id: string } }) => task.customer.id)).toEqual(['C2', 'C1', 'C5']);
    const [first] = items;
    expect(first).toMatchObject({
      enrollmentId: String(enrollment.C2),
      nodeId: 'call',
      journey: { id: journeyId, name: '大额到账 · 客户经理跟进', status: 'live' },
      kind: 'call',
      talkingPoints: '致电李娜：到账 80000 元，余额 8000，推荐稳健理财。',
      talkingPointsProblem: null,
      customer: { id: 'C2', name: '李娜', phone: '13900001111', piiMasked: false },
      rmUserId: rmId.a,
      assignedAt: new Date(now.getTime() - 40 * hour).toISOString(),
      dueAt: new Date(now.getTime() + 8 * hour).toISOString(),
      overdue: false,
      outcome: null,
    });
    // A script that fails for this customer still gives the manager the script as written.
    expect(items[2].talkingPoints).toContain('{{attributes.balance}}');
    expect(items[2].talkingPointsProblem).toMatch(/balance/);

    const other = (await list(rm.b)).json().items;
    expect(other.map((task: { customer: { id: string } }) => task.customer.id)).toEqual(['C4']);
  });

  it('audits the clear view of names and phones', async () => {
    const rows = await t.testDb.db.query<{ details: { customerIds: string[] } }>(
      `SELECT details FROM audit_log WHERE action = 'customer.pii-viewed' AND actor_user_id = $1`,
      [rmId.a],
    );
    expect(rows.at(-1)?.details.customerIds).toEqual(['C2', 'C1', 'C5']);
  });

  it('pages with a cursor', async () => {
    const first = (await list(rm.a, '?limit=2')).json();
    expect(first.items).toHaveLength(2);
    const second = (await list(rm.a, `?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((task: { customer: { id: string } }) => task.customer.id)).toEqual(['C5']);
    expect(second.nextCursor).toBeNull();
    expect((await list(rm.a, '?cursor=garbage')).json().code).toBe('request.invalid-cursor');
  });

  it("shows every manager's tasks to an admin, and refuses that view and the list to others", async () => {
    const admin = await t.signIn('admin');
    const all = (await list(admin, '?scope=all')).json().items;
    expect(all.map((task: { customer: { id: string } }) => task.customer.id)).toEqual([
      'C2',
      'C1',
      'C4',
      'C5',
    ]);
    expect(all[2]).toMatchObject({ rmUserId: rmId.b, customer: { name: '赵敏', piiMasked: false } });
    expect((await list(rm.a, '?scope=all')).statusCode).toBe(403);
    const planner = await list(await t.signIn('planner'));
    expect(planner.statusCode).toBe(403);
    expect(planner.json().code).toBe('auth.forbidden');
  });

  it('follows the customer when they are handed to another manager', async () => {
    await t.testDb.db.query('UPDATE customers SET rm_user_id = $1 WHERE id = $2', [rmId.b, 'C5']);
    const forB = (await list(rm.b)).json().items;
    expect(forB.map((task: { customer: { id: string } }) => task.customer.id)).toEqual(['C4', 'C5']);
    expect((await list(rm.a)).json().items).toHaveLength(2);
    await t.testDb.db.query('UPDATE customers SET rm_user_id = $1 WHERE id = $2', [rmId.a, 'C5']);
  });
});

describe('POST /rm/tasks/:enrollmentId/:nodeId/outcome', () => {
  it('records the outcome once as an rm.task.outcome event, hands it to the engine and audits it', async () => {
    const response = await record(rm.a, 'C1', { outcome: 'converted', note: '客户同意下周到网点签约' });
    expect(response.statusCode, response.body).toBe(202);
    const dueAt = new Date(now.getTime() + 38 * hour);
    const eventId = `rm.task.outcome:${enrollment.C1}:call:${dueAt.getTime()}`;
    expect(response.json()).toEqual({ eventId, outcome: 'converted', recordedAt: now.toISOString() });
    expect(handedToEngine).toEqual([eventId]);

    const [event] = await t.testDb.db.query<{ customer_id: string; properties: Record<string, unknown> }>(
      'SELECT customer_id, properties FROM events WHERE event_id = $1',
      [eventId],
    );
    expect(event).toEqual({
      customer_id: 'C1',
      properties: {
        enrollmentId: enrollment.C1,
        nodeId: 'call',
        outcome: 'converted',
        journeyId,
        version: 1,
        kind: 'call',
        dueAt: dueAt.toISOString(),
        recordedBy: rmId.a,
        note: '客户同意下周到网点签约',
      },
    });
    const audit = await t.testDb.db.query<{ subject_id: string; details: Record<string, unknown> }>(
      `SELECT subject_id, details FROM audit_log WHERE action = 'rm-task.outcome-recorded'`,
    );
    expect(audit).toEqual([
      {
        subject_id: String(enrollment.C1),
        details: { nodeId: 'call', journeyId, customerId: 'C1', outcome: 'converted', hasNote: true },
      },
    ]);

    // Until the engine moves the customer on, the task no longer shows as open…
    const open = (await list(rm.a)).json().items;
    expect(open.map((task: { customer: { id: string } }) => task.customer.id)).toEqual(['C2', 'C5']);
    // …and shows among the recorded ones.
    const done = (await list(rm.a, '?status=done')).json().items;
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({
      enrollmentId: String(enrollment.C1),
      outcome: 'converted',
      note: '客户同意下周到网点签约',
      recordedAt: now.toISOString(),
      customer: { id: 'C1', name: '张伟' },
      journey: { name: '大额到账 · 客户经理跟进' },
    });
  });

  it('answers a second outcome for the same task with 409 and the outcome already recorded', async () => {
    const again = await record(rm.a, 'C1', { outcome: 'not-interested' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'rm-task.already-recorded',
      outcome: 'converted',
      recordedAt: now.toISOString(),
    });
    expect(again.json().detail).toContain('"converted" was recorded');
    // Still unprocessed by the engine, so it is handed over again (the engine's job ids dedupe it).
    expect(handedToEngine).toHaveLength(2);
    const stored = await t.testDb.db.query(`SELECT 1 FROM events WHERE name = 'rm.task.outcome'`);
    expect(stored).toHaveLength(1);

    // Once the engine has moved the customer on, the answer is the same.
    await t.testDb.db.query(
      `UPDATE enrollments SET status = 'completed', current_node = 'won', wake_at = NULL, waiting_event = NULL
        WHERE id = $1`,
      [enrollment.C1],
    );
    const later = await record(rm.a, 'C1', { outcome: 'converted' });
    expect(later.statusCode).toBe(409);
    expect(later.json()).toMatchObject({ code: 'rm-task.already-recorded', outcome: 'converted' });
  });

  it('records two clicks at once only once', async () => {
    const [one, two] = await Promise.all([
      record(rm.a, 'C2', { outcome: 'not-interested' }),
      record(rm.a, 'C2', { outcome: 'not-interested' }),
    ]);
    expect([one.statusCode, two.statusCode].sort()).toEqual([202, 409]);
    const stored = await t.testDb.db.query(
      `SELECT 1 FROM events WHERE name = 'rm.task.outcome' AND customer_id = 'C2'`,
    );
    expect(stored).toHaveLength(1);
  });

  it("refuses another manager's customer with 403, unknown tasks with 404", async () => {
    const wrong = await record(rm.b, 'C5', { outcome: 'converted' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ code: 'rm-task.not-assigned' });
    expect(wrong.json().detail).toContain('C5');

    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/rm/tasks/999999/call/outcome',
      headers: rm.a,
      payload: { outcome: 'converted' },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('rm-task.not-found');
    const notNumber = await t.app.inject({
      method: 'POST',
      url: '/api/v1/rm/tasks/abc/call/outcome',
      headers: rm.a,
      payload: { outcome: 'converted' },
    });
    expect(notNumber.statusCode).toBe(404);
    const notATask = await record(rm.a, 'C5', { outcome: 'converted' }, 'won');
    expect(notATask.statusCode).toBe(404);
    expect(notATask.json().detail).toContain('"won"');
    expect((await record(await t.signIn('planner'), 'C5', { outcome: 'converted' })).statusCode).toBe(403);
  });

  it('refuses a task the customer is no longer waiting at with 409 rm-task.closed', async () => {
    const response = await record(rm.a, 'C3', { outcome: 'converted' }, 'call');
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('rm-task.closed');
    expect(response.json().detail).toContain('has already left');
  });

  it('refuses an outcome after the deadline with 409 rm-task.expired, and lists the task as overdue', async () => {
    // The sweeper has not run yet: the customer still waits at the task after its deadline.
    const [row] = await t.testDb.db.query<{ wake_at: Date }>(
      'SELECT wake_at FROM enrollments WHERE id = $1',
      [enrollment.C5],
    );
    await t.testDb.db.query('UPDATE enrollments SET wake_at = $2 WHERE id = $1', [
      enrollment.C5,
      new Date(now.getTime() - hour),
    ]);
    try {
      const overdue = (await list(rm.a)).json().items;
      expect(overdue.find((task: { customer: { id: string } }) => task.customer.id === 'C5')?.overdue).toBe(
        true,
      );
      const response = await record(rm.a, 'C5', { outcome: 'converted' });
      expect(response.statusCode).toBe(409);
      expect(response.json().code).toBe('rm-task.expired');
    } finally {
      await t.testDb.db.query('UPDATE enrollments SET wake_at = $2 WHERE id = $1', [
        enrollment.C5,
        row?.wake_at,
      ]);
    }
  });

  it('answers a malformed body with 400 and the field that is wrong', async () => {
    const badOutcome = await record(rm.a, 'C5', { outcome: 'maybe' });
    expect(badOutcome.statusCode).toBe(400);
    expect(badOutcome.json()).toMatchObject({
      code: 'request.invalid',
      errors: [{ path: 'body.outcome', message: 'must be "converted" or "not-interested"' }],
    });
    const longNote = await record(rm.a, 'C5', { outcome: 'converted', note: '很'.repeat(1001) });
    expect(longNote.statusCode).toBe(400);
    expect(longNote.json().errors).toEqual([
      { path: 'body.note', message: 'a note holds at most 1,000 characters' },
    ]);
    expect((await record(rm.a, 'C5', {})).json().errors[0].path).toBe('body.outcome');
    // Nothing was recorded for C5 by any of these.
    const stored = await t.testDb.db.query(
      `SELECT 1 FROM events WHERE name = 'rm.task.outcome' AND customer_id = 'C5'`,
    );
    expect(stored).toHaveLength(0);
  });
});
