import { rmFollowUpGraph } from '@waymark/journey/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningProduct, startProduct } from './support/app-server.ts';
import { launchBrowser, newPage, screenshot, signIn } from './support/browser.ts';
import { poll } from './support/poll.ts';
import { ensureWebBuild } from './support/web-build.ts';

// A relationship manager opens 我的任务 / My tasks, reads the talking points and records outcomes.
// No engine runs here (test/engine/rm-tasks.test.ts covers the loop): the customers are parked
// at the journey's rm.task node as the engine parks them.
const hour = 3_600_000;
let product: RunningProduct;
let browser: Browser;
let rm: { username: string; password: string };

const followUpGraph = rmFollowUpGraph(
  '{{customer.name}}您好，我是您的客户经理。您账户刚到账 {{currency event.amount}}，目前余额 {{currency attributes.balance}}，可以了解一下我们 3 个月期的稳健理财。',
);

async function ok(method: string, url: string, body?: unknown): Promise<{ id?: string }> {
  const answer = await product.adminRequest(method, url, body);
  if (answer.status >= 300)
    throw new Error(`${method} ${url}: ${answer.status} ${JSON.stringify(answer.json)}`);
  return answer.json as { id?: string };
}

/** Parks a customer at the task as the engine does: entered `hoursAgo`, due 48 hours after that. */
async function parkAtTask(journeyId: string, customerId: string, hoursAgo: number): Promise<void> {
  const entered = new Date(Date.now() - hoursAgo * hour);
  const db = product.testDb.db;
  await db.query(
    `INSERT INTO events (event_id, customer_id, name, properties, occurred_at, processed_at)
     VALUES ($1, $2, 'large_deposit', '{"amount": 200000}', $3, $3)`,
    [`deposit-${customerId}`, customerId, entered],
  );
  await db.query(
    `INSERT INTO enrollments (journey_id, version, customer_id, current_node, status, wake_at, waiting_event,
                              trigger_event_id, entered_at)
     VALUES ($1, 1, $2, 'call', 'waiting', $3, 'rm.task.outcome', $4, $5)`,
    [journeyId, customerId, new Date(entered.getTime() + 48 * hour), `deposit-${customerId}`, entered],
  );
}

beforeAll(async () => {
  product = await startProduct(await ensureWebBuild());
  rm = await product.addUser(['relationship-manager']);
  const [row] = await product.testDb.db.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [
    rm.username,
  ]);
  const rmUserId = row?.id;
  await ok('POST', '/customers/batch', {
    customers: [
      {
        id: 'C000101',
        name: '张伟',
        phone: '13812345678',
        attributes: { balance: 85000 },
        rmUserId,
        branch: '上海分行',
      },
      {
        id: 'C000102',
        name: '李娜',
        phone: '13900001111',
        attributes: { balance: 23000 },
        rmUserId,
        branch: '上海分行',
      },
      {
        id: 'C000103',
        name: '王芳',
        phone: '13700002222',
        attributes: { balance: 61000 },
        rmUserId,
        branch: '上海分行',
      },
      {
        id: 'C000104',
        name: '赵敏',
        phone: '13600003333',
        attributes: { balance: 9000 },
        branch: '北京分行',
      },
    ],
  });
  const journey = await ok('POST', '/journeys', { name: '大额到账 · 客户经理回访', graph: followUpGraph });
  await ok('POST', `/journeys/${journey.id}/publish`, {});
  const journeyId = journey.id as string;
  await parkAtTask(journeyId, 'C000101', 10); // due in 38 h
  await parkAtTask(journeyId, 'C000102', 43); // due in 5 h: due soon
  await parkAtTask(journeyId, 'C000103', 49); // deadline passed, not yet swept: expired
  await parkAtTask(journeyId, 'C000104', 1); // another manager's customer
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await product?.close();
});

const card = (page: Page, customerId: string) => page.locator('li.rm-task', { hasText: customerId });

