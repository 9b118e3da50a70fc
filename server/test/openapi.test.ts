import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.ts';

let t: TestApp;
let doc: {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};

interface Operation {
  parameters?: { in: string; name: string; schema?: unknown }[];
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

beforeAll(async () => {
  t = await createTestApp();
  const response = await t.app.inject({ url: '/openapi.json' });
  expect(response.statusCode).toBe(200);
  doc = response.json();
});
afterAll(() => t.close());

const apiOperations = () =>
  Object.entries(doc.paths)
    .filter(([path]) => path.startsWith('/api/'))
    .flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, op]) => ({ path, method, op })),
    );

describe('/openapi.json', () => {
  it('is an OpenAPI 3.1 document listing the API', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(apiOperations().length).toBeGreaterThan(10);
  });

  it('gives every /api operation a success response with a schema (or an explicit empty 204)', () => {
    for (const { path, method, op } of apiOperations()) {
      const success = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
      expect(success.length, `${method.toUpperCase()} ${path} has no 2xx response`).toBeGreaterThan(0);
      for (const [status, response] of success) {
        if (status === '204') continue;
        const schema = Object.values(response.content ?? {})[0]?.schema;
        expect(schema, `${method.toUpperCase()} ${path} ${status} has no schema`).toBeTruthy();
      }
    }
  });

  it('documents the problem+json error answers on every /api operation', () => {
    for (const { path, method, op } of apiOperations()) {
      expect(op.responses['4XX']?.content?.['application/problem+json']?.schema, `${method} ${path}`).toEqual(
        {
          $ref: '#/components/schemas/Problem',
        },
      );
    }
    expect(doc.components.schemas.Problem).toBeTruthy();
  });

  it('gives every request input a schema: body for writes, path parameters for ids', () => {
    for (const { path, method, op } of apiOperations()) {
      const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const name of pathParams) {
        const param = op.parameters?.find((p) => p.in === 'path' && p.name === name);
        expect(param?.schema, `${method.toUpperCase()} ${path} path parameter ${name}`).toBeTruthy();
      }
      const takesBody =
        ['post', 'put', 'patch'].includes(method) && !/\/(logout|pause|resume|archive|withdraw)$/.test(path);
      if (takesBody) {
        const content = op.requestBody?.content ?? {};
        expect(
          Object.keys(content).length,
          `${method.toUpperCase()} ${path} has no request body schema`,
        ).toBeGreaterThan(0);
        for (const [type, media] of Object.entries(content)) {
          expect(media.schema, `${method.toUpperCase()} ${path} ${type}`).toBeTruthy();
        }
      }
    }
  });

  it('documents the CSV import as a text/csv upload', () => {
    const body = doc.paths['/api/v1/customers/import']?.post?.requestBody;
    expect(Object.keys(body?.content ?? {})).toEqual(['text/csv']);
  });

  it('serves a browsable /docs page', async () => {
    const response = await t.app.inject({ url: '/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('swagger');
  });
});
