import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.ts';

let dist: string;
let t: TestApp;
beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), 'waymark-web-'));
  await mkdir(join(dist, 'assets'));
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>Waymark</title><div id="root"></div>');
  await writeFile(join(dist, 'assets', 'app-3f9a.js'), 'console.log("app")');
  t = await createTestApp({ webAppDir: dist });
});
afterAll(async () => {
  await t.close();
  await rm(dist, { recursive: true, force: true });
});

const page = { accept: 'text/html,application/xhtml+xml' };

describe('serving the web app', () => {
  it('serves index.html at / without caching, and hashed assets cached for a year', async () => {
    const index = await t.app.inject({ url: '/', headers: page });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('<title>Waymark</title>');
    expect(index.headers['cache-control']).toBe('no-cache');
    const asset = await t.app.inject({ url: '/assets/app-3f9a.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toContain('javascript');
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('answers deep links with the app, so the browser router can show them', async () => {
    const response = await t.app.inject({ url: '/journeys/5f0c7a0e/edit?tab=settings', headers: page });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<div id="root">');
  });

  it('keeps 404 problems for missing files and unknown API paths', async () => {
    const missing = await t.app.inject({ url: '/assets/gone.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('route.not-found');
    const api = await t.app.inject({ url: '/api/v2/journeys', headers: page });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
  });

  it('still serves the API, the docs and the health checks', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ url: '/api/v1/auth/me' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/openapi.json' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/docs/', headers: page })).body).toContain('swagger');
  });

  it('refuses to start when the app is not built', async () => {
    await expect(createTestApp({ webAppDir: join(dist, 'nope') })).rejects.toThrow(/not built/);
  });
});
