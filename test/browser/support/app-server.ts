import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { createPiiCipher } from '@waymark/db/crypto';
import { createTestDb, type TestDb } from '@waymark/db/testing';
import { buildApp, createUser } from '@waymark/server';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
};

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
  /** Makes the API answer 503 to every call until `restore()`; the web app stays up (a server outage). */
  breakApi(): void;
  restoreApi(): void;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function serveFile(distDir: string, path: string, response: ServerResponse): Promise<void> {
  const clean = normalize(decodeURIComponent(path.split('?')[0] ?? '/')).replace(/^(\.\.[/\\])+/, '');
  let file = join(distDir, clean);
  const info = await stat(file).catch(() => undefined);
  // Unknown paths are app routes (/journeys/…): the single-page app handles them.
  if (!info?.isFile()) file = join(distDir, 'index.html');
  const body = await readFile(file);
  response.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' });
  response.end(body);
}

/**
 * Starts the API (buildApp on its own database) and an HTTP server on 127.0.0.1 that serves the
 * built web app and hands /api/* to the app through `inject`, so the browser sees one origin
 * exactly as in production (where the server serves the app itself).
 */
export async function startProduct(distDir: string): Promise<RunningProduct> {
  const testDb = await createTestDb();
  const app = await buildApp({
    db: testDb.db,
    cipher: createPiiCipher(randomBytes(32)),
    config: { nodeEnv: 'test', sessionTtlHours: 12 },
  });
  await app.ready();
  let apiBroken = false;

  const server: Server = createServer((request, response) => {
    const url = request.url ?? '/';
    if (!url.startsWith('/api/')) {
      serveFile(distDir, url, response).catch(() => {
        response.writeHead(500);
        response.end();
      });
      return;
    }
    if (apiBroken) {
      response.writeHead(503, { 'content-type': 'application/problem+json' });
      response.end(JSON.stringify({ code: 'service.unavailable', title: 'down for the test', status: 503 }));
      return;
    }
    readBody(request)
      .then((payload) =>
        app.inject({
          method: request.method as 'GET',
          url,
          headers: request.headers,
          ...(payload.length > 0 && { payload }),
        }),
      )
      .then((answer) => {
        const headers = { ...answer.headers };
        delete headers['content-length'];
        delete headers['transfer-encoding'];
        response.writeHead(answer.statusCode, headers as Record<string, string>);
        response.end(answer.rawPayload);
      })
      .catch(() => {
        response.writeHead(502);
        response.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

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
    url: `http://127.0.0.1:${port}`,
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
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
      await testDb.drop();
    },
  };
}
