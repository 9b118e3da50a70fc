import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
