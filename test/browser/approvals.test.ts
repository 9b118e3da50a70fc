import { salaryWaitGraph } from '@waymark/journey/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningProduct, startProduct } from './support/app-server.ts';
import { launchBrowser, newPage, screenshot, signIn } from './support/browser.ts';
import { canvasNode } from './support/canvas.ts';
import { poll } from './support/poll.ts';
import { ensureWebBuild } from './support/web-build.ts';

let product: RunningProduct;
let browser: Browser;

beforeAll(async () => {
  product = await startProduct(await ensureWebBuild(), { publishApproval: 'required' });
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await product?.close();
});

const graph = salaryWaitGraph();

/** A new planner signs in, opens the journey's canvas and clicks Publish: the page and its dialog. */
async function plannerOpensPublish(journeyId: string) {
  const planner = await newPage(browser);
  await signIn(planner, product.url, await product.addUser(['planner']));
  await planner.goto(`${product.url}/journeys/${journeyId}`);
  await canvasNode(planner, 'wait.duration').waitFor();
  await planner.getByRole('button', { name: 'Publish', exact: true }).click();
  return { planner, dialog: planner.getByRole('dialog') };
}

describe('maker–checker approval (审批)', { timeout: 180_000 }, () => {
  it('a planner requests approval, an approver approves in 待审批, then the planner publishes', async () => {
    const created = await product.adminRequest('POST', '/journeys', { name: '代发工资客户关怀', graph });
    const id = (created.json as { id: string }).id;

    // The planner: Publish asks for approval first, with a note for the approver.
    const { planner, dialog } = await plannerOpensPublish(id);
    await poll(() => dialog.textContent()).toContain("Publishing needs an approver's sign-off first");
    expect(await dialog.getByRole('button', { name: 'Publish now' }).count()).toBe(0);
    await dialog.getByLabel('Note for the approver').fill('首次上线：工资到账两天后关怀');
    await dialog.getByRole('button', { name: 'Request approval' }).click();
    const state = dialog.locator('[data-testid="approval-state"]');
    await poll(() => state.textContent()).toContain('Waiting for approval');
    expect(await dialog.getByRole('button', { name: 'Request approval' }).isDisabled()).toBe(true);
    await screenshot(planner, 'approval-requested');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await poll(() => planner.locator('[data-testid="approval-chip"]').textContent()).toBe(
      'Approval: Waiting',
    );
    await planner.getByRole('button', { name: 'Publish', exact: true }).click();

    // The approver, in Chinese: the queue shows the note and what would go live; approve with a comment.
    const approver = await newPage(browser, 'zh-CN');
    await signIn(approver, product.url, await product.addUser(['approver'], 'zh-CN'));
    // The navigation counts the requests waiting for a decision.
    const waiting = approver.locator('[data-testid="pending-approvals"]');
    await poll(() => waiting.textContent()).toBe('1');
    await approver.getByRole('link', { name: /^待审批/ }).click();
    const card = approver.locator('.approval-card', { hasText: '代发工资客户关怀' });
    await poll(() => card.textContent()).toContain('首次上线：工资到账两天后关怀');
    expect(await card.textContent()).toContain('首次发布');
    const diff = card.locator('[data-testid="publish-diff"]');
    await poll(() => diff.locator('li.diff-added').count()).toBe(3);
    expect(await diff.textContent()).toContain('新增');
    await screenshot(approver, 'approvals-queue-zh');
    // The journey link opens the canvas to look at, never to change.
    await card.getByRole('link', { name: '代发工资客户关怀' }).click();
    await canvasNode(approver, 'wait.duration').waitFor();
    await poll(() => approver.locator('.editor-banners').textContent()).toContain(
      '您的角色只能查看此旅程，不能修改。',
    );
    await approver.goBack();
    await card.getByLabel('审批意见').fill('话术合规，同意上线');
    await card.getByRole('button', { name: '通过' }).click();
    await poll(() => approver.locator('.banner').first().textContent()).toContain(
      '已通过“代发工资客户关怀”，策划现在可以发布。',
    );
    await poll(() => approver.locator('.empty-state').textContent()).toContain('暂无待审批的申请。');
    await poll(() => waiting.count()).toBe(0);
    await approver.getByRole('tab', { name: '已处理' }).click();
    await poll(() => approver.locator('.approval-card').first().textContent()).toContain(
      '话术合规，同意上线',
    );
    await screenshot(approver, 'approvals-decided-zh');

    // A planner working in Chinese reads the same state in the publish dialog.
    const zhPlanner = await newPage(browser, 'zh-CN');
    await signIn(zhPlanner, product.url, await product.addUser(['planner'], 'zh-CN'));
    await zhPlanner.goto(`${product.url}/journeys/${id}`);
    await canvasNode(zhPlanner, 'wait.duration').waitFor();
    await zhPlanner.getByRole('button', { name: '发布', exact: true }).click();
    const zhState = zhPlanner.getByRole('dialog').locator('[data-testid="approval-state"]');
    await poll(() => zhState.textContent()).toContain('审批通过，现在可以发布此草稿（仅限一次）');
    expect(await zhState.textContent()).toContain('审批意见：话术合规，同意上线');
    await screenshot(zhPlanner, 'approval-approved-zh');
    await zhPlanner.context().close();

    // The planner: the request is approved, Publish is enabled, and the version is published once.
    await dialog.getByRole('button', { name: 'Check again' }).click();
    await poll(() => state.textContent()).toContain('Approved by');
    expect(await state.textContent()).toContain('话术合规，同意上线');
    await screenshot(planner, 'approval-approved');
    await dialog.getByRole('button', { name: 'Publish now' }).click();
    await poll(() => planner.locator('[data-testid="journey-status"]').textContent()).toContain('v1');
    await planner.getByRole('button', { name: 'Versions' }).click();
    const v1 = planner.locator('.version-list li').first();
    await poll(() => v1.textContent()).toContain('Approved by Test approver');
    expect(await v1.textContent()).toContain('首次上线：工资到账两天后关怀');

    const approval = (await product.adminRequest('GET', `/journeys/${id}/approval`)).json as {
      request: { state: string; publishedVersion: number; decidedByName: string };
    };
    expect(approval.request).toMatchObject({ state: 'published', publishedVersion: 1 });
    const version = (await product.adminRequest('GET', `/journeys/${id}/versions/1`)).json as {
      note: string;
    };
    expect(version.note).toBe('首次上线：工资到账两天后关怀');
  });

  it('tells the planner when the approver rejected, and when edits made an approval stale', async () => {
    const created = await product.adminRequest('POST', '/journeys', { name: 'Card reminder', graph });
    const id = (created.json as { id: string }).id;
    const requested = await product.adminRequest('POST', `/journeys/${id}/approval-requests`, {
      baseRevision: 1,
      note: 'please check',
    });
    const approvalId = (requested.json as { id: string }).id;
    const approverPage = await newPage(browser);
    await signIn(approverPage, product.url, await product.addUser(['approver']));
    await approverPage.getByRole('link', { name: /^Approvals/ }).click();
    const card = approverPage.locator('.approval-card', { hasText: 'Card reminder' });
    await card.getByRole('button', { name: 'Reject' }).click();
    await poll(() => card.locator('.field-error').textContent()).toContain('Say why you reject it');
    await card.getByLabel('Your comment').fill('Two days is too long; use one day');
    await card.getByRole('button', { name: 'Reject' }).click();
    await poll(() => approverPage.locator('.banner').first().textContent()).toContain('is rejected');

    const { planner, dialog } = await plannerOpensPublish(id);
    const state = dialog.locator('[data-testid="approval-state"]');
    await poll(() => state.textContent()).toContain('Two days is too long; use one day');
    expect(await state.textContent()).toContain('Rejected by');
    expect(await dialog.getByRole('button', { name: 'Request approval again' }).isEnabled()).toBe(true);
    await screenshot(planner, 'approval-rejected');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Approved, then edited: the dialog says the approval no longer covers the draft.
    const second = await product.adminRequest('POST', `/journeys/${id}/approval-requests`, {
      baseRevision: 1,
      note: 'second try',
    });
    expect(second.status).toBe(201);
    const otherApprover = await product.addUser(['approver']);
    const approverLogin = await product.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: otherApprover,
    });
    const cookie = approverLogin.cookies.find((c) => c.name === 'wm_session');
    const decided = await product.app.inject({
      method: 'POST',
      url: `/api/v1/approvals/${(second.json as { id: string }).id}/approve`,
      headers: { cookie: `wm_session=${cookie?.value}` },
      payload: {},
    });
    expect(decided.statusCode).toBe(200);
    expect(approvalId).not.toBe((second.json as { id: string }).id);

    await canvasNode(planner, 'wait.duration').click();
    await planner.locator('aside.inspector').getByLabel('Wait', { exact: true }).fill('1');
    await poll(() => planner.locator('[data-testid="save-state"]').getAttribute('data-state'), {
      timeout: 10_000,
    }).toBe('saved');
    await planner.getByRole('button', { name: 'Publish', exact: true }).click();
    await poll(() => state.textContent()).toContain('was edited after approval was requested');
    expect(await planner.locator('[data-testid="approval-chip"]').textContent()).toBe(
      'Approval: Out of date',
    );
    expect(await dialog.getByRole('button', { name: 'Publish now' }).count()).toBe(0);
    await screenshot(planner, 'approval-stale');
  });

  it('a planner withdraws a waiting request (撤回申请), and can request approval again', async () => {
    const created = await product.adminRequest('POST', '/journeys', { name: 'Savings nudge', graph });
    const id = (created.json as { id: string }).id;
    const { planner, dialog } = await plannerOpensPublish(id);
    await dialog.getByLabel('Note for the approver').fill('asked too early');
    await dialog.getByRole('button', { name: 'Request approval' }).click();
    const state = dialog.locator('[data-testid="approval-state"]');
    await poll(() => state.textContent()).toContain('Waiting for approval');

    // Withdrawing asks first; keeping it leaves the request waiting.
    await dialog.getByRole('button', { name: 'Withdraw request' }).click();
    await poll(() => dialog.textContent()).toContain('Withdraw this request?');
    await dialog.getByRole('button', { name: 'Keep it waiting' }).click();
    expect(await dialog.getByRole('button', { name: 'Yes, withdraw' }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Withdraw request' }).click();
    await screenshot(planner, 'approval-withdraw-confirm');
    await dialog.getByRole('button', { name: 'Yes, withdraw' }).click();
    await poll(() => state.textContent()).toContain('Request withdrawn by');
    expect(await state.textContent()).toContain('No request is waiting');
    expect(await dialog.getByRole('button', { name: 'Withdraw request' }).count()).toBe(0);
    const again = dialog.getByRole('button', { name: 'Request approval again' });
    expect(await again.isEnabled()).toBe(true);
    await screenshot(planner, 'approval-withdrawn');

    // The approver, in Chinese: nothing waits, and the decided list says it was withdrawn.
    const approver = await newPage(browser, 'zh-CN');
    await signIn(approver, product.url, await product.addUser(['approver'], 'zh-CN'));
    await approver.getByRole('link', { name: /^待审批/ }).click();
    await poll(() => approver.locator('.empty-state').textContent()).toContain('暂无待审批的申请。');
    await approver.getByRole('tab', { name: '已处理' }).click();
    const card = approver.locator('.approval-card', { hasText: 'Savings nudge' });
    await poll(() => card.locator('.approval-state').textContent()).toBe('已撤回');
    expect(await card.locator('.approval-decision').textContent()).toContain('已撤回');
    await screenshot(approver, 'approvals-withdrawn-zh');

    // The planner asks again, and the request waits once more.
    await again.click();
    await poll(() => state.textContent()).toContain('Waiting for approval');
    const approval = (await product.adminRequest('GET', `/journeys/${id}/approval`)).json as {
      request: { state: string; note: string };
    };
    expect(approval.request).toMatchObject({ state: 'pending', note: 'asked too early' });
  });
});
