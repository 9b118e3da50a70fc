import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET /audit', () => {
  it('shows an approver who changed what, newest first, filtered by subject and paged', async () => {
    const planner = await t.signIn('planner');
    const me = (await t.app.inject({ url: '/api/v1/auth/me', headers: planner })).json();
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/templates',
      headers: planner,
      payload: { name: 'audit me', channel: 'sms', body: '您好' },
    });
    const id = created.json().id;
    for (const revision of [1, 2]) {
      await t.app.inject({
        method: 'PUT',
        url: `/api/v1/templates/${id}`,
        headers: planner,
        payload: { name: 'audit me', channel: 'sms', body: `您好 ${revision}`, revision },
      });
    }
    const approver = await t.signIn('approver');
    const first = await t.app.inject({
      url: '/api/v1/audit',
      query: { subjectId: id, limit: '2' },
      headers: approver,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().items.map((e: { action: string }) => e.action)).toEqual([
      'template.updated',
      'template.updated',
    ]);
    expect(first.json().items[0]).toMatchObject({
      actorUserId: me.user.id,
      details: { fromRevision: 2, toRevision: 3 },
    });
    const second = await t.app.inject({
      url: '/api/v1/audit',
      query: { subjectId: id, limit: '2', cursor: first.json().nextCursor },
      headers: approver,
    });
    expect(second.json().items.map((e: { action: string }) => e.action)).toEqual(['template.created']);
    expect(second.json().nextCursor).toBeNull();
  });

  it('is closed to planners', async () => {
    const response = await t.app.inject({ url: '/api/v1/audit', headers: await t.signIn('planner') });
    expect(response.statusCode).toBe(403);
  });
});
