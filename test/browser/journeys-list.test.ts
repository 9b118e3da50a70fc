import { salaryWaitGraph } from '@waymark/journey/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningProduct, startProduct } from './support/app-server.ts';
import { launchBrowser, newPage, screenshot, signIn } from './support/browser.ts';
import { poll } from './support/poll.ts';
import { ensureWebBuild } from './support/web-build.ts';

let product: RunningProduct;
let browser: Browser;

async function createJourney(name: string): Promise<string> {
  const answer = await product.adminRequest('POST', '/journeys', { name });
  if (answer.status !== 201) throw new Error(JSON.stringify(answer.json));
  return (answer.json as { id: string }).id;
}

/** What the engine records as customers go through: enrollments, and conversions for some. */
async function recordEntries(journeyId: string, statuses: string[], convertedCount: number) {
  for (const [index, status] of statuses.entries()) {
    const [row] = await product.testDb.db.query<{ id: number }>(
      `INSERT INTO enrollments (journey_id, version, customer_id, current_node, status)
       VALUES ($1, 1, $2, 'offer', $3) RETURNING id`,
      [journeyId, `C${index}`, status],
    );
    if (index < convertedCount) {
      await product.testDb.db.query(
        'INSERT INTO conversions (enrollment_id, journey_id, version, customer_id) VALUES ($1, $2, 1, $3)',
        [row?.id, journeyId, `C${index}`],
      );
    }
  }
}

const graph = salaryWaitGraph();

/** Calls the API as a new user with these roles (for setting up what the test is not about). */
async function apiAs(roles: Parameters<RunningProduct['addUser']>[0]) {
  const login = await product.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: await product.addUser(roles),
  });
  const cookie = login.cookies.find((c) => c.name === 'wm_session');
  if (!cookie) throw new Error(`sign-in failed: ${login.statusCode} ${login.body}`);
  return async (method: 'POST' | 'PUT', url: string, body: object = {}) => {
    const answer = await product.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie: `wm_session=${cookie.value}` },
      payload: body,
    });
    if (answer.statusCode >= 300) throw new Error(`${method} ${url}: ${answer.statusCode} ${answer.body}`);
    return answer.json() as { id: string };
  };
}

beforeAll(async () => {
  // Publishing waits for an approver, as in production: the list says where each approval stands.
  product = await startProduct(await ensureWebBuild(), { publishApproval: 'required' });
  browser = await launchBrowser();
  await createJourney('New customer onboarding');
  const running = await createJourney('Large deposit → wealth offer');
  // 8 entries: three still inside (running or waiting), four left, one failed; three converted.
  await recordEntries(
    running,
    ['active', 'waiting', 'waiting', 'completed', 'completed', 'completed', 'exited', 'failed'],
    3,
  );
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await product?.close();
});

