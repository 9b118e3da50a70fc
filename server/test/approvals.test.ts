import { schema } from '@waymark/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoApproval } from '../src/demo/demo-approval.ts';
import { seedDemoContent } from '../src/demo/demo-content.ts';
import { type ApprovalWorld, createApprovalWorld } from './support/approval-world.ts';
import { expectProblem } from './support/problem.ts';
import { createTestApp } from './support/test-app.ts';

// Maker–checker (审批): publishing needs an approved request for the exact draft revision.
// Withdrawing a request is in approvals-withdraw.test.ts.
let w: ApprovalWorld;

beforeAll(async () => {
  w = await createApprovalWorld();
});
afterAll(() => w.close());

describe('requesting approval', () => {
  it('says approval is required, and publishing is refused until someone approves', async () => {
    const { id } = await w.createJourney('需要审批');
    const state = await w.get(`/journeys/${id}/approval`, w.planner);
    expect(state.json()).toEqual({ required: true, request: null });

    const refused = await w.post(`/journeys/${id}/publish`, w.planner, { baseRevision: 1 });
    expectProblem(refused, 409, 'approval.required');
    const versions = await w.get(`/journeys/${id}/versions`, w.planner);
    expect(versions.json().items).toEqual([]);
  });

  it('records a pending request for the exact draft revision with the planner’s note, once', async () => {
    const { id } = await w.createJourney('一个待审批');
    const requested = await w.requestApproval(id, 1);
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

    expectProblem(await w.requestApproval(id, 1), 409, 'approval.already-requested');
    expectProblem(await w.post(`/journeys/${id}/publish`, w.planner), 409, 'approval.pending');
    const state = await w.get(`/journeys/${id}/approval`, w.planner);
    expect(state.json()).toMatchObject({
      required: true,
      request: { id: requested.json().id, state: 'pending' },
    });
    expect((await w.auditActions(id)).map((a) => a.action)).toEqual([
      'journey.created',
      'journey.approval-requested',
    ]);
  });

  it('lets only one of two simultaneous requests wait', async () => {
    const { id } = await w.createJourney('同时提交');
    const answers = await Promise.all([w.requestApproval(id, 1), w.requestApproval(id, 1)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
  });

  it('refuses a request for a revision that is not the draft, an invalid draft, and an unchanged one', async () => {
    const { id } = await w.createJourney('版本不符');
    expectProblem(await w.requestApproval(id, 5), 409, 'journey.revision-conflict');
    const empty = await w.createJourney('空旅程', w.planner, false);
    const invalid = await w.requestApproval(empty.id, 1);
    expectProblem(invalid, 422, 'journey.invalid');
    expect(invalid.json().problems.length).toBeGreaterThan(0);
  });

  it('is refused to roles that may not publish', async () => {
    const { id } = await w.createJourney('分析师不能提交');
    expectProblem(await w.requestApproval(id, 1, 'x', await w.t.signIn('analyst')), 403, 'auth.forbidden');
  });
});

describe('deciding', () => {
  it('shows the approver the waiting requests with what they would change', async () => {
    const { id } = await w.createJourney('审批队列');
    const requested = await w.requestApproval(id, 1, '新增理财短信');
    const queue = await w.get('/approvals', w.approver);
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
      const response = await w.get('/approvals/count', as);
      expect(response.statusCode).toBe(200);
      return response.json().waiting as number;
    };
    const before = { approver: await waiting(w.approver), admin: await waiting(w.admin) };
    const byPlanner = await w.createJourney('计数：策划提交');
    await w.requestApproval(byPlanner.id, 1);
    const byAdmin = await w.createJourney('计数：管理员提交', w.admin);
    const adminAsked = await w.requestApproval(byAdmin.id, 1, 'admin asks', w.admin);
    // The approver can decide both; the admin only the planner's.
    expect(await waiting(w.approver)).toBe(before.approver + 2);
    expect(await waiting(w.admin)).toBe(before.admin + 1);
    // A request whose draft moved on cannot be approved: it leaves the count.
    await w.saveDraft(byPlanner.id, 1, 'edited after asking');
    expect(await waiting(w.approver)).toBe(before.approver + 1);
    await w.post(`/approvals/${adminAsked.json().id}/approve`, w.approver);
    expect(await waiting(w.approver)).toBe(before.approver);
    expectProblem(await w.get('/approvals/count', w.planner), 403, 'auth.forbidden');
  });

  it('keeps planners out of the queue and the decisions', async () => {
    const { id } = await w.createJourney('策划不能审批');
    const requested = await w.requestApproval(id, 1);
    expectProblem(await w.get('/approvals', w.planner), 403, 'auth.forbidden');
    expectProblem(
      await w.post(`/approvals/${requested.json().id}/approve`, w.planner),
      403,
      'auth.forbidden',
    );
  });

  it('never lets the requester decide their own request (four eyes)', async () => {
    const { id } = await w.createJourney('四眼原则', w.admin);
    const requested = await w.requestApproval(id, 1, 'admin asks', w.admin);
    expect(requested.statusCode).toBe(201);
    const own = expectProblem(
      await w.post(`/approvals/${requested.json().id}/approve`, w.admin),
      403,
      'approval.own-request',
    );
    expect(own.title).toContain('someone else');
    expectProblem(
      await w.post(`/approvals/${requested.json().id}/reject`, w.admin, { comment: 'no' }),
      403,
      'approval.own-request',
    );
    const approved = await w.post(`/approvals/${requested.json().id}/approve`, w.approver, {
      comment: '同意',
    });
    expect(approved.statusCode).toBe(200);
  });

  it('never lets someone who changed the draft approve it', async () => {
    const { id } = await w.createJourney('管理员改过的草稿');
    const edited = structuredClone(w.graph);
    edited.nodes[2]!.config.reason = 'admin edit';
    const saved = await w.t.app.inject({
      method: 'PUT',
      url: `/api/v1/journeys/${id}`,
      headers: w.admin,
      payload: { baseRevision: 1, graph: edited },
    });
    expect(saved.statusCode).toBe(200);
    const requested = await w.requestApproval(id, 2);
    const refused = expectProblem(
      await w.post(`/approvals/${requested.json().id}/approve`, w.admin),
      403,
      'approval.own-changes',
    );
    expect(refused.title).toContain('someone else');
    expect((await w.post(`/approvals/${requested.json().id}/approve`, w.approver)).statusCode).toBe(200);
  });

  it('approves; publishing then records the approval, once', async () => {
    const { id } = await w.createJourney('审批后发布');
    const requested = await w.requestApproval(id, 1);
    const approvalId = requested.json().id as string;
    const approved = await w.post(`/approvals/${approvalId}/approve`, w.approver, {
      comment: '合规，同意上线',
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      state: 'approved',
      comment: '合规，同意上线',
      decidedByName: expect.stringContaining('approver'),
    });
    const decided = expectProblem(
      await w.post(`/approvals/${approvalId}/reject`, w.approver, { comment: 'changed my mind' }),
      409,
      'approval.already-decided',
    );
    // Which decision stands, for the approver who came second.
    expect(decided).toMatchObject({ approvalStatus: 'approved' });
    expectProblem(await w.requestApproval(id, 1), 409, 'approval.already-approved');

    const published = await w.post(`/journeys/${id}/publish`, w.planner, { baseRevision: 1, note: 'v1' });
    expect(published.statusCode).toBe(201);
    expect(published.json()).toMatchObject({ version: 1, approvalId, journey: { status: 'live' } });
    const [version] = await w.t.testDb.db.orm
      .select()
      .from(schema.journeyVersions)
      .where(eq(schema.journeyVersions.journeyId, id));
    expect(version?.approvalId).toBe(approvalId);
    const state = await w.get(`/journeys/${id}/approval`, w.planner);
    expect(state.json().request).toMatchObject({ id: approvalId, state: 'published', publishedVersion: 1 });
    const versions = await w.get(`/journeys/${id}/versions`, w.planner);
    expect(versions.json().items).toMatchObject([
      { version: 1, approvalId, approvedByName: expect.stringContaining('approver') },
    ]);

    // Not reusable: a second publish of the same revision needs a new approval.
    expect((await w.post(`/journeys/${id}/pause`, w.planner)).statusCode).toBe(200);
    const again = expectProblem(await w.post(`/journeys/${id}/publish`, w.planner), 409, 'approval.used');
    expect(again.detail).toContain('version 1');

    const audit = await w.auditActions(id);
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
    const { id } = await w.createJourney('被驳回');
    const requested = await w.requestApproval(id, 1);
    const approvalId = requested.json().id as string;
    expectProblem(
      await w.post(`/approvals/${approvalId}/reject`, w.approver, { comment: '  ' }),
      400,
      'approval.comment-required',
    );
    const rejected = await w.post(`/approvals/${approvalId}/reject`, w.approver, {
      comment: '短信缺少退订提示',
    });
    expect(rejected.json()).toMatchObject({
      status: 'rejected',
      state: 'rejected',
      comment: '短信缺少退订提示',
    });

    const refused = expectProblem(
      await w.post(`/journeys/${id}/publish`, w.planner),
      409,
      'approval.rejected',
    );
    expect(refused.detail).toContain('短信缺少退订提示');
    const state = await w.get(`/journeys/${id}/approval`, w.planner);
    expect(state.json().request).toMatchObject({ state: 'rejected', comment: '短信缺少退订提示' });

    // After fixing the draft, the planner asks again.
    const saved = await w.saveDraft(id, 1, '已补充退订提示');
    expect((await w.requestApproval(id, saved.draftRevision)).statusCode).toBe(201);
    expect((await w.auditActions(id)).map((a) => a.action)).toContain('journey.approval-rejected');
  });

  it('records one decision when two approvers decide at the same moment', async () => {
    const { id } = await w.createJourney('两人同时审批');
    const requested = await w.requestApproval(id, 1);
    const secondApprover = await w.t.signIn('approver', 'analyst');
    const answers = await Promise.all([
      w.post(`/approvals/${requested.json().id}/approve`, w.approver, { comment: 'ok' }),
      w.post(`/approvals/${requested.json().id}/reject`, secondApprover, { comment: 'no' }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const decisions = (await w.auditActions(id)).filter((a) =>
      ['journey.approved', 'journey.approval-rejected'].includes(a.action),
    );
    expect(decisions).toHaveLength(1);
  });

  it('drops a request from the queue when its journey is archived, and refuses to decide it', async () => {
    const { id } = await w.createJourney('归档后的申请');
    const requested = await w.requestApproval(id, 1);
    expect((await w.post(`/journeys/${id}/archive`, w.planner)).statusCode).toBe(200);
    const queue = await w.get('/approvals', w.approver);
    expect(queue.json().items.map((i: { id: string }) => i.id)).not.toContain(requested.json().id);
    expectProblem(
      await w.post(`/approvals/${requested.json().id}/approve`, w.approver),
      409,
      'journey.archived',
    );
  });

  it('answers 404 for unknown requests', async () => {
    expectProblem(
      await w.post('/approvals/00000000-0000-4000-8000-000000000000/approve', w.approver),
      404,
      'approval.not-found',
    );
    expectProblem(await w.post('/approvals/nope/approve', w.approver), 404, 'approval.not-found');
  });
});

describe('staleness: an approval covers one draft revision', () => {
  it('refuses to publish an approved draft that was edited afterwards', async () => {
    const { id } = await w.createJourney('批准后又改');
    const requested = await w.requestApproval(id, 1);
    await w.post(`/approvals/${requested.json().id}/approve`, w.approver);
    const saved = await w.saveDraft(id, 1, 'edited after approval');

    const refused = await w.post(`/journeys/${id}/publish`, w.planner);
    const problem = expectProblem(refused, 409, 'approval.stale');
    expect(problem.detail).toContain(`revision ${saved.draftRevision}`);
    const state = await w.get(`/journeys/${id}/approval`, w.planner);
    expect(state.json().request).toMatchObject({ state: 'stale', draftRevision: 1, currentDraftRevision: 2 });

    // A new request for the edited draft, approved, publishes it.
    const second = await w.requestApproval(id, saved.draftRevision, '补充了退出原因');
    await w.post(`/approvals/${second.json().id}/approve`, w.approver);
    const published = await w.post(`/journeys/${id}/publish`, w.planner, {
      baseRevision: saved.draftRevision,
    });
    expect(published.json()).toMatchObject({ version: 1, approvalId: second.json().id });
  });

  it('keeps approvers from deciding a waiting request whose draft moved on, and a new request supersedes it', async () => {
    const { id } = await w.createJourney('待审批时又改');
    const first = await w.requestApproval(id, 1);
    await w.saveDraft(id, 1, 'edited while waiting');
    const queue = await w.get('/approvals', w.approver);
    const item = queue.json().items.find((i: { id: string }) => i.id === first.json().id);
    expect(item).toMatchObject({ state: 'stale', diff: null });
    expectProblem(await w.post(`/approvals/${first.json().id}/approve`, w.approver), 409, 'approval.stale');

    const second = await w.requestApproval(id, 2, 'second try');
    expect(second.statusCode).toBe(201);
    const all = await w.get(`/approvals?status=all&journeyId=${id}`, w.approver);
    expect(all.json().items.map((i: { state: string }) => i.state)).toEqual(['pending', 'superseded']);
    expect((await w.auditActions(id)).map((a) => a.action)).toContain('journey.approval-superseded');
  });
});

describe('the demo', () => {
  it('leaves a starter journey waiting for the demo approver, asked for by the planner', async () => {
    const me = (await w.get('/auth/me', w.planner)).json();
    await seedDemoContent(w.t.testDb.db, me.user.id);
    await seedDemoApproval(w.t.testDb.db, me.user.id, new Date());
    const queue = await w.get('/approvals', w.approver);
    const demo = queue
      .json()
      .items.find(
        (i: { requestedBy: string; note: string }) =>
          i.requestedBy === me.user.id && i.note.includes('首次上线'),
      );
    expect(demo).toMatchObject({ state: 'pending', liveVersion: null, diff: { unchanged: false } });
    const approved = await w.post(`/approvals/${demo.id}/approve`, w.approver, { comment: '同意' });
    expect(approved.json().state).toBe('approved');
    const published = await w.post(`/journeys/${demo.journeyId}/publish`, w.planner);
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
