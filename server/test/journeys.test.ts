import { schema } from '@waymark/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JourneyLifecycleChange } from '../src/deps.ts';
import { depositOfferGraph } from './support/journey-graphs.ts';
import { createTestApp, type TestApp } from './support/test-app.ts';

const lifecycle: JourneyLifecycleChange[] = [];
let t: TestApp;
let planner: { cookie: string };
let graph: ReturnType<typeof depositOfferGraph>;

beforeAll(async () => {
  t = await createTestApp({ onJourneyLifecycle: async (change) => void lifecycle.push(change) });
  planner = await t.signIn('planner');
  const admin = await t.signIn('admin');
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/connectors',
    headers: admin,
    payload: { id: 'sms-main', kind: 'sms-http', channel: 'sms', name: 'SMS' },
  });
  const template = await t.app.inject({
    method: 'POST',
    url: '/api/v1/templates',
    headers: planner,
    payload: { name: '理财推荐', channel: 'sms', body: '{{customer.name}}您好，推荐稳健理财。' },
  });
  graph = depositOfferGraph({ templateId: template.json().id, connectorId: 'sms-main' });
});
afterAll(() => t.close());

async function createJourney(name = '大额入账理财推荐', withGraph = true) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/journeys',
    headers: planner,
    payload: { name, ...(withGraph && { graph }) },
  });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; draftRevision: number };
}

const post = (url: string, payload?: unknown) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: planner,
    ...(payload !== undefined && { payload: payload as object }),
  });

describe('journey drafts', () => {
  it('creates a draft and reads its graph back', async () => {
    const { id } = await createJourney();
    const response = await t.app.inject({ url: `/api/v1/journeys/${id}`, headers: planner });
    expect(response.json()).toMatchObject({ status: 'draft', draftRevision: 1, liveVersion: null });
    expect(response.json().draft.nodes.map((n: { id: string }) => n.id)).toEqual([
      'trigger',
      'offer',
      'done',
    ]);
  });

  it('saves with baseRevision; a stale tab gets 409 with the current revision and overwrites nothing', async () => {
    const { id } = await createJourney('two tabs', false);
    const tabA = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/journeys/${id}`,
      headers: planner,
      payload: { baseRevision: 1, graph },
    });
    expect(tabA.statusCode).toBe(200);
    expect(tabA.json().draftRevision).toBe(2);

    const tabB = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/journeys/${id}`,
      headers: planner,
      payload: { baseRevision: 1, graph: { nodes: [], edges: [] } },
    });
    expect(tabB.statusCode).toBe(409);
    expect(tabB.json()).toMatchObject({ code: 'journey.revision-conflict', currentRevision: 2 });
    const stored = await t.app.inject({ url: `/api/v1/journeys/${id}`, headers: planner });
    expect(stored.json().draft.nodes).toHaveLength(3);
  });

  it('lists journeys filtered by status and name, paging with a cursor', async () => {
    for (let i = 0; i < 5; i++) await createJourney(`分页测试 ${i}`, false);
    const first = await t.app.inject({
      url: '/api/v1/journeys',
      query: { q: '分页', limit: '3' },
      headers: planner,
    });
    expect(first.json().items).toHaveLength(3);
    const second = await t.app.inject({
      url: '/api/v1/journeys',
      query: { q: '分页', limit: '3', cursor: first.json().nextCursor },
      headers: planner,
    });
    const names = [...first.json().items, ...second.json().items].map((j: { name: string }) => j.name);
    expect(new Set(names)).toEqual(new Set([0, 1, 2, 3, 4].map((i) => `分页测试 ${i}`)));
    expect(second.json().nextCursor).toBeNull();
    const drafts = await t.app.inject({
      url: '/api/v1/journeys',
      query: { status: 'live', q: '分页' },
      headers: planner,
    });
    expect(drafts.json().items).toEqual([]);
  });
});

