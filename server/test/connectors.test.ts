import { schema } from '@waymark/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { depositOfferGraph } from './support/journey-graphs.ts';
import { createTestApp, type TestApp } from './support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const smsConnector = {
  id: 'sms-main',
  kind: 'sms-http',
  channel: 'sms',
  name: '短信网关 (main)',
  credentials: { apiKey: 'secret-api-key-123', account: 'bank01' },
  settings: { ratePerSecond: 50 },
};

describe('connectors', () => {
  it('stores credentials encrypted and never returns them', async () => {
    const headers = await t.signIn('channel-operator');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/connectors',
      headers,
      payload: smsConnector,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id: 'sms-main', hasCredentials: true, enabled: true });
    expect(created.body).not.toContain('secret-api-key-123');
    expect(created.json().credentials).toBeUndefined();

    const [row] = await t.testDb.db.orm
      .select()
      .from(schema.connectors)
      .where(eq(schema.connectors.id, 'sms-main'));
    expect(row?.credentialsEnc).toBeTruthy();
    expect(row?.credentialsEnc).not.toContain('secret-api-key-123');
    expect(JSON.parse(t.deps.cipher.decrypt(row?.credentialsEnc ?? ''))).toEqual(smsConnector.credentials);

    const fetched = await t.app.inject({ url: '/api/v1/connectors/sms-main', headers });
    expect(fetched.body).not.toContain('secret-api-key-123');
    expect(fetched.json().settings).toEqual({ ratePerSecond: 50 });
  });

  it('updates, lists and deletes', async () => {
    const headers = await t.signIn('channel-operator');
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/connectors',
      headers,
      payload: { id: 'wecom-app', kind: 'wecom', channel: 'wecom', name: 'WeCom' },
    });
    const patched = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/connectors/wecom-app',
      headers,
      payload: { enabled: false, credentials: { corpSecret: 'cs' } },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ enabled: false, hasCredentials: true });

    const list = await t.app.inject({ url: '/api/v1/connectors', headers: await t.signIn('analyst') });
    expect(list.json().items.map((c: { id: string }) => c.id)).toContain('wecom-app');

    expect(
      (await t.app.inject({ method: 'DELETE', url: '/api/v1/connectors/wecom-app', headers })).statusCode,
    ).toBe(204);
    const gone = await t.app.inject({ url: '/api/v1/connectors/wecom-app', headers });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().code).toBe('connector.not-found');
  });

  it('refuses a duplicate id, and writes by roles other than channel operators and admins', async () => {
    const headers = await t.signIn('channel-operator');
    const payload = { id: 'push-1', kind: 'push', channel: 'push', name: 'Push' };
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/connectors', headers, payload })).statusCode,
    ).toBe(201);
    const dup = await t.app.inject({ method: 'POST', url: '/api/v1/connectors', headers, payload });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('connector.id-taken');

    const planner = await t.signIn('planner');
    const forbidden = await t.app.inject({
      method: 'POST',
      url: '/api/v1/connectors',
      headers: planner,
      payload: { ...payload, id: 'push-2' },
    });
    expect(forbidden.statusCode).toBe(403);
    const count = await t.testDb.db.orm
      .select()
      .from(schema.connectors)
      .where(eq(schema.connectors.id, 'push-2'));
    expect(count).toHaveLength(0);
  });

  it('rejects an unknown channel with a field error', async () => {
    const headers = await t.signIn('admin');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/connectors',
      headers,
      payload: { id: 'fax-1', kind: 'fax', channel: 'fax', name: 'Fax' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe('body.channel');
  });

  it('refuses to delete a connector a running journey sends through, until that journey is archived', async () => {
    const operator = await t.signIn('channel-operator');
    const planner = await t.signIn('planner');
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/connectors',
      headers: operator,
      payload: { id: 'sms-live', kind: 'sms-http', channel: 'sms', name: 'Live SMS' },
    });
    const template = await t.app.inject({
      method: 'POST',
      url: '/api/v1/templates',
      headers: planner,
      payload: { name: 'offer', channel: 'sms', body: '您好' },
    });
    const journey = await t.app.inject({
      method: 'POST',
      url: '/api/v1/journeys',
      headers: planner,
      payload: {
        name: '到期提醒',
        graph: depositOfferGraph({ templateId: template.json().id, connectorId: 'sms-live' }),
      },
    });
    const id = journey.json().id;
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/journeys/${id}/publish`,
          headers: planner,
          payload: {},
        })
      ).statusCode,
    ).toBe(201);

    const refused = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/connectors/sms-live',
      headers: operator,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'connector.in-use', journeys: [{ id, name: '到期提醒' }] });
    expect((await t.app.inject({ url: '/api/v1/connectors/sms-live', headers: operator })).statusCode).toBe(
      200,
    );

    await t.app.inject({ method: 'POST', url: `/api/v1/journeys/${id}/archive`, headers: planner });
    expect(
      (await t.app.inject({ method: 'DELETE', url: '/api/v1/connectors/sms-live', headers: operator }))
        .statusCode,
    ).toBe(204);
  });
});
