import { schema } from '@waymark/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('API tokens', () => {
  it('creates a token shown once, which then authenticates as its owner', async () => {
    const headers = await t.signIn('analyst');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers,
      payload: { name: 'BI export' },
    });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^wm_[A-Za-z0-9_-]{43}$/);

    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ via: 'token', user: { roles: ['analyst'] } });

    const list = await t.app.inject({ url: '/api/v1/tokens', headers });
    expect(list.json().items).toEqual([expect.objectContaining({ id, name: 'BI export' })]);
    expect(list.json().items[0].token).toBeUndefined();
    expect(list.json().items[0].lastUsedAt).not.toBeNull();

    const [stored] = await t.testDb.db.orm.select().from(schema.apiTokens).where(eq(schema.apiTokens.id, id));
    expect(stored?.tokenHash).not.toContain(token.slice(3));
  });

  it('revokes a token so it stops working', async () => {
    const headers = await t.signIn('planner');
    const { token, id } = (
      await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers, payload: { name: 'CRM sync' } })
    ).json();
    const revoke = await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers });
    expect(revoke.statusCode).toBe(204);
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(401);
    const again = await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers });
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe('token.not-found');
  });

  it("cannot revoke someone else's token unless admin", async () => {
    const owner = await t.signIn('channel-operator');
    const { id } = (
      await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: owner, payload: { name: 'x' } })
    ).json();
    const other = await t.signIn('analyst');
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers: other })).statusCode,
    ).toBe(404);
    const admin = await t.signIn('admin');
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers: admin })).statusCode,
    ).toBe(204);
  });

  it('answers 401 for an unknown bearer token', async () => {
    const response = await t.app.inject({
      url: '/api/v1/auth/me',
      headers: { authorization: 'Bearer wm_nope' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('auth.unauthenticated');
  });
});

describe('users administration', () => {
  it('lets an admin create a user who can then sign in with their roles', async () => {
    const admin = await t.signIn('admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: { username: 'li.na', displayName: '李娜', password: 'approver-pass', roles: ['approver'] },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ username: 'li.na', roles: ['approver'], disabledAt: null });

    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'li.na', password: 'approver-pass' },
    });
    expect(login.statusCode).toBe(200);

    const list = await t.app.inject({ url: '/api/v1/users', headers: admin });
    expect(list.json().items.map((u: { username: string }) => u.username)).toContain('li.na');

    const audit = await t.testDb.db.orm
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.action, 'user.created'));
    expect(audit.some((row) => row.details.username === 'li.na' && row.actorUserId !== null)).toBe(true);
  });

  it('refuses a duplicate user name with 409 and a short password with a field error', async () => {
    const admin = await t.signIn('admin');
    const payload = { username: 'dup.user', displayName: 'Dup', password: 'long-enough', roles: ['analyst'] };
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin, payload })).statusCode,
    ).toBe(201);
    const dup = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin, payload });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('user.username-taken');

    const short = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: { ...payload, username: 'short.pw', password: 'abc' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors).toEqual([
      { path: 'body.password', message: 'must be at least 8 characters' },
    ]);
  });

  it('disabling a user ends their sessions', async () => {
    const admin = await t.signIn('admin');
    const victim = await t.signIn('relationship-manager');
    const me = (await t.app.inject({ url: '/api/v1/auth/me', headers: victim })).json();
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${me.user.id}`,
      headers: admin,
      payload: { disabled: true },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json().disabledAt).not.toBeNull();
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: victim })).statusCode).toBe(401);
  });

  it('keeps at least one active admin', async () => {
    const solo = await createTestApp();
    try {
      const admin = await solo.signIn('admin');
      const me = (await solo.app.inject({ url: '/api/v1/auth/me', headers: admin })).json();
      for (const payload of [{ roles: ['planner'] }, { disabled: true }]) {
        const response = await solo.app.inject({
          method: 'PATCH',
          url: `/api/v1/users/${me.user.id}`,
          headers: admin,
          payload,
        });
        expect(response.statusCode).toBe(409);
        expect(response.json().code).toBe('user.last-admin');
      }
      const still = await solo.app.inject({ url: '/api/v1/auth/me', headers: admin });
      expect(still.json().user.roles).toEqual(['admin']);
    } finally {
      await solo.close();
    }
  });

  it('is for admins only', async () => {
    const planner = await t.signIn('planner');
    const response = await t.app.inject({ url: '/api/v1/users', headers: planner });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'auth.forbidden' });
    expect(response.json().detail).toContain('users.manage');
  });
});
