import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from './support/problem.ts';
import { createTestApp, type TestApp } from './support/test-app.ts';

let t: TestApp;
let admin: { cookie: string };
beforeAll(async () => {
  t = await createTestApp({ limits: { jsonBodyBytes: 10 * 1024 * 1024 } });
  admin = await t.signIn('admin');
});
afterAll(() => t.close());

describe('bodies the server cannot read', () => {
  it('answers 400 request.malformed-json for broken JSON', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/connectors',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: '{"id": "sms-x", "kind": ',
    });
    expectProblem(response, 400, 'request.malformed-json');
  });

  it('accepts an empty JSON body where none is needed', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/journeys',
      headers: admin,
      payload: { name: 'empty body' },
    });
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/journeys/${created.json().id}/validate`,
      headers: { ...admin, 'content-type': 'application/json' },
      payload: '',
    });
    expect(response.statusCode).toBe(200);
    const archive = await t.app.inject({
      method: 'POST',
      url: `/api/v1/journeys/${created.json().id}/archive`,
      headers: { ...admin, 'content-type': 'application/json' },
      payload: '',
    });
    expect(archive.statusCode).toBe(200);
  });

  it('answers 400 request.empty-body for an empty JSON body', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: '',
    });
    expectProblem(response, 400, 'request.empty-body');
  });

  it('answers 413 request.too-large for a JSON body over 10 MB, and stores nothing', async () => {
    const huge = JSON.stringify({ name: 'x'.repeat(10 * 1024 * 1024 + 10) });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: huge,
    });
    const problem = expectProblem(response, 413, 'request.too-large');
    expect(problem.detail).toContain('10 MB');
    const list = await t.app.inject({ url: '/api/v1/tokens', headers: admin });
    expect(list.json().items).toHaveLength(0);
  });

  it('answers 415 for a content type the endpoint does not accept', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { ...admin, 'content-type': 'application/xml' },
      payload: '<name>x</name>',
    });
    expectProblem(response, 415, 'request.unsupported-media-type');
  });

  it('lists every wrong field with its path', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: { username: 'Bad Name!', displayName: 42, password: 'long-enough', roles: ['pilot'] },
    });
    const problem = expectProblem(response, 400, 'request.invalid');
    const paths = problem.errors?.map((e) => e.path).sort();
    expect(paths).toEqual(['body.displayName', 'body.roles.0', 'body.username']);
    for (const error of problem.errors ?? []) expect(error.message.length).toBeGreaterThan(3);
  });

  it('answers 400 for a JSON array where an object belongs', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: admin,
      payload: [1, 2],
    });
    expectProblem(response, 400, 'request.invalid');
  });
});

describe('journeys and conditions that make no sense', () => {
  it('refuses a journey with an unknown node type, naming the node, and creates nothing', async () => {
    const graph = {
      nodes: [
        { id: 'start', type: 'trigger.event', config: { event: 'large_deposit' }, position: { x: 0, y: 0 } },
        { id: 'fax', type: 'send.fax', config: {}, position: { x: 0, y: 100 } },
      ],
      edges: [{ id: 'e1', source: 'start', sourceHandle: 'out', target: 'fax' }],
    };
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/journeys',
      headers: admin,
      payload: { name: 'fax campaign', graph },
    });
    const problem = expectProblem(response, 400, 'request.invalid');
    expect(problem.errors).toHaveLength(1);
    expect(problem.errors?.[0]?.path).toBe('body.graph.nodes.1.type');
    expect(problem.errors?.[0]?.message).toContain('"send.fax" is not a node type');
    const list = await t.app.inject({ url: '/api/v1/journeys', query: { q: 'fax' }, headers: admin });
    expect(list.json().items).toEqual([]);
  });

  it('refuses a draft save with a revision of the wrong type', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/journeys',
      headers: admin,
      payload: { name: 'types' },
    });
    const response = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/journeys/${created.json().id}`,
      headers: admin,
      payload: { baseRevision: 'one', graph: { nodes: 'none', edges: [] } },
    });
    const problem = expectProblem(response, 400, 'request.invalid');
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['body.baseRevision', 'body.graph.nodes']);
    const stored = await t.app.inject({ url: `/api/v1/journeys/${created.json().id}`, headers: admin });
    expect(stored.json().draftRevision).toBe(1);
  });

  it('refuses a condition nested 200 levels deep without overflowing', async () => {
    let condition: unknown = { type: 'tag', op: 'has', tag: 'vip' };
    for (let i = 0; i < 200; i++) condition = { type: 'not', condition };
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/segments/preview',
      headers: admin,
      payload: { condition },
    });
    const problem = expectProblem(response, 400, 'segment.invalid-condition');
    expect(problem.detail).toMatch(/levels deep/);
  });

  it('names a query parameter of the wrong type', async () => {
    const response = await t.app.inject({
      url: '/api/v1/customers',
      query: { limit: 'lots' },
      headers: admin,
    });
    const problem = expectProblem(response, 400, 'request.invalid');
    expect(problem.errors?.[0]?.path).toBe('query.limit');
  });

  it('drops __proto__ keys from bodies instead of letting them reach objects', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers/batch',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: '{"customers":[{"id":"PROTO1","attributes":{"__proto__":{"polluted":true},"age":40}}]}',
    });
    expect(response.statusCode).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const profile = await t.app.inject({ url: '/api/v1/customers/PROTO1', headers: admin });
    expect(profile.json().customer.attributes).toEqual({ age: 40 });
  });
});

