import { randomBytes } from 'node:crypto';
import { createPiiCipher } from '@waymark/db/crypto';
import { createTestDb, type TestDb } from '@waymark/db/testing';
import { buildApp, createUser } from '@waymark/server';

type App = Awaited<ReturnType<typeof buildApp>>;

/** A running product for a browser test: the API on a fresh database, plus the built web app. */
export interface RunningProduct {
  url: string;
  app: App;
  testDb: TestDb;
  /** Creates a user with a known password; returns the credentials to type into the login form. */
  addUser(
    roles: Parameters<typeof createUser>[1]['roles'],
    locale?: string,
  ): Promise<{ username: string; password: string }>;
  /** Calls the API as an admin (for setting up data the test is not about). */
  adminRequest(method: string, url: string, body?: unknown): Promise<{ status: number; json: unknown }>;
  /** Makes the API answer 503 to every call until `restoreApi()`; the page itself stays reachable. */
  breakApi(): void;
  restoreApi(): void;
  close(): Promise<void>;
}

/**
 * Starts the product as it runs in production: the API (buildApp on its own fresh database)
 * serving the built web app from the same origin, listening on 127.0.0.1. `breakApi()` makes
 * every /api call answer 503 while the page itself stays reachable, as when the API's backends
 * are down behind a working front end. `publishApproval: 'required'` makes publishing wait for an
 * approver, as a production deployment does by default.
 */
export async function startProduct(
  distDir: string,
  options: { publishApproval?: 'required' | 'off' } = {},
): Promise<RunningProduct> {
  const testDb = await createTestDb();
  const app = await buildApp({
    db: testDb.db,
    cipher: createPiiCipher(randomBytes(32)),
    // Publishing needs no approval unless the test is about approval.
    config: { nodeEnv: 'test', sessionTtlHours: 12, publishApproval: options.publishApproval ?? 'off' },
    webAppDir: distDir,
  });
  let apiBroken = false;
  app.addHook('onRequest', async (request, reply) => {
    if (!apiBroken || !request.url.startsWith('/api/')) return;
    await reply.code(503).type('application/problem+json').send({
      type: 'urn:waymark:error:service.unavailable',
      code: 'service.unavailable',
      title: 'down for the test',
      status: 503,
    });
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });

  let counter = 0;
  let adminCookie: string | undefined;
  const password = 'planner password 1';

  async function addUser(roles: Parameters<typeof createUser>[1]['roles'], locale = 'en') {
    counter += 1;
    const username = `${roles.join('-')}-${counter}`;
    await createUser(testDb.db, {
      username,
      displayName: `Test ${roles.join(' ')} ${counter}`,
      password,
      roles,
      locale,
    });
    return { username, password };
  }

  async function adminRequest(method: string, url: string, body?: unknown) {
    if (!adminCookie) {
      const admin = await addUser(['admin']);
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: admin });
      const cookie = login.cookies.find((c) => c.name === 'wm_session');
      if (!cookie) throw new Error(`admin sign-in failed: ${login.statusCode} ${login.body}`);
      adminCookie = `wm_session=${cookie.value}`;
    }
    const answer = await app.inject({
      method: method as 'GET',
      url: `/api/v1${url}`,
      headers: { cookie: adminCookie },
      ...(body !== undefined && { payload: body as Record<string, unknown> }),
    });
    return { status: answer.statusCode, json: answer.body ? JSON.parse(answer.body) : undefined };
  }

  return {
    url: address,
    app,
    testDb,
    addUser,
    adminRequest,
    breakApi: () => {
      apiBroken = true;
    },
    restoreApi: () => {
      apiBroken = false;
    },
    async close() {
      await app.close();
      await testDb.drop();
    },
  };
}
