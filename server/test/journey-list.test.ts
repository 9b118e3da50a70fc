import { salaryWaitGraph } from '@waymark/journey/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { createTestApp, type TestApp } from './support/test-app.ts';

let t: TestApp;
let planner: { cookie: string };
const ids: Record<'running' | 'fresh' | 'quiet', string> = { running: '', fresh: '', quiet: '' };

interface ListItem {
  id: string;
  name: string;
  totals: { entered: number; converted: number; conversionRate: number | null; active: number } | null;
}

async function createJourney(name: string): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/journeys',
    headers: planner,
    payload: { name },
  });
  expect(response.statusCode).toBe(201);
  return response.json().id;
}

/** What the engine records: one enrollment row per entry, one conversion row per converted entry. */
async function recordEntries(journeyId: string, statuses: string[], convertedCount: number) {
  for (const [index, status] of statuses.entries()) {
    const [row] = await t.testDb.db.query<{ id: number }>(
      `INSERT INTO enrollments (journey_id, version, customer_id, current_node, status)
       VALUES ($1, 1, $2, 'offer', $3) RETURNING id`,
      [journeyId, `C${index}`, status],
    );
    if (index < convertedCount) {
      await t.testDb.db.query(
        'INSERT INTO conversions (enrollment_id, journey_id, version, customer_id) VALUES ($1, $2, 1, $3)',
        [row?.id, journeyId, `C${index}`],
      );
    }
  }
}

async function list(
  headers: { cookie: string },
  query = '',
): Promise<{ items: ListItem[]; nextCursor: string | null }> {
  const response = await t.app.inject({ url: `/api/v1/journeys${query}`, headers });
  expect(response.statusCode).toBe(200);
  return response.json();
}

beforeAll(async () => {
  t = await createTestApp();
  planner = await t.signIn('planner');
  // Created oldest first: the list shows the most recently changed first.
  ids.quiet = await createJourney('Dormant card reactivation');
  ids.running = await createJourney('Large deposit → wealth offer');
  ids.fresh = await createJourney('New customer onboarding');
  // 5 entries: two still inside (one running, one waiting), two finished, one failed; two converted.
  await recordEntries(ids.running, ['active', 'waiting', 'completed', 'exited', 'failed'], 2);
  // Everyone left without converting.
  await recordEntries(ids.quiet, ['completed', 'completed'], 0);
});
afterAll(() => t.close());

describe('GET /journeys totals', () => {
  it('carries entered, converted, conversion rate and active for each journey', async () => {
    const { items } = await list(planner);
    const byId = new Map(items.map((item) => [item.id, item.totals]));
    expect(byId.get(ids.running)).toEqual({ entered: 5, converted: 2, conversionRate: 0.4, active: 2 });
    expect(byId.get(ids.quiet)).toEqual({ entered: 2, converted: 0, conversionRate: 0, active: 0 });
    // Nobody entered yet: no rate rather than 0%.
    expect(byId.get(ids.fresh)).toEqual({ entered: 0, converted: 0, conversionRate: null, active: 0 });
  });

  it('agrees with the journey’s own stats', async () => {
    const { items } = await list(planner);
    const listed = items.find((item) => item.id === ids.running)?.totals;
    const stats = await t.app.inject({ url: `/api/v1/journeys/${ids.running}/stats`, headers: planner });
    const totals = stats.json().totals;
    expect(listed).toMatchObject({
      entered: totals.entered,
      converted: totals.converted,
      active: totals.active,
    });
  });

  it('keeps each journey’s totals across pages, filters and search', async () => {
    const first = await list(planner, '?limit=1');
    expect(first.items.map((item) => item.id)).toEqual([ids.fresh]);
    const second = await list(planner, `?limit=1&cursor=${encodeURIComponent(first.nextCursor ?? '')}`);
    expect(second.items).toEqual([
      expect.objectContaining({ id: ids.running, totals: expect.objectContaining({ entered: 5 }) }),
    ]);
    const searched = await list(planner, `?q=${encodeURIComponent('dormant')}`);
    expect(searched.items.map((item) => [item.name, item.totals?.entered])).toEqual([
      ['Dormant card reactivation', 2],
    ]);
  });

  it('leaves totals out for people who may not read reports', async () => {
    const rm = await t.signIn('relationship-manager');
    const stats = await t.app.inject({ url: `/api/v1/journeys/${ids.running}/stats`, headers: rm });
    expect(stats.statusCode).toBe(403);
    const { items } = await list(rm);
    expect(items).toHaveLength(3);
    expect(items.every((item) => item.totals === null)).toBe(true);
  });

  it('documents the totals in the OpenAPI description', async () => {
    const spec = (await t.app.inject({ url: '/openapi.json' })).json();
    expect(Object.keys(spec.components.schemas.JourneyTotals.properties).sort()).toEqual([
      'active',
      'conversionRate',
      'converted',
      'entered',
    ]);
  });
});

