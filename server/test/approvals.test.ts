import { schema } from '@waymark/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoApproval } from '../src/demo/demo-approval.ts';
import { seedDemoContent } from '../src/demo/demo-content.ts';
import { depositOfferGraph } from './support/journey-graphs.ts';
import { expectProblem } from './support/problem.ts';
import { createTestApp, type TestApp } from './support/test-app.ts';

// Maker–checker (审批): publishing needs an approved request for the exact draft revision.
let t: TestApp;
let planner: { cookie: string };
let approver: { cookie: string };
let admin: { cookie: string };
let graph: ReturnType<typeof depositOfferGraph>;

beforeAll(async () => {
  t = await createTestApp({ config: { nodeEnv: 'test', sessionTtlHours: 12, publishApproval: 'required' } });
  planner = await t.signIn('planner');
  approver = await t.signIn('approver');
  admin = await t.signIn('admin');
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/connectors',
    headers: admin,
    payload: { id: 'sms-main', kind: 'sms-http', channel: 'sms', name: 'SMS' },
  });
  const template = await t.app.inject({
    method: 'POST',
    url: '/api/v1/templates',
    headers: planner,
    payload: { name: '理财推荐', channel: 'sms', body: '{{customer.name}}您好，推荐稳健理财。' },
  });
  graph = depositOfferGraph({ templateId: template.json().id, connectorId: 'sms-main' });
});
afterAll(() => t.close());

async function createJourney(name: string, as = planner, withGraph = true) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/journeys',
    headers: as,
    payload: { name, ...(withGraph && { graph }) },
  });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; draftRevision: number };
}

const post = (url: string, as: { cookie: string }, payload: object = {}) =>
  t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: as, payload });
const get = (url: string, as: { cookie: string }) => t.app.inject({ url: `/api/v1${url}`, headers: as });

const requestApproval = (
  id: string,
  baseRevision: number,
  note = '首次上线：大额入账后推荐理财',
  as = planner,
) => post(`/journeys/${id}/approval-requests`, as, { baseRevision, note });

async function saveDraft(id: string, baseRevision: number, reason: string) {
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
}

async function auditActions(journeyId: string) {
  const rows = await t.testDb.db.orm
    .select()
    .from(schema.auditLog)
    .where(eq(schema.auditLog.subjectId, journeyId))
    .orderBy(schema.auditLog.id);
  return rows.map((row) => ({ action: row.action, actor: row.actorUserId, details: row.details }));
}

