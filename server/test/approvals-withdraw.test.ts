import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApprovalWorld, createApprovalWorld } from './support/approval-world.ts';
import { expectProblem } from './support/problem.ts';

// Maker–checker (审批): the planner takes back (撤回) a request nobody decided yet.
let w: ApprovalWorld;

beforeAll(async () => {
  w = await createApprovalWorld();
});
afterAll(() => w.close());

describe('withdrawing (撤回)', () => {
  const withdraw = (approvalId: string, as = w.planner) => w.post(`/approvals/${approvalId}/withdraw`, as);

  it('takes the requester’s waiting request out of the queue and the count, audited, and lets them ask again', async () => {
    const { id } = await w.createJourney('撤回后重新提交');
    const waitingBefore = (await w.get('/approvals/count', w.approver)).json().waiting as number;
    const requested = await w.requestApproval(id, 1);
    const approvalId = requested.json().id as string;
    expect((await w.get('/approvals/count', w.approver)).json().waiting).toBe(waitingBefore + 1);

    const withdrawn = await withdraw(approvalId);
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({
      id: approvalId,
      status: 'withdrawn',
      state: 'withdrawn',
      decidedByName: expect.stringContaining('planner'),
      decidedAt: expect.any(String),
    });
    const queue = await w.get('/approvals', w.approver);
    expect(queue.json().items.map((i: { id: string }) => i.id)).not.toContain(approvalId);
    expect((await w.get('/approvals/count', w.approver)).json().waiting).toBe(waitingBefore);
    // Approvers still see it, as withdrawn, among the decided ones.
    const decided = await w.get('/approvals?status=decided', w.approver);
    expect(decided.json().items.find((i: { id: string }) => i.id === approvalId)).toMatchObject({
      state: 'withdrawn',
    });
    expect((await w.get(`/journeys/${id}/approval`, w.planner)).json().request).toMatchObject({
      id: approvalId,
      state: 'withdrawn',
    });
    const audit = await w.auditActions(id);
    expect(audit.map((a) => a.action)).toEqual([
      'journey.created',
      'journey.approval-requested',
      'journey.approval-withdrawn',
    ]);
    expect(audit[2]?.details).toMatchObject({ approvalId, draftRevision: 1 });
    expect(audit[2]?.actor).toBe(audit[1]?.actor);

    // Nothing is asked any more: publishing needs a request, and nobody can decide the old one.
    expectProblem(await w.post(`/journeys/${id}/publish`, w.planner), 409, 'approval.required');
    expectProblem(await w.post(`/approvals/${approvalId}/approve`, w.approver), 409, 'approval.withdrawn');
    expectProblem(await withdraw(approvalId), 409, 'approval.withdrawn');

    const again = await w.requestApproval(id, 1, 'second try');
    expect(again.statusCode).toBe(201);
    expect((await w.post(`/approvals/${again.json().id}/approve`, w.approver)).statusCode).toBe(200);
    expect((await w.post(`/journeys/${id}/publish`, w.planner)).json()).toMatchObject({
      version: 1,
      approvalId: again.json().id,
    });
  });

  it('is refused for someone else’s request, except to an administrator', async () => {
    const { id } = await w.createJourney('别人的申请');
    const requested = await w.requestApproval(id, 1);
    const approvalId = requested.json().id as string;
    const otherPlanner = await w.t.signIn('planner', 'analyst');
    const refused = expectProblem(await withdraw(approvalId, otherPlanner), 403, 'approval.not-requester');
    expect(refused.title).toContain('administrator');
    // Approvers reject instead; they may not withdraw on the planner's behalf.
    expectProblem(await withdraw(approvalId, w.approver), 403, 'auth.forbidden');
    expect((await w.get(`/journeys/${id}/approval`, w.planner)).json().request.state).toBe('pending');

    const byAdmin = await withdraw(approvalId, w.admin);
    expect(byAdmin.statusCode).toBe(200);
    expect(byAdmin.json()).toMatchObject({
      state: 'withdrawn',
      decidedByName: expect.stringContaining('admin'),
    });
  });

  it('is refused once the request was decided, and for unknown requests', async () => {
    const { id } = await w.createJourney('已审批不能撤回');
    const requested = await w.requestApproval(id, 1);
    const approvalId = requested.json().id as string;
    await w.post(`/approvals/${approvalId}/reject`, w.approver, { comment: '缺少退订提示' });
    const refused = expectProblem(await withdraw(approvalId), 409, 'approval.already-decided');
    expect(refused).toMatchObject({ approvalStatus: 'rejected' });
    expect((await w.get(`/journeys/${id}/approval`, w.planner)).json().request.state).toBe('rejected');

    expectProblem(await withdraw('00000000-0000-4000-8000-000000000000'), 404, 'approval.not-found');
    expectProblem(await withdraw('nope'), 404, 'approval.not-found');
  });

  it('after a rejection, a withdrawn second request leaves publishing asking for approval', async () => {
    const { id } = await w.createJourney('驳回后撤回');
    const first = await w.requestApproval(id, 1);
    await w.post(`/approvals/${first.json().id}/reject`, w.approver, { comment: 'no' });
    const second = await w.requestApproval(id, 1, 'asked again too soon');
    expect((await withdraw(second.json().id)).statusCode).toBe(200);
    expectProblem(await w.post(`/journeys/${id}/publish`, w.planner), 409, 'approval.required');
  });

  it('lets exactly one of a withdrawal and an approval at the same moment win', async () => {
    const { id } = await w.createJourney('撤回与审批同时');
    const requested = await w.requestApproval(id, 1);
    const approvalId = requested.json().id as string;
    const [withdrawal, approval] = await Promise.all([
      withdraw(approvalId),
      w.post(`/approvals/${approvalId}/approve`, w.approver),
    ]);
    expect([withdrawal.statusCode, approval.statusCode].sort()).toEqual([200, 409]);
    const closing = (await w.auditActions(id)).filter((a) =>
      ['journey.approved', 'journey.approval-withdrawn'].includes(a.action),
    );
    expect(closing).toHaveLength(1);
  });
});