// Maker–checker: the list says where each journey's newest approval request stands.
describe('GET /journeys approval', () => {
  let a: TestApp;
  let maker: { cookie: string };
  let checker: { cookie: string };
  const graph = salaryWaitGraph();
  const editedGraph = {
    ...graph,
    nodes: graph.nodes.map((node) => (node.id === 'end' ? { ...node, config: { reason: 'edited' } } : node)),
  };
  const journeyIds: Record<
    'none' | 'pending' | 'approved' | 'rejected' | 'stale' | 'withdrawn' | 'published' | 'archived',
    string
  > = {
    none: '',
    pending: '',
    approved: '',
    rejected: '',
    stale: '',
    withdrawn: '',
    published: '',
    archived: '',
  };

  const post = async (url: string, as: { cookie: string }, payload: object = {}) => {
    const response = await a.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: as, payload });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json();
  };
  const request = async (journeyId: string) =>
    (await post(`/journeys/${journeyId}/approval-requests`, maker, { baseRevision: 1, note: '上线' })).id;
  /** Saves the edited graph over revision 1 of the draft, as the planner. */
  const editDraft = async (journeyId: string) => {
    const saved = await a.app.inject({
      method: 'PUT',
      url: `/api/v1/journeys/${journeyId}`,
      headers: maker,
      payload: { baseRevision: 1, graph: editedGraph },
    });
    expect(saved.statusCode, saved.body).toBe(200);
  };
  const listed = async (app = a.app) => {
    const response = await app.inject({ url: '/api/v1/journeys', headers: maker });
    expect(response.statusCode).toBe(200);
    const items: { id: string; approval: unknown }[] = response.json().items;
    return new Map(items.map((item) => [item.id, item.approval]));
  };

  beforeAll(async () => {
    a = await createTestApp({
      config: { nodeEnv: 'test', sessionTtlHours: 12, publishApproval: 'required' },
    });
    maker = await a.signIn('planner');
    checker = await a.signIn('approver');
    for (const key of Object.keys(journeyIds) as (keyof typeof journeyIds)[])
      journeyIds[key] = (await post('/journeys', maker, { name: `审批 ${key}`, graph })).id;

    await request(journeyIds.pending);
    await post(`/approvals/${await request(journeyIds.approved)}/approve`, checker, { comment: '同意' });
    await post(`/approvals/${await request(journeyIds.rejected)}/reject`, checker, { comment: '话术不合规' });
    // Approved, then the draft was edited: the approval no longer covers it.
    await post(`/approvals/${await request(journeyIds.stale)}/approve`, checker);
    await editDraft(journeyIds.stale);
    await post(`/approvals/${await request(journeyIds.withdrawn)}/withdraw`, maker);
    await post(`/approvals/${await request(journeyIds.published)}/approve`, checker);
    await post(`/journeys/${journeyIds.published}/publish`, maker, { baseRevision: 1 });
    // Asked for, then the campaign was cancelled.
    await request(journeyIds.archived);
    await post(`/journeys/${journeyIds.archived}/archive`, maker, { reason: 'campaign cancelled' });
  });
  afterAll(() => a?.close());

  it('carries the newest request of every journey on the page, with who decided and when', async () => {
    const byId = await listed();
    const requested = { requestedByName: 'Test planner', requestedAt: expect.any(String) };
    const decided = { decidedByName: 'Test approver', decidedAt: expect.any(String) };
    expect(byId.get(journeyIds.none)).toBeNull();
    expect(byId.get(journeyIds.pending)).toEqual({
      state: 'pending',
      ...requested,
      decidedByName: null,
      decidedAt: null,
    });
    expect(byId.get(journeyIds.approved)).toEqual({ state: 'approved', ...requested, ...decided });
    expect(byId.get(journeyIds.rejected)).toEqual({ state: 'rejected', ...requested, ...decided });
    expect(byId.get(journeyIds.stale)).toEqual({ state: 'stale', ...requested, ...decided });
    expect(byId.get(journeyIds.withdrawn)).toEqual({
      state: 'withdrawn',
      ...requested,
      decidedByName: 'Test planner',
      decidedAt: expect.any(String),
    });
  });

  it('agrees with the journey’s own approval', async () => {
    const byId = await listed();
    for (const id of [journeyIds.pending, journeyIds.rejected, journeyIds.stale]) {
      const own = (await a.app.inject({ url: `/api/v1/journeys/${id}/approval`, headers: maker })).json();
      expect(byId.get(id)).toMatchObject({
        state: own.request.state,
        requestedAt: own.request.requestedAt,
        decidedAt: own.request.decidedAt,
      });
    }
  });

  it('says nothing about a request spent on a published version', async () => {
    expect((await listed()).get(journeyIds.published)).toBeNull();
  });

  it('shows the newest request when a journey was asked about twice', async () => {
    // A new request for the rejected journey's edited draft: the rejection is history now.
    await editDraft(journeyIds.rejected);
    await post(`/journeys/${journeyIds.rejected}/approval-requests`, maker, { baseRevision: 2 });
    expect((await listed()).get(journeyIds.rejected)).toMatchObject({
      state: 'pending',
      decidedByName: null,
    });
  });

  it('says nothing about a waiting request of an archived journey, which can never go live', async () => {
    expect((await listed()).get(journeyIds.archived)).toBeNull();
  });

  it('says nothing about approval where publishing needs none', async () => {
    const off = await buildApp({ ...a.deps, config: { nodeEnv: 'test', sessionTtlHours: 12 } });
    try {
      const byId = await listed(off);
      expect(byId.size).toBe(Object.keys(journeyIds).length);
      expect([...byId.values()].every((approval) => approval === null)).toBe(true);
    } finally {
      await off.close();
    }
  });

  it('documents the approval in the OpenAPI description', async () => {
    const spec = (await a.app.inject({ url: '/openapi.json' })).json();
    const brief = spec.components.schemas.ApprovalBrief;
    expect(Object.keys(brief.properties).sort()).toEqual([
      'decidedAt',
      'decidedByName',
      'requestedAt',
      'requestedByName',
      'state',
    ]);
    expect(brief.properties.state.enum).toEqual(['pending', 'approved', 'rejected', 'stale', 'withdrawn']);
  });
});