describe('validate and publish', () => {
  it('validates a draft against the templates, segments and connectors that exist', async () => {
    const { id } = await createJourney();
    const ok = await post(`/api/v1/journeys/${id}/validate`);
    expect(ok.json()).toEqual({ valid: true, problems: [] });

    const broken = structuredClone(graph);
    broken.nodes[1]!.config.connectorId = 'no-such-connector';
    const bad = await post(`/api/v1/journeys/${id}/validate`, { graph: broken });
    expect(bad.json().valid).toBe(false);
    expect(bad.json().problems[0]).toMatchObject({ nodeId: 'offer' });
    expect(bad.json().problems[0].message).toContain('no-such-connector');
  });

  it('publishes an immutable version 1, goes live, and tells the engine', async () => {
    const { id } = await createJourney();
    const published = await post(`/api/v1/journeys/${id}/publish`, { note: 'first run', baseRevision: 1 });
    expect(published.statusCode).toBe(201);
    expect(published.json()).toMatchObject({ version: 1, journey: { status: 'live', liveVersion: 1 } });
    expect(lifecycle).toContainEqual({ journeyId: id, action: 'publish', version: 1 });

    const v1 = await t.app.inject({ url: `/api/v1/journeys/${id}/versions/1`, headers: planner });
    expect(v1.json()).toMatchObject({ version: 1, note: 'first run' });
    expect(v1.json().graph.nodes).toHaveLength(3);

    // Editing the draft afterwards leaves version 1 exactly as published.
    const edited = structuredClone(graph);
    edited.nodes[2]!.config.reason = 'changed after publish';
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/journeys/${id}`,
      headers: planner,
      payload: { baseRevision: 1, graph: edited },
    });
    const again = await t.app.inject({ url: `/api/v1/journeys/${id}/versions/1`, headers: planner });
    expect(again.json().graph.nodes[2].config.reason).toBe('offer sent');

    const diff = await t.app.inject({ url: `/api/v1/journeys/${id}/diff`, headers: planner });
    expect(diff.json()).toMatchObject({
      unchanged: false,
      nodes: { changed: [{ id: 'done', configKeys: ['reason'] }] },
    });

    const v2 = await post(`/api/v1/journeys/${id}/publish`, {});
    expect(v2.json().version).toBe(2);
    const versions = await t.app.inject({ url: `/api/v1/journeys/${id}/versions`, headers: planner });
    expect(versions.json().items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const between = await t.app.inject({
      url: `/api/v1/journeys/${id}/diff`,
      query: { from: '1', to: '2' },
      headers: planner,
    });
    expect(between.json().nodes.changed).toEqual([{ id: 'done', configKeys: ['reason'] }]);

    const audit = await t.testDb.db.orm
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.subjectId, id));
    expect(audit.map((a) => a.action)).toEqual([
      'journey.created',
      'journey.published',
      'journey.draft-saved',
      'journey.published',
    ]);
  });

  it('refuses to publish an invalid journey with 422 and the problems, writing no version', async () => {
    const { id } = await createJourney('invalid', false);
    const response = await post(`/api/v1/journeys/${id}/publish`, {});
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('journey.invalid');
    expect(response.json().problems.length).toBeGreaterThan(0);
    expect(response.json().problems[0].message.length).toBeGreaterThan(10);
    const versions = await t.app.inject({ url: `/api/v1/journeys/${id}/versions`, headers: planner });
    expect(versions.json().items).toEqual([]);
    const journey = await t.app.inject({ url: `/api/v1/journeys/${id}`, headers: planner });
    expect(journey.json()).toMatchObject({ status: 'draft', liveVersion: null });
  });

  it('refuses to publish in a time zone the database does not know, though Node does', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/journeys',
      headers: planner,
      // A retired tz link: Node's ICU still accepts it, Postgres's tz database does not.
      payload: { name: 'retired zone', graph: { ...graph, settings: { timeZone: 'US/Pacific-New' } } },
    });
    expect(created.statusCode).toBe(201);
    const response = await post(`/api/v1/journeys/${created.json().id}/publish`, {});
    expect(response.statusCode).toBe(422);
    expect(response.json().problems).toEqual([
      expect.objectContaining({
        path: ['settings', 'timeZone'],
        message: expect.stringContaining('time zone'),
      }),
    ]);
  });

  it('refuses to publish a draft identical to the live version, and a stale reviewed revision', async () => {
    const { id } = await createJourney();
    await post(`/api/v1/journeys/${id}/publish`, {});
    const same = await post(`/api/v1/journeys/${id}/publish`, {});
    expect(same.statusCode).toBe(409);
    expect(same.json().code).toBe('journey.unchanged');
    const stale = await post(`/api/v1/journeys/${id}/publish`, { baseRevision: 7 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'journey.revision-conflict', currentRevision: 1 });
  });

  it('publishes once when two requests race: versions stay 1, 2 without gaps or duplicates', async () => {
    const { id } = await createJourney();
    const results = await Promise.all([
      post(`/api/v1/journeys/${id}/publish`, {}),
      post(`/api/v1/journeys/${id}/publish`, {}),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });

  it('is refused to an analyst', async () => {
    const { id } = await createJourney();
    const analyst = await t.signIn('analyst');
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/journeys/${id}/publish`,
      headers: analyst,
      payload: {},
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('lifecycle', () => {
  it('pauses, resumes and archives a live journey', async () => {
    const { id } = await createJourney();
    await post(`/api/v1/journeys/${id}/publish`, {});
    expect((await post(`/api/v1/journeys/${id}/pause`)).json().status).toBe('paused');
    expect((await post(`/api/v1/journeys/${id}/resume`)).json().status).toBe('live');
    const archived = await post(`/api/v1/journeys/${id}/archive`);
    expect(archived.json()).toMatchObject({ status: 'archived' });
    expect(archived.json().archivedAt).not.toBeNull();
    expect(lifecycle.filter((c) => c.journeyId === id).map((c) => c.action)).toEqual([
      'publish',
      'pause',
      'resume',
      'archive',
    ]);
  });

  it('answers 409 journey.illegal-transition with the current status for impossible moves', async () => {
    const { id } = await createJourney();
    const pauseDraft = await post(`/api/v1/journeys/${id}/pause`);
    expect(pauseDraft.statusCode).toBe(409);
    expect(pauseDraft.json()).toMatchObject({ code: 'journey.illegal-transition', currentStatus: 'draft' });
    expect(pauseDraft.json().detail).toContain('publish it first');
    expect((await post(`/api/v1/journeys/${id}/resume`)).statusCode).toBe(409);

    await post(`/api/v1/journeys/${id}/archive`);
    expect((await post(`/api/v1/journeys/${id}/publish`, {})).json().code).toBe('journey.illegal-transition');
    const edit = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/journeys/${id}`,
      headers: planner,
      payload: { baseRevision: 1, graph },
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('journey.archived');
  });

  it('answers 404 for unknown journeys and versions', async () => {
    const { id } = await createJourney();
    expect((await post('/api/v1/journeys/00000000-0000-4000-8000-000000000000/pause')).json().code).toBe(
      'journey.not-found',
    );
    const version = await t.app.inject({ url: `/api/v1/journeys/${id}/versions/9`, headers: planner });
    expect(version.statusCode).toBe(404);
    expect(version.json().code).toBe('journey.version-not-found');
  });
});
