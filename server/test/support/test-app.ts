import { randomBytes } from 'node:crypto';
import type { schema } from '@waymark/db';
import { createPiiCipher } from '@waymark/db/crypto';
import { createTestDb, type TestDb } from '@waymark/db/testing';
import { type App, buildApp } from '../../src/app.ts';
import { createUser } from '../../src/auth/users.ts';
import type { AppDeps } from '../../src/deps.ts';

/** A built app on its own fresh database, plus helpers to act as users of each role. */
export interface TestApp {
  app: App;
  testDb: TestDb;
  deps: AppDeps;
  /** Creates a user with these roles (once per name) and returns headers carrying their session cookie. */
  signIn(...roles: schema.Role[]): Promise<{ cookie: string }>;
  close(): Promise<void>;
}

let userCounter = 0;

/** Builds the app on a new migrated database; call `close()` in afterAll. */
export async function createTestApp(overrides: Partial<AppDeps> = {}): Promise<TestApp> {
  const testDb = await createTestDb();
  const deps: AppDeps = {
    db: testDb.db,
    cipher: createPiiCipher(randomBytes(32)),
    config: { nodeEnv: 'test', sessionTtlHours: 12 },
    ...overrides,
  };
  const app = await buildApp(deps);
  const sessions = new Map<string, { cookie: string }>();

  async function signIn(...roles: schema.Role[]): Promise<{ cookie: string }> {
    const key = roles.join('+');
    const existing = sessions.get(key);
    if (existing) return existing;
    userCounter += 1;
    const username = `user-${userCounter}-${roles.join('-')}`.slice(0, 64);
    const password = 'correct horse battery';
    await createUser(testDb.db, { username, displayName: `Test ${roles.join(' ')}`, password, roles });
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password },
    });
    if (response.statusCode !== 200)
      throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
    const cookie = response.cookies.find((c) => c.name === 'wm_session');
    if (!cookie) throw new Error('no session cookie');
    const headers = { cookie: `wm_session=${cookie.value}` };
    sessions.set(key, headers);
    return headers;
  }

  return {
    app,
    testDb,
    deps,
    signIn,
    async close() {
      await app.close();
      await testDb.drop();
    },
  };
}