describe('my tasks', { timeout: 180_000 }, () => {
  it('shows the manager their tasks and takes a task off the list once its outcome is recorded', async () => {
    const page = await newPage(browser, 'en-US');
    await signIn(page, product.url, rm);
    await page.locator('.topnav').getByRole('link', { name: 'My tasks' }).click();
    await page.locator('li.rm-task').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/tasks');
    expect(await page.locator('.topnav a[aria-current="page"]').textContent()).toBe('My tasks');

    // Soonest deadline first; another manager's customer is not there.
    const customers = await page.locator('li.rm-task .mono.muted').allTextContents();
    expect(customers).toEqual(['C000103', 'C000102', 'C000101']);
    const first = card(page, 'C000101');
    expect(await first.textContent()).toContain(
      '张伟您好，我是您的客户经理。您账户刚到账 200,000.00元，目前余额 85,000.00元',
    );
    expect(await first.locator('a.rm-phone').getAttribute('href')).toBe('tel:13812345678');
    expect(await card(page, 'C000102').locator('.rm-badge-soon').textContent()).toBe('Due soon');
    const expired = card(page, 'C000103');
    expect(await expired.locator('.rm-badge-overdue').textContent()).toBe('Expired');
    expect(await expired.getByRole('button').count()).toBe(0);
    await page.screenshot({ path: '/tmp/rm-tasks.png' });
    await screenshot(page, 'rm-tasks-en');

    await first.getByLabel('Note').fill('Will come to the branch on Friday to sign.');
    await first.getByRole('button', { name: 'Converted' }).click();
    await poll(() => card(page, 'C000101').count()).toBe(0);
    expect(await page.locator('.banner-success').textContent()).toContain('张伟: “Converted” recorded');
    await page.screenshot({ path: '/tmp/rm-tasks-after-converted.png' });
    const [event] = await product.testDb.db.query<{ properties: Record<string, unknown> }>(
      `SELECT properties FROM events WHERE name = 'rm.task.outcome' AND customer_id = 'C000101'`,
    );
    expect(event?.properties).toMatchObject({
      outcome: 'converted',
      nodeId: 'call',
      note: 'Will come to the branch on Friday to sign.',
    });

    // A reload does not bring it back; the recorded tab has it.
    await page.reload();
    await page.locator('li.rm-task').first().waitFor();
    expect(await card(page, 'C000101').count()).toBe(0);
    await page.getByRole('tab', { name: /Recorded/ }).click();
    const recorded = page.locator('table.rm-recorded tbody tr');
    await poll(() => recorded.count()).toBe(1);
    expect(await recorded.first().textContent()).toContain('Will come to the branch on Friday to sign.');
    await screenshot(page, 'rm-tasks-recorded-en');
  });

  it('works in Chinese', async () => {
    const page = await newPage(browser, 'en-US');
    await signIn(page, product.url, rm);
    // The start page of a relationship manager is their task list.
    await page.goto(`${product.url}/`);
    await page.locator('li.rm-task').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/tasks');
    await page.getByLabel('Language').first().selectOption('zh-CN');
    await poll(() => page.locator('h1').textContent()).toBe('我的任务');
    const soon = card(page, 'C000102');
    expect(await soon.locator('.rm-badge-soon').textContent()).toBe('即将到期');
    expect(await card(page, 'C000103').textContent()).toContain('已超时');
    await page.screenshot({ path: '/tmp/rm-tasks-zh-CN.png' });
    await screenshot(page, 'rm-tasks-zh-CN');
    await soon.getByRole('button', { name: '无意向' }).click();
    await poll(() => card(page, 'C000102').count()).toBe(0);
    expect(await page.locator('.banner-success').textContent()).toContain('李娜：已记录“无意向”');
  });

  it('shows no task entry to a planner', async () => {
    const planner = await product.addUser(['planner']);
    const page = await newPage(browser, 'en-US');
    await signIn(page, product.url, planner);
    expect(await page.locator('.topnav').textContent()).not.toContain('My tasks');
  });
});
