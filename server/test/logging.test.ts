import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.ts';

const lines: Record<string, unknown>[] = [];
const stream = new Writable({
  write(chunk, _encoding, callback) {
    for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line));
    callback();
  },
});

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ logger: { level: 'info', stream } });
});
afterAll(() => t.close());

describe('operational logging', () => {
  it('logs each request with its id, without the query string or credentials', async () => {
    const headers = await t.signIn('planner');
    lines.length = 0;
    const response = await t.app.inject({
      url: '/api/v1/customers',
      query: { q: '13812345678' },
      headers: { ...headers, 'x-request-id': 'trace-42' },
    });
    expect(response.statusCode).toBe(200);
    const mine = lines.filter((l) => l.reqId === 'trace-42');
    expect(mine.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
    expect(mine[0]?.req).toMatchObject({ method: 'GET', url: '/api/v1/customers' });
    const text = JSON.stringify(lines);
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain(headers.cookie.split('=')[1]);
  });

  it('logs an unexpected failure with its stack, while the caller sees none', async () => {
    const broken = await createTestApp({ logger: { level: 'info', stream } });
    const headers = await broken.signIn('admin');
    await broken.testDb.db.close();
    lines.length = 0;
    const response = await broken.app.inject({ url: '/api/v1/users', headers });
    expect(response.statusCode).toBe(500);
    const failure = lines.find((l) => l.msg === 'request failed');
    expect(failure).toMatchObject({
      level: 50,
      code: 'internal.unexpected',
      reqId: response.headers['x-request-id'],
    });
    expect((failure?.err as { stack?: string } | undefined)?.stack).toBeTruthy();
    await broken.close();
  });
});