describe('the journeys list', { timeout: 180_000 }, () => {
  it('shows entered, in journey, converted and conversion rate from the list itself', async () => {
    const page = await newPage(browser);
    await signIn(page, product.url, await product.addUser(['planner']));
    const statsCalls: string[] = [];
    page.on('request', (request) => {
      if (/\/api\/v1\/journeys\/[^/]+\/stats/.test(request.url())) statsCalls.push(request.url());
    });
    await page.goto(`${product.url}/journeys`);
    const cells = (name: string) =>
      page.locator('tbody tr', { hasText: name }).locator('td').allTextContents();
    await poll(() => page.locator('thead th').allTextContents()).toEqual([
      'Name',
      'Status',
      'Live version',
      'Entered',
      'In journey',
      'Converted',
      'Conversion rate',
      'Last change',
    ]);
    await poll(() => cells('Large deposit → wealth offer')).toEqual([
      'Large deposit → wealth offer',
      'Draft',
      '—',
      '8',
      '3',
      '3',
      '37.5%',
      expect.any(String),
    ]);
    // Nobody entered yet: zero counts and no rate.
    expect(await cells('New customer onboarding')).toEqual([
      'New customer onboarding',
      'Draft',
      '—',
      '0',
      '0',
      '0',
      '—',
      expect.any(String),
    ]);
    await screenshot(page, 'journeys-list-totals');
    expect(statsCalls).toEqual([]);
  });

  it('shows dashes to someone who may not read reports, and the list still works', async () => {
    const page = await newPage(browser);
    await signIn(page, product.url, await product.addUser(['relationship-manager']));
    await page.goto(`${product.url}/journeys`);
    await poll(() =>
      page.locator('tbody tr', { hasText: 'Large deposit → wealth offer' }).locator('td').allTextContents(),
    ).toEqual(['Large deposit → wealth offer', 'Draft', '—', '—', '—', '—', '—', expect.any(String)]);
  });

  it('shows where each journey’s approval stands beside its status', async () => {
    const planner = await apiAs(['planner']);
    const approver = await apiAs(['approver']);
    const journey = async (name: string) => (await planner('POST', '/journeys', { name, graph })).id;
    const requestApproval = async (id: string) =>
      (await planner('POST', `/journeys/${id}/approval-requests`, { baseRevision: 1, note: '上线' })).id;
    await journey('Birthday greeting');
    await requestApproval(await journey('Salary credit care'));
    const approved = await requestApproval(await journey('Card activation nudge'));
    await approver('POST', `/approvals/${approved}/approve`, { comment: 'Fine' });
    const rejected = await requestApproval(await journey('Mortgage prepayment offer'));
    await approver('POST', `/approvals/${rejected}/reject`, { comment: 'Wording needs compliance review' });
    // Approved, then edited: the approval no longer covers the draft.
    const edited = await journey('Pension transfer welcome');
    await approver('POST', `/approvals/${await requestApproval(edited)}/approve`);
    const editedGraph = structuredClone(graph);
    editedGraph.nodes[2]!.config = { reason: 'edited' };
    await planner('PUT', `/journeys/${edited}`, { baseRevision: 1, graph: editedGraph });

    const page = await newPage(browser);
    await signIn(page, product.url, await product.addUser(['planner']));
    await page.goto(`${product.url}/journeys`);
    const row = (name: string) => page.locator('tbody tr', { hasText: name });
    const badges = (name: string) => row(name).locator('td').nth(1).locator('.badge').allTextContents();
    await poll(() => badges('Salary credit care')).toEqual(['Draft', 'Waiting for approval']);
    expect(await badges('Card activation nudge')).toEqual(['Draft', 'Approved, ready to publish']);
    expect(await badges('Mortgage prepayment offer')).toEqual(['Draft', 'Rejected']);
    expect(await badges('Pension transfer welcome')).toEqual(['Draft', 'Out of date']);
    expect(await badges('Birthday greeting')).toEqual(['Draft']);
    // Who decided, on hovering the chip.
    const rejectedChip = row('Mortgage prepayment offer').getByText('Rejected', { exact: true });
    expect(await rejectedChip.getAttribute('title')).toMatch(/^Rejected by Test approver \d+ on /);
    expect(
      await row('Card activation nudge').getByText('Approved, ready to publish').getAttribute('title'),
    ).toMatch(/^Approved by Test approver \d+ on /);
    await screenshot(page, 'journeys-list-approval');

    // The same in Chinese.
    const zhPage = await newPage(browser, 'zh-CN');
    await signIn(zhPage, product.url, await product.addUser(['planner'], 'zh-CN'));
    await zhPage.goto(`${product.url}/journeys`);
    const zhBadges = (name: string) =>
      zhPage.locator('tbody tr', { hasText: name }).locator('td').nth(1).locator('.badge').allTextContents();
    await poll(() => zhBadges('Salary credit care')).toEqual(['草稿', '待审批']);
    expect(await zhBadges('Card activation nudge')).toEqual(['草稿', '已通过，可发布']);
    expect(await zhBadges('Mortgage prepayment offer')).toEqual(['草稿', '已驳回']);
    expect(await zhBadges('Pension transfer welcome')).toEqual(['草稿', '已失效']);
    await screenshot(zhPage, 'journeys-list-approval-zh');
    await zhPage.context().close();
    await page.context().close();
  });
});
