import { schema } from '@waymark/db';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { depositOfferGraph } from './journey-graphs.ts';
import { createTestApp, type TestApp } from './test-app.ts';

type As = { cookie: string };

/**
 * An app whose publishing needs approval (maker–checker, 审批), with a planner, an approver and
 * an admin signed in, an SMS connector and a template to send, and the calls approval tests make.
 */
export async function createApprovalWorld() {
  const t: TestApp = await createTestApp({
    config: { nodeEnv: 'test', sessionTtlHours: 12, publishApproval: 'required' },
  });
  const planner = await t.signIn('planner');
  const approver = await t.signIn('approver');
  const admin = await t.signIn('admin');
  const post = (url: string, as: As, payload: object = {}) =>
    t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: as, payload });
  const get = (url: string, as: As) => t.app.inject({ url: `/api/v1${url}`, headers: as });

  await post('/connectors', admin, { id: 'sms-main', kind: 'sms-http', channel: 'sms', name: 'SMS' });
  const template = await post('/templates', planner, {
    name: '理财推荐',
    channel: 'sms',
    body: '{{customer.name}}您好，推荐稳健理财。',
  });
  const graph = depositOfferGraph({ templateId: template.json().id, connectorId: 'sms-main' });

  return {
    t,
    planner,
    approver,
    admin,
    graph,
    post,
    get,
    async createJourney(name: string, as = planner, withGraph = true) {
      const response = await post('/journeys', as, { name, ...(withGraph && { graph }) });
      expect(response.statusCode).toBe(201);
      return response.json() as { id: string; draftRevision: number };
    },
    requestApproval: (
      id: string,
      baseRevision: number,
      note = '首次上线：大额入账后推荐理财',
      as = planner,
    ) => post(`/journeys/${id}/approval-requests`, as, { baseRevision, note }),
    /** Saves an edit of the draft (the exit's reason) as the planner. */
    async saveDraft(id: string, baseRevision: number, reason: string) {
      const edited = structuredClone(graph);
      edited.nodes[2]!.config.reason = reason;
      const saved = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/journeys/${id}`,
        headers: planner,
        payload: { baseRevision, graph: edited },
      });
      expect(saved.statusCode).toBe(200);
      return saved.json() as { draftRevision: number };
    },
    /** The journey's audit trail, oldest first. */
    async auditActions(journeyId: string) {
      const rows = await t.testDb.db.orm
        .select()
        .from(schema.auditLog)
        .where(eq(schema.auditLog.subjectId, journeyId))
        .orderBy(schema.auditLog.id);
      return rows.map((row) => ({ action: row.action, actor: row.actorUserId, details: row.details }));
    },
    close: () => t.close(),
  };
}

export type ApprovalWorld = Awaited<ReturnType<typeof createApprovalWorld>>;
