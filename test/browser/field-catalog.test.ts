import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningProduct, startProduct } from './support/app-server.ts';
import { launchBrowser, newPage, screenshot, signIn } from './support/browser.ts';
import { canvasNode } from './support/canvas.ts';
import { poll } from './support/poll.ts';
import { ensureWebBuild } from './support/web-build.ts';

let product: RunningProduct;
let browser: Browser;
let journeyId: string;
let balanceJourneyId: string;

async function ok(method: string, url: string, body: unknown): Promise<unknown> {
  const answer = await product.adminRequest(method, url, body);
  if (answer.status >= 300)
    throw new Error(`${method} ${url}: ${answer.status} ${JSON.stringify(answer.json)}`);
  return answer.json;
}

beforeAll(async () => {
  product = await startProduct(await ensureWebBuild());
  browser = await launchBrowser();
  // A bank whose data is not the demo data set: its own attribute names, tags and events, and one
  // attribute Waymark knows (balance).
  const segments = ['mass', 'affluent', 'private'];
  await ok('POST', '/customers/batch', {
    customers: Array.from({ length: 60 }, (_, i) => ({
      id: `K${i}`,
      attributes: { assets: i * 1000, segment: segments[i % 3], balance: i * 10 },
      tags: i % 2 === 0 ? ['payroll'] : [],
    })),
  });
  await ok('POST', '/events', {
    events: Array.from({ length: 20 }, (_, i) => ({
      eventId: `login-${i}`,
      customerId: `K${i}`,
      name: 'mobile_login',
      properties: { os: i % 2 === 0 ? 'ios' : 'android' },
      occurredAt: new Date().toISOString(),
    })),
  });
  const journey = (await ok('POST', '/journeys', { name: 'Catalog check' })) as { id: string };
  journeyId = journey.id;
  const filtered = (await ok('POST', '/journeys', {
    name: '余额筛选',
    graph: {
      nodes: [
        {
          id: 'rich',
          type: 'filter',
          position: { x: 0, y: 0 },
          config: {
            condition: {
              type: 'all',
              conditions: [
                { type: 'attribute', field: 'balance', valueType: 'number', op: 'gt', value: 100 },
              ],
            },
          },
        },
      ],
      edges: [],
    },
  })) as { id: string };
  balanceJourneyId = filtered.id;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await product?.close();
});

describe('the condition builder offers what the data holds', { timeout: 180_000 }, () => {
  it('lists the stored attributes (known ones with their labels), their values, tags and events', async () => {
    const page = await newPage(browser);
    await signIn(page, product.url, await product.addUser(['planner']));
    await page.goto(`${product.url}/journeys/${journeyId}`);
    const panel = page.locator('aside.inspector');

    // A filter: its fields are this bank's attributes, not the demo data set's.
    await page.locator('.palette-item[data-node-type="filter"]').click();
    await canvasNode(page, 'filter').click();
    await panel.getByRole('button', { name: '+ Add rule' }).click();
    const rule = panel.locator('[data-testid="condition-rule"]').first();
    const fieldOptions = () => rule.getByLabel('Field').locator('option').allTextContents();
    await poll(fieldOptions).toEqual(['Balance', 'assets', 'segment', 'Other attribute…']);
    // A text attribute with a few values offers them in a list.
    await rule.getByLabel('Field').selectOption({ label: 'segment' });
    await poll(() => rule.getByLabel('Value').locator('option').allTextContents()).toEqual(
      expect.arrayContaining(['affluent', 'mass', 'private']),
    );
    await screenshot(page, 'catalog-filter-fields');

    // Tags are the stored ones.
    await rule.getByLabel('Based on').selectOption({ label: 'Tag' });
    await poll(() =>
      panel
        .locator('#known-tags option')
        .evaluateAll((options) => options.map((o) => o.getAttribute('value'))),
    ).toEqual(['payroll']);

    // An event trigger suggests the stored events, and its condition offers that event's properties.
    await page.locator('.palette-item[data-node-type="trigger.event"]').click();
    await canvasNode(page, 'trigger.event').click();
    await poll(() =>
      panel
        .locator('#known-events option')
        .evaluateAll((options) => options.map((o) => o.getAttribute('value'))),
    ).toEqual(['mobile_login']);
    await panel.getByLabel('Event', { exact: true }).fill('mobile_login');
    await panel.getByRole('button', { name: '+ Add rule' }).click();
    const eventRule = panel.locator('[data-testid="condition-rule"]').first();
    await poll(() => eventRule.getByLabel('Field').locator('option').allTextContents()).toEqual([
      'os',
      'Other attribute…',
    ]);
    await screenshot(page, 'catalog-trigger-properties');
  });

  it('keeps the built-in Chinese label of a known attribute', async () => {
    const page = await newPage(browser, 'zh-CN');
    await signIn(page, product.url, await product.addUser(['planner'], 'zh-CN'));
    await page.goto(`${product.url}/journeys/${balanceJourneyId}`);
    await canvasNode(page, 'filter').click();
    const field = page.locator('aside.inspector [data-testid="condition-rule"]').first().getByLabel('字段');
    await poll(() => field.locator('option').allTextContents()).toEqual([
      '账户余额',
      'assets',
      'segment',
      '其他属性…',
    ]);
    expect(await field.inputValue()).toBe('balance');
    await screenshot(page, 'catalog-filter-zh');
  });
});