describe('routes, sign-in and roles', () => {
  it('answers 404 route.not-found for an unknown route', async () => {
    expectProblem(await t.app.inject({ url: '/nowhere' }), 404, 'route.not-found');
    expectProblem(await t.app.inject({ url: '/api/v1/nowhere', headers: admin }), 404, 'route.not-found');
  });

  it('answers 401 without a session, before reading the body', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/connectors',
      headers: { 'content-type': 'application/json' },
      payload: '{broken',
    });
    expectProblem(response, 401, 'auth.unauthenticated');
  });

  it('answers 403 auth.forbidden for a role without the permission, and changes nothing', async () => {
    const analyst = await t.signIn('analyst');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: analyst,
      payload: { username: 'sneaky', displayName: 'S', password: 'long-enough', roles: ['admin'] },
    });
    expectProblem(response, 403, 'auth.forbidden');
    const users = await t.app.inject({ url: '/api/v1/users', headers: admin });
    expect(users.json().items.map((u: { username: string }) => u.username)).not.toContain('sneaky');
  });

  it('answers 404 with the resource code for unknown and malformed ids', async () => {
    expectProblem(
      await t.app.inject({ url: '/api/v1/connectors/nope', headers: admin }),
      404,
      'connector.not-found',
    );
    expectProblem(
      await t.app.inject({
        method: 'PATCH',
        url: '/api/v1/users/not-a-uuid',
        headers: admin,
        payload: { displayName: 'x' },
      }),
      404,
      'user.not-found',
    );
    expectProblem(
      await t.app.inject({
        method: 'DELETE',
        url: '/api/v1/tokens/00000000-0000-4000-8000-000000000000',
        headers: admin,
      }),
      404,
      'token.not-found',
    );
  });
});

describe('an unexpected failure', () => {
  it('answers 500 internal.unexpected with a request id and no internals when the database is gone', async () => {
    const broken = await createTestApp();
    const headers = await broken.signIn('admin');
    await broken.testDb.db.close();
    const response = await broken.app.inject({ url: '/api/v1/users', headers });
    const body = expectProblem(response, 500, 'internal.unexpected') as {
      requestId?: string;
      detail?: string;
    };
    expect(body.requestId).toBe(response.headers['x-request-id']);
    expect(body.detail).toBeUndefined();
    expect(response.body).not.toMatch(/pool|\.ts:|postgres|stack|ECONN|Cannot use/i);

    const ready = await broken.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({
      status: 'not-ready',
      checks: { postgres: 'failed', redis: 'not-configured' },
    });
    await broken.close();
  });
});
