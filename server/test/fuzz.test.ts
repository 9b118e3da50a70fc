import { arbitraryAnyCondition } from '@waymark/conditions/testing';
import { bindStarter, channels, graphSchema } from '@waymark/journey';
import {
  arbitraryValidJourney,
  generatedConnectorId,
  generatedNow,
  generatedTemplateId,
} from '@waymark/journey/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.ts';

let t: TestApp;
let admin: { cookie: string };
const bindings: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => generatedNow } });
  admin = await t.signIn('admin');
  const post = (url: string, payload: object) =>
    t.app.inject({ method: 'POST', url, headers: admin, payload });
  for (const channel of channels) {
    await post('/api/v1/connectors', {
      id: generatedConnectorId(channel),
      kind: 'test',
      channel,
      name: channel,
    });
    for (const n of [1, 2, 3]) {
      const template = await post('/api/v1/templates', { name: `${channel} ${n}`, channel, body: '您好' });
      bindings[generatedTemplateId(channel, n)] = template.json().id;
    }
  }
  for (const ref of ['seg-1', 'seg-2']) {
    const segment = await post('/api/v1/segments', {
      name: ref,
      condition: { type: 'tag', op: 'has', tag: 'vip' },
    });
    bindings[ref] = segment.json().id;
  }
});
afterAll(() => t.close());

const writeEndpoints = [
  '/api/v1/customers/batch',
  '/api/v1/events',
  '/api/v1/segments',
  '/api/v1/segments/preview',
  '/api/v1/templates',
  '/api/v1/templates/preview',
  '/api/v1/journeys',
  '/api/v1/connectors',
  '/api/v1/users',
  '/api/v1/tokens',
  '/api/v1/auth/login',
];

// Bodies that look like what the endpoints expect, with every value possibly of the wrong kind.
const plausibleBody = fc.dictionary(
  fc.constantFrom(
    'customers',
    'events',
    'condition',
    'name',
    'body',
    'channel',
    'graph',
    'id',
    'kind',
    'roles',
    'username',
    'password',
    'templateId',
    'customerId',
  ),
  fc.jsonValue({ maxDepth: 4 }),
  { maxKeys: 6 },
);

describe('the API never answers 5xx to bad input', () => {
  it('answers arbitrary JSON bodies on every write endpoint with a 2xx or a problem+json 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...writeEndpoints),
        fc.oneof(fc.jsonValue({ maxDepth: 5 }), plausibleBody),
        async (url, body) => {
          const response = await t.app.inject({
            method: 'POST',
            url,
            headers: { ...admin, 'content-type': 'application/json' },
            payload: JSON.stringify(body),
          });
          expect(response.statusCode, `${url} ${response.body}`).toBeLessThan(500);
          if (response.statusCode >= 400) {
            expect(response.headers['content-type']).toContain('application/problem+json');
            expect(response.json().code).toMatch(/^[a-z-]+\.[a-z-]+$/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('previews any schema-shaped condition, however odd, without a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryAnyCondition({ triggerEvent: false, maxDepth: 3 }), async (condition) => {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/v1/segments/preview',
          headers: admin,
          payload: { condition },
        });
        expect([200, 400], response.body).toContain(response.statusCode);
      }),
      { numRuns: 100 },
    );
  });
});

describe('template previews', () => {
  it('answer any script text with a filled text or a located problem, never a 5xx', async () => {
    const scriptPiece = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom(
        '{{',
        '}}',
        '{{#if customer.name}}',
        '{{/if}}',
        '{{#each tags}}',
        '{{/each}}',
        '{{customer.name}}',
      ),
      fc.constantFrom(
        '{{money attributes.balance}}',
        '{{> nope}}',
        '{{constructor}}',
        '{{{customer.name}}}',
        '{{else}}',
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(scriptPiece, { maxLength: 12 }).map((parts) => parts.join('')),
        fc.constantFrom('sms', 'email'),
        async (body, channel) => {
          const response = await t.app.inject({
            method: 'POST',
            url: '/api/v1/templates/preview',
            headers: admin,
            payload: {
              body,
              channel,
              sample: { name: '王芳', attributes: { balance: 1200 }, tags: ['vip'] },
            },
          });
          expect(response.statusCode, response.body).toBe(200);
          const result = response.json();
          if (!result.ok) expect(result.error.message.length).toBeGreaterThan(5);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('journeys valid by construction', () => {
  it('save, validate clean, publish as version 1 and read back unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryValidJourney({ maxSteps: 8 }), async ({ graph }) => {
        const bound = bindStarter(graph, bindings);
        const created = await t.app.inject({
          method: 'POST',
          url: '/api/v1/journeys',
          headers: admin,
          payload: { name: 'generated', graph: bound },
        });
        expect(created.statusCode, created.body).toBe(201);
        const id = created.json().id;
        const validation = await t.app.inject({
          method: 'POST',
          url: `/api/v1/journeys/${id}/validate`,
          headers: admin,
        });
        expect(validation.json()).toEqual({ valid: true, problems: [] });
        const published = await t.app.inject({
          method: 'POST',
          url: `/api/v1/journeys/${id}/publish`,
          headers: admin,
          payload: {},
        });
        expect(published.statusCode, published.body).toBe(201);
        const version = await t.app.inject({ url: `/api/v1/journeys/${id}/versions/1`, headers: admin });
        const frozen = graphSchema.parse(bound);
        expect(version.json().graph.nodes).toEqual(frozen.nodes);
        expect(version.json().graph.edges).toEqual(frozen.edges);
      }),
      { numRuns: 40 },
    );
  });
});