describe('requesting approval', () => {
  it('says approval is required, and publishing is refused until someone approves', async () => {
    const { id } = await createJourney('需要审批');
    const state = await get(`/journeys/${id}/approval`, planner);
    expect(state.json()).toEqual({ required: true, request: null });

    const refused = await post(`/journeys/${id}/publish`, planner, { baseRevision: 1 });
    expectProblem(refused, 409, 'approval.required');
    const versions = await get(`/journeys/${id}/versions`, planner);
    expect(versions.json().items).toEqual([]);
  });

  it('records a pending request for the exact draft revision with the planner’s note, once', async () => {
    const { id } = await createJourney('一个待审批');
    const requested = await requestApproval(id, 1);
    expect(requested.statusCode).toBe(201);
    expect(requested.json()).toMatchObject({
      journeyId: id,
      journeyName: '一个待审批',
      draftRevision: 1,
      status: 'pending',
      state: 'pending',
      note: '首次上线：大额入账后推荐理财',
      requestedByName: expect.stringContaining('planner'),
      decidedBy: null,
      publishedVersion: null,
    });

    expectProblem(await requestApproval(id, 1), 409, 'approval.already-requested');
    expectProblem(await post(`/journeys/${id}/publish`, planner), 409, 'approval.pending');
    const state = await get(`/journeys/${id}/approval`, planner);
    expect(state.json()).toMatchObject({
      required: true,
      request: { id: requested.json().id, state: 'pending' },
    });
    expect((await auditActions(id)).map((a) => a.action)).toEqual([
      'journey.created',
      'journey.approval-requested',
    ]);
  });

  it('lets only one of two simultaneous requests wait', async () => {
    const { id } = await createJourney('同时提交');
    const answers = await Promise.all([requestApproval(id, 1), requestApproval(id, 1)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
  });

  it('refuses a request for a revision that is not the draft, an invalid draft, and an unchanged one', async () => {
    const { id } = await createJourney('版本不符');
    expectProblem(await requestApproval(id, 5), 409, 'journey.revision-conflict');
    const empty = await createJourney('空旅程', planner, false);
    const invalid = await requestApproval(empty.id, 1);
    expectProblem(invalid, 422, 'journey.invalid');
    expect(invalid.json().problems.length).toBeGreaterThan(0);
  });

  it('is refused to roles that may not publish', async () => {
    const { id } = await createJourney('分析师不能提交');
    expectProblem(await requestApproval(id, 1, 'x', await t.signIn('analyst')), 403, 'auth.forbidden');
  });
});

describe('deciding', () => {
  it('shows the approver the waiting requests with what they would change', async () => {
    const { id } = await createJourney('审批队列');
    const requested = await requestApproval(id, 1, '新增理财短信');
    const queue = await get('/approvals', approver);
    expect(queue.statusCode).toBe(200);
    const item = queue.json().items.find((i: { id: string }) => i.id === requested.json().id);
    expect(item).toMatchObject({
      journeyName: '审批队列',
      state: 'pending',
      note: '新增理财短信',
      liveVersion: null,
    });
    expect(item.diff.nodes.added.map((n: { id: string }) => n.id).sort()).toEqual([
      'done',
      'offer',
      'trigger',
    ]);
    expect(item.diff.unchanged).toBe(false);
  });

  it('counts for each approver only the requests they can decide', async () => {
    const waiting = async (as: { cookie: string }) => {
      const response = await get('/approvals/count', as);
      expect(response.statusCode).toBe(200);
      return response.json().waiting as number;
    };
    const before = { approver: await waiting(approver), admin: await waiting(admin) };
    const byPlanner = await createJourney('计数：策划提交');
    await requestApproval(byPlanner.id, 1);
    const byAdmin = await createJourney('计数：管理员提交', admin);
    const adminAsked = await requestApproval(byAdmin.id, 1, 'admin asks', admin);
    // The approver can decide both; the admin only the planner's.
    expect(await waiting(approver)).toBe(before.approver + 2);
    expect(await waiting(admin)).toBe(before.admin + 1);
    // A request whose draft moved on cannot be approved: it leaves the count.
    await saveDraft(byPlanner.id, 1, 'edited after asking');
    expect(await waiting(approver)).toBe(before.approver + 1);
    await post(`/approvals/${adminAsked.json().id}/approve`, approver);
    expect(await waiting(approver)).toBe(before.approver);
    expectProblem(await get('/approvals/count', planner), 403, 'auth.forbidden');
  });

  it('keeps planners out of the queue and the decisions', async () => {
    const { id } = await createJourney('策划不能审批');
    const requested = await requestApproval(id, 1);
    expectProblem(await get('/approvals', planner), 403, 'auth.forbidden');
    expectProblem(await post(`/approvals/${requested.json().id}/approve`, planner), 403, 'auth.forbidden');
  });

  it('never lets the requester decide their own request (four eyes)', async () => {
    const { id } = await createJourney('四眼原则', admin);
    const requested = await requestApproval(id, 1, 'admin asks', admin);
    expect(requested.statusCode).toBe(201);
    const own = expectProblem(
      await post(`/approvals/${requested.json().id}/approve`, admin),
      403,
      'approval.own-request',
    );
    expect(own.title).toContain('someone else');
    expectProblem(
      await post(`/approvals/${requested.json().id}/reject`, admin, { comment: 'no' }),
      403,
      'approval.own-request',
    );
    const approved = await post(`/approvals/${requested.json().id}/approve`, approver, { comment: '同意' });
    expect(approved.statusCode).toBe(200);
  });

  it('never lets someone who changed the draft approve it', async () => {
    const { id } = await createJourney('管理员改过的草稿');
    const edited = structuredClone(graph);
    edited.nodes[2]!.config.reason = 'admin edit';
    const saved = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/journeys/${id}`,
      headers: admin,
      payload: { baseRevision: 1, graph: edited },
    });
    expect(saved.statusCode).toBe(200);
    const requested = await requestApproval(id, 2);
    const refused = expectProblem(
      await post(`/approvals/${requested.json().id}/approve`, admin),
      403,
      'approval.own-changes',
    );
    expect(refused.title).toContain('someone else');
    expect((await post(`/approvals/${requested.json().id}/approve`, approver)).statusCode).toBe(200);
  });

  it('approves; publishing then records the approval, once', async () => {
    const { id } = await createJourney('审批后发布');
    const requested = await requestApproval(id, 1);
    const approvalId = requested.json().id as string;
    const approved = await post(`/approvals/${approvalId}/approve`, approver, { comment: '合规，同意上线' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      state: 'approved',
      comment: '合规，同意上线',
      decidedByName: expect.stringContaining('approver'),
    });
    const decided = expectProblem(
      await post(`/approvals/${approvalId}/reject`, approver, { comment: 'changed my mind' }),
      409,
      'approval.already-decided',
    );
    // Which decision stands, for the approver who came second.
    expect(decided).toMatchObject({ approvalStatus: 'approved' });
    expectProblem(await requestApproval(id, 1), 409, 'approval.already-approved');

    const published = await post(`/journeys/${id}/publish`, planner, { baseRevision: 1, note: 'v1' });
    expect(published.statusCode).toBe(201);
    expect(published.json()).toMatchObject({ version: 1, approvalId, journey: { status: 'live' } });
    const [version] = await t.testDb.db.orm
      .select()
      .from(schema.journeyVersions)
      .where(eq(schema.journeyVersions.journeyId, id));
    expect(version?.approvalId).toBe(approvalId);
    const state = await get(`/journeys/${id}/approval`, planner);
    expect(state.json().request).toMatchObject({ id: approvalId, state: 'published', publishedVersion: 1 });
    const versions = await get(`/journeys/${id}/versions`, planner);
    expect(versions.json().items).toMatchObject([
      { version: 1, approvalId, approvedByName: expect.stringContaining('approver') },
    ]);

    // Not reusable: a second publish of the same revision needs a new approval.
    expect((await post(`/journeys/${id}/pause`, planner)).statusCode).toBe(200);
    const again = expectProblem(await post(`/journeys/${id}/publish`, planner), 409, 'approval.used');
    expect(again.detail).toContain('version 1');

    const audit = await auditActions(id);
    expect(audit.map((a) => a.action)).toEqual([
      'journey.created',
      'journey.approval-requested',
      'journey.approved',
      'journey.published',
      'journey.paused',
    ]);
    expect(audit[2]?.details).toMatchObject({ approvalId, draftRevision: 1, comment: '合规，同意上线' });
    expect(audit[3]?.details).toMatchObject({ approvalId, version: 1 });
  });

  it('rejects only with a comment, which the planner reads when publishing is refused', async () => {
    const { id } = await createJourney('被驳回');
    const requested = await requestApproval(id, 1);
    const approvalId = requested.json().id as string;
    expectProblem(
      await post(`/approvals/${approvalId}/reject`, approver, { comment: '  ' }),
      400,
      'approval.comment-required',
    );
    const rejected = await post(`/approvals/${approvalId}/reject`, approver, { comment: '短信缺少退订提示' });
    expect(rejected.json()).toMatchObject({
      status: 'rejected',
      state: 'rejected',
      comment: '短信缺少退订提示',
    });

    const refused = expectProblem(await post(`/journeys/${id}/publish`, planner), 409, 'approval.rejected');
    expect(refused.detail).toContain('短信缺少退订提示');
    const state = await get(`/journeys/${id}/approval`, planner);
    expect(state.json().request).toMatchObject({ state: 'rejected', comment: '短信缺少退订提示' });

    // After fixing the draft, the planner asks again.
    const saved = await saveDraft(id, 1, '已补充退订提示');
    expect((await requestApproval(id, saved.draftRevision)).statusCode).toBe(201);
    expect((await auditActions(id)).map((a) => a.action)).toContain('journey.approval-rejected');
  });

  it('records one decision when two approvers decide at the same moment', async () => {
    const { id } = await createJourney('两人同时审批');
    const requested = await requestApproval(id, 1);
    const secondApprover = await t.signIn('approver', 'analyst');
    const answers = await Promise.all([
      post(`/approvals/${requested.json().id}/approve`, approver, { comment: 'ok' }),
      post(`/approvals/${requested.json().id}/reject`, secondApprover, { comment: 'no' }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const decisions = (await auditActions(id)).filter((a) =>
      ['journey.approved', 'journey.approval-rejected'].includes(a.action),
    );
    expect(decisions).toHaveLength(1);
  });

  it('drops a request from the queue when its journey is archived, and refuses to decide it', async () => {
    const { id } = await createJourney('归档后的申请');
    const requested = await requestApproval(id, 1);
    expect((await post(`/journeys/${id}/archive`, planner)).statusCode).toBe(200);
    const queue = await get('/approvals', approver);
    expect(queue.json().items.map((i: { id: string }) => i.id)).not.toContain(requested.json().id);
    expectProblem(await post(`/approvals/${requested.json().id}/approve`, approver), 409, 'journey.archived');
  });

  it('answers 404 for unknown requests', async () => {
    expectProblem(
      await post('/approvals/00000000-0000-4000-8000-000000000000/approve', approver),
      404,
      'approval.not-found',
    );
    expectProblem(await post('/approvals/nope/approve', approver), 404, 'approval.not-found');
  });
});

describe('staleness: an approval covers one draft revision', () => {
  it('refuses to publish an approved draft that was edited afterwards', async () => {
    const { id } = await createJourney('批准后又改');
    const requested = await requestApproval(id, 1);
    await post(`/approvals/${requested.json().id}/approve`, approver);
    const saved = await saveDraft(id, 1, 'edited after approval');

    const refused = await post(`/journeys/${id}/publish`, planner);
    const problem = expectProblem(refused, 409, 'approval.stale');
    expect(problem.detail).toContain(`revision ${saved.draftRevision}`);
    const state = await get(`/journeys/${id}/approval`, planner);
    expect(state.json().request).toMatchObject({ state: 'stale', draftRevision: 1, currentDraftRevision: 2 });

    // A new request for the edited draft, approved, publishes it.
    const second = await requestApproval(id, saved.draftRevision, '补充了退出原因');
    await post(`/approvals/${second.json().id}/approve`, approver);
    const published = await post(`/journeys/${id}/publish`, planner, { baseRevision: saved.draftRevision });
    expect(published.json()).toMatchObject({ version: 1, approvalId: second.json().id });
  });

  it('keeps approvers from deciding a waiting request whose draft moved on, and a new request supersedes it', async () => {
    const { id } = await createJourney('待审批时又改');
    const first = await requestApproval(id, 1);
    await saveDraft(id, 1, 'edited while waiting');
    const queue = await get('/approvals', approver);
    const item = queue.json().items.find((i: { id: string }) => i.id === first.json().id);
    expect(item).toMatchObject({ state: 'stale', diff: null });
    expectProblem(await post(`/approvals/${first.json().id}/approve`, approver), 409, 'approval.stale');

    const second = await requestApproval(id, 2, 'second try');
    expect(second.statusCode).toBe(201);
    const all = await get(`/approvals?status=all&journeyId=${id}`, approver);
    expect(all.json().items.map((i: { state: string }) => i.state)).toEqual(['pending', 'superseded']);
    expect((await auditActions(id)).map((a) => a.action)).toContain('journey.approval-superseded');
  });
});

describe('withdrawing (撤回)', () => {
  const withdraw = (approvalId: string, as = planner) => post(`/approvals/${approvalId}/withdraw`, as);

  it('takes the requester’s waiting request out of the queue and the count, audited, and lets them ask again', async () => {
    const { id } = await createJourney('撤回后重新提交');
    const waitingBefore = (await get('/approvals/count', approver)).json().waiting as number;
    const requested = await requestApproval(id, 1);
    const approvalId = requested.json().id as string;
    expect((await get('/approvals/count', approver)).json().waiting).toBe(waitingBefore + 1);

    const withdrawn = await withdraw(approvalId);
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({
      id: approvalId,
      status: 'withdrawn',
      state: 'withdrawn',
      decidedByName: expect.stringContaining('planner'),
      decidedAt: expect.any(String),
    });
    const queue = await get('/approvals', approver);
    expect(queue.json().items.map((i: { id: string }) => i.id)).not.toContain(approvalId);
    expect((await get('/approvals/count', approver)).json().waiting).toBe(waitingBefore);
    // Approvers still see it, as withdrawn, among the decided ones.
    const decided = await get('/approvals?status=decided', approver);
    expect(decided.json().items.find((i: { id: string }) => i.id === approvalId)).toMatchObject({
      state: 'withdrawn',
    });
    expect((await get(`/journeys/${id}/approval`, planner)).json().request).toMatchObject({
      id: approvalId,
      state: 'withdrawn',
    });
    const audit = await auditActions(id);
    expect(audit.map((a) => a.action)).toEqual([
      'journey.created',
      'journey.approval-requested',
      'journey.approval-withdrawn',
    ]);
    expect(audit[2]?.details).toMatchObject({ approvalId, draftRevision: 1 });
    expect(audit[2]?.actor).toBe(audit[1]?.actor);

    // Nothing is asked any more: publishing needs a request, and nobody can decide the old one.
    expectProblem(await post(`/journeys/${id}/publish`, planner), 409, 'approval.required');
    expectProblem(await post(`/approvals/${approvalId}/approve`, approver), 409, 'approval.withdrawn');
    expectProblem(await withdraw(approvalId), 409, 'approval.withdrawn');

    const again = await requestApproval(id, 1, 'second try');
    expect(again.statusCode).toBe(201);
    expect((await post(`/approvals/${again.json().id}/approve`, approver)).statusCode).toBe(200);
    expect((await post(`/journeys/${id}/publish`, planner)).json()).toMatchObject({
      version: 1,
      approvalId: again.json().id,
    });
  });

  it('is refused for someone else’s request, except to an administrator', async () => {
    const { id } = await createJourney('别人的申请');
    const requested = await requestApproval(id, 1);
    const approvalId = requested.json().id as string;
    const otherPlanner = await t.signIn('planner', 'analyst');
    const refused = expectProblem(await withdraw(approvalId, otherPlanner), 403, 'approval.not-requester');
    expect(refused.title).toContain('administrator');
    // Approvers reject instead; they may not withdraw on the planner's behalf.
    expectProblem(await withdraw(approvalId, approver), 403, 'auth.forbidden');
    expect((await get(`/journeys/${id}/approval`, planner)).json().request.state).toBe('pending');

    const byAdmin = await withdraw(approvalId, admin);
    expect(byAdmin.statusCode).toBe(200);
    expect(byAdmin.json()).toMatchObject({
      state: 'withdrawn',
      decidedByName: expect.stringContaining('admin'),
    });
  });

  it('is refused once the request was decided, and for unknown requests', async () => {
    const { id } = await createJourney('已审批不能撤回');
    const requested = await requestApproval(id, 1);
    const approvalId = requested.json().id as string;
    await post(`/approvals/${approvalId}/reject`, approver, { comment: '缺少退订提示' });
    const refused = expectProblem(await withdraw(approvalId), 409, 'approval.already-decided');
    expect(refused).toMatchObject({ approvalStatus: 'rejected' });
    expect((await get(`/journeys/${id}/approval`, planner)).json().request.state).toBe('rejected');

    expectProblem(await withdraw('00000000-0000-4000-8000-000000000000'), 404, 'approval.not-found');
    expectProblem(await withdraw('nope'), 404, 'approval.not-found');
  });

  it('after a rejection, a withdrawn second request leaves publishing asking for approval', async () => {
    const { id } = await createJourney('驳回后撤回');
    const first = await requestApproval(id, 1);
    await post(`/approvals/${first.json().id}/reject`, approver, { comment: 'no' });
    const second = await requestApproval(id, 1, 'asked again too soon');
    expect((await withdraw(second.json().id)).statusCode).toBe(200);
    expectProblem(await post(`/journeys/${id}/publish`, planner), 409, 'approval.required');
  });

  it('lets exactly one of a withdrawal and an approval at the same moment win', async () => {
    const { id } = await createJourney('撤回与审批同时');
    const requested = await requestApproval(id, 1);
    const approvalId = requested.json().id as string;
    const [withdrawal, approval] = await Promise.all([
      withdraw(approvalId),
      post(`/approvals/${approvalId}/approve`, approver),
    ]);
    expect([withdrawal.statusCode, approval.statusCode].sort()).toEqual([200, 409]);
    const closing = (await auditActions(id)).filter((a) =>
      ['journey.approved', 'journey.approval-withdrawn'].includes(a.action),
    );
    expect(closing).toHaveLength(1);
  });
});

describe('the demo', () => {
  it('leaves a starter journey waiting for the demo approver, asked for by the planner', async () => {
    const me = (await get('/auth/me', planner)).json();
    await seedDemoContent(t.testDb.db, me.user.id);
    await seedDemoApproval(t.testDb.db, me.user.id, new Date());
    const queue = await get('/approvals', approver);
    const demo = queue
      .json()
      .items.find(
        (i: { requestedBy: string; note: string }) =>
          i.requestedBy === me.user.id && i.note.includes('首次上线'),
      );
    expect(demo).toMatchObject({ state: 'pending', liveVersion: null, diff: { unchanged: false } });
    const approved = await post(`/approvals/${demo.id}/approve`, approver, { comment: '同意' });
    expect(approved.json().state).toBe('approved');
    const published = await post(`/journeys/${demo.journeyId}/publish`, planner);
    expect(published.statusCode).toBe(201);
  });
});

describe('with approval off', () => {
  it('publishes directly, as before, and refuses approval requests with a clear code', async () => {
    const off = await createTestApp();
    try {
      const offPlanner = await off.signIn('planner');
      const created = await off.app.inject({
        method: 'POST',
        url: '/api/v1/journeys',
        headers: offPlanner,
        payload: { name: 'no approval' },
      });
      const id = created.json().id as string;
      const state = await off.app.inject({ url: `/api/v1/journeys/${id}/approval`, headers: offPlanner });
      expect(state.json()).toEqual({ required: false, request: null });
      const asked = await off.app.inject({
        method: 'POST',
        url: `/api/v1/journeys/${id}/approval-requests`,
        headers: offPlanner,
        payload: { baseRevision: 1 },
      });
      expectProblem(asked, 409, 'approval.not-required');
    } finally {
      await off.close();
    }
  });
});
