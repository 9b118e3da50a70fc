import { schema } from '@waymark/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/auth/users.ts';
import { createTestApp, type TestApp } from './support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await createUser(t.testDb.db, {
    username: 'wang.fang',
    displayName: '王芳',
    password: 'planner-pass-1',
    roles: ['planner'],
  });
});
afterAll(() => t.close());

async function login(username: string, password: string) {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
}

describe('sign in and out', () => {
  it('signs in with the right password and sets an httpOnly, SameSite=Lax session cookie', async () => {
    const response = await login('wang.fang', 'planner-pass-1');
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({
      username: 'wang.fang',
      displayName: '王芳',
      roles: ['planner'],
    });
    expect(response.json().user.passwordHash).toBeUndefined();
    const cookie = response.cookies.find((c) => c.name === 'wm_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie?.path).toBe('/');

    const me = await t.app.inject({
      url: '/api/v1/auth/me',
      headers: { cookie: `wm_session=${cookie?.value}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.username).toBe('wang.fang');
    expect(me.json().permissions).toContain('journeys.write');
    expect(me.json().permissions).not.toContain('users.manage');
  });

  it('stores only a hash of the session id and the password', async () => {
    const response = await login('wang.fang', 'planner-pass-1');
    const value = response.cookies.find((c) => c.name === 'wm_session')?.value ?? '';
    const stored = await t.testDb.db.orm.select().from(schema.sessions);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.some((s) => s.tokenHash === value)).toBe(false);
    const [user] = await t.testDb.db.orm
      .select()
      .from(schema.users)
      .where(eq(schema.users.username, 'wang.fang'));
    expect(user?.passwordHash).toMatch(/^scrypt\$/);
    expect(user?.passwordHash).not.toContain('planner-pass-1');
  });

  it('refuses a wrong password and an unknown user with the same 401', async () => {
    const wrong = await login('wang.fang', 'not-the-password');
    const unknown = await login('nobody', 'planner-pass-1');
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ code: 'auth.invalid-credentials', status: 401 });
      expect(response.cookies).toHaveLength(0);
    }
    expect(wrong.json().title).toBe(unknown.json().title);
  });

  it('logs out: the cookie no longer works', async () => {
    const response = await login('wang.fang', 'planner-pass-1');
    const headers = { cookie: `wm_session=${response.cookies[0]?.value}` };
    const logout = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers });
    expect(logout.statusCode).toBe(204);
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers });
    expect(me.statusCode).toBe(401);
    expect(me.json().code).toBe('auth.unauthenticated');
  });

  it('expires sessions after the configured time', async () => {
    let now = new Date('2026-03-01T09:00:00Z');
    const clocked = await createTestApp({
      clock: { now: () => now },
      config: { nodeEnv: 'test', sessionTtlHours: 2 },
    });
    try {
      const headers = await clocked.signIn('analyst');
      expect((await clocked.app.inject({ url: '/api/v1/auth/me', headers })).statusCode).toBe(200);
      now = new Date('2026-03-01T11:00:01Z');
      expect((await clocked.app.inject({ url: '/api/v1/auth/me', headers })).statusCode).toBe(401);
    } finally {
      await clocked.close();
    }
  });

  it('locks a user name for 15 minutes after 5 wrong passwords, even for the right one', async () => {
    let now = new Date('2026-03-01T09:00:00Z');
    const clocked = await createTestApp({ clock: { now: () => now } });
    try {
      await createUser(clocked.testDb.db, {
        username: 'target',
        displayName: 'T',
        password: 'right-password',
        roles: ['analyst'],
      });
      const attempt = (password: string) =>
        clocked.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: 'target', password },
        });
      for (let i = 0; i < 5; i++) expect((await attempt(`guess-${i}`)).statusCode).toBe(401);
      const locked = await attempt('right-password');
      expect(locked.statusCode).toBe(429);
      expect(locked.json().code).toBe('auth.too-many-attempts');
      expect(Number(locked.headers['retry-after'])).toBe(900);
      now = new Date('2026-03-01T09:15:01Z');
      expect((await attempt('right-password')).statusCode).toBe(200);
    } finally {
      await clocked.close();
    }
  });

  it('refuses a disabled user', async () => {
    await createUser(t.testDb.db, {
      username: 'left.bank',
      displayName: 'Left',
      password: 'password-123',
      roles: ['analyst'],
    });
    await t.testDb.db.orm
      .update(schema.users)
      .set({ disabledAt: new Date() })
      .where(eq(schema.users.username, 'left.bank'));
    expect((await login('left.bank', 'password-123')).statusCode).toBe(401);
  });

  it('records sign-ins in the audit log', async () => {
    const rows = await t.testDb.db.orm
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.action, 'auth.signed-in'));
    expect(rows.length).toBeGreaterThan(0);
  });
});

describe('without signing in', () => {
  it('answers 401 with a problem on every /api route', async () => {
    for (const url of ['/api/v1/auth/me', '/api/v1/auth/logout']) {
      const response = await t.app.inject({ method: url.endsWith('logout') ? 'POST' : 'GET', url });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({
        code: 'auth.unauthenticated',
        type: 'urn:waymark:error:auth.unauthenticated',
      });
    }
  });

  it('rejects a session cookie that was never issued', async () => {
    const response = await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: 'wm_session=forged' } });
    expect(response.statusCode).toBe(401);
  });
});
