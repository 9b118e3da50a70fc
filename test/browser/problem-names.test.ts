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

const at = (x: number, y: number) => ({ x, y });
/** A send whose connector and template were deleted since. */
const sendVia = (channel: string) => ({
  channel,
  connectorId: `${channel}-gone`,
  content: { kind: 'template', templateId: `${channel}-template-gone` },
});

beforeAll(async () => {
  product = await startProduct(await ensureWebBuild());
  browser = await launchBrowser();
  // Ids as a planner never sees them: the messages must not need them.
  const answer = await product.adminRequest('POST', '/journeys', {
    name: 'Problems in words',
    graph: {
      nodes: [
        { id: 'n_trg7x', type: 'trigger.event', config: { event: '' }, position: at(0, 0) },
        {
          id: 'n_flt3q',
          type: 'filter',
          config: {
            condition: { type: 'attribute', field: 'balance', valueType: 'number', op: 'gt', value: 50000 },
          },
          position: at(0, 150),
        },
        { id: 'n_snd1a', type: 'send', config: sendVia('sms'), position: at(-150, 300) },
        { id: 'n_snd2b', type: 'send', config: sendVia('wecom'), position: at(150, 300) },
      ],
      edges: [{ id: 'e1', source: 'n_trg7x', sourceHandle: 'out', target: 'n_flt3q' }],
      settings: {},
    },
  });
  if (answer.status !== 201) throw new Error(JSON.stringify(answer.json));
  journeyId = (answer.json as { id: string }).id;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await product?.close();
});

describe('problems name the steps the planner sees', { timeout: 180_000 }, () => {
  it('in the list and on the steps, by label (and summary when labels repeat), never by a bare id', async () => {
    const page = await newPage(browser);
    await signIn(page, product.url, await product.addUser(['planner']));
    await page.goto(`${product.url}/journeys/${journeyId}`);
    const list = page.locator('[data-testid="problems-list"] li');
    await poll(() => list.count()).toBeGreaterThan(0);
    const texts = await list.allTextContents();
    // One problem for the empty event name, in the trigger's own words.
    expect(texts.filter((text) => text.includes('Event trigger'))).toEqual([
      'In Event trigger, event must not be empty.',
    ]);
    // A step alone of its kind is named by its label; two alike are told apart by their summary.
    expect(texts).toContain('The “Yes” exit of Filter is not connected: connect it to the next step.');
    expect(texts).toContain(
      'The “Sent” exit of Send message “SMS · template” is not connected: connect it to the next step.',
    );
    expect(texts).toContain(
      'The “Sent” exit of Send message “WeCom · template” is not connected: connect it to the next step.',
    );
    for (const id of ['n_trg7x', 'n_flt3q', 'n_snd1a', 'n_snd2b']) expect(texts.join('\n')).not.toContain(id);

    // The badge on a step says the same.
    const badge = await canvasNode(page, 'filter').locator('.jn').getAttribute('title');
    expect(badge).toBe('The “Yes” exit of Filter is not connected: connect it to the next step.');
    await screenshot(page, 'problems-named');

    // Clicking a message still takes the planner to its step.
    await page.getByRole('button', { name: 'In Event trigger, event must not be empty.' }).click();
    await poll(() => page.locator('[data-testid="node-inspector"]').getAttribute('data-node-type')).toBe(
      'trigger.event',
    );
  });

  it('in Chinese too', async () => {
    const page = await newPage(browser, 'zh-CN');
    await signIn(page, product.url, await product.addUser(['planner'], 'zh-CN'));
    await page.goto(`${product.url}/journeys/${journeyId}`);
    const list = page.locator('[data-testid="problems-list"] li');
    await poll(() => list.allTextContents()).toContain('事件触发中，event 不能为空。');
    expect((await list.allTextContents()).join('\n')).not.toContain('n_flt3q');
  });
});
