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
  product = await startProduct(await ensureWebBuild());
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await product?.close();
});

/** Drawn left to right, so "Tidy layout" has something to do. */
const graph = salaryWaitGraph('across');

describe('versions', { timeout: 180_000 }, () => {
  it('shows what changed against the live version before publishing, and restores an old version as the draft', async () => {
    const created = await product.adminRequest('POST', '/journeys', { name: 'Salary day', graph });
    const id = (created.json as { id: string }).id;
    const first = await product.adminRequest('POST', `/journeys/${id}/publish`, { note: 'first' });
    expect(first.status).toBe(201);

    const page = await newPage(browser);
    await signIn(page, product.url, await product.addUser(['planner']));
    await page.goto(`${product.url}/journeys/${id}`);
    await canvasNode(page, 'wait.duration').waitFor();

    // Tidy layout puts the steps under each other.
    await page.getByRole('button', { name: 'Tidy layout' }).click();
    await poll(async () => {
      const boxes = await Promise.all(
        ['trigger.event', 'wait.duration', 'exit'].map((type) => canvasNode(page, type).boundingBox()),
      );
      return boxes.every((box, i) => i === 0 || (box && boxes[i - 1] && box.y > (boxes[i - 1]?.y ?? 0)));
    }).toBe(true);

    // Change the wait to 3 days; the publish dialog lists that change against live version 1.
    await canvasNode(page, 'wait.duration').click();
    await page.locator('aside.inspector').getByLabel('Wait', { exact: true }).fill('3');
    await poll(() => page.locator('[data-testid="save-state"]').getAttribute('data-state'), {
      timeout: 10_000,
    }).toBe('saved');
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    const diff = page.locator('[data-testid="publish-diff"]');
    await poll(() => diff.textContent()).toContain('Changed');
    expect(await diff.textContent()).toContain('Wait 3 days');
    expect(await diff.locator('li').count()).toBe(1);
    await screenshot(page, 'publish-diff');
    await page.getByLabel('Note for the version history').fill('three days is kinder');
    await page.getByRole('button', { name: 'Publish now' }).click();
    await poll(() => page.locator('[data-testid="journey-status"]').textContent()).toContain('v2');

    // Version 1 back into the draft: the canvas shows it, one Ctrl+Z away from undoing.
    await page.getByRole('button', { name: 'Versions' }).click();
    const versions = page.locator('.version-list li');
    await poll(() => versions.count()).toBe(2);
    expect(await versions.first().textContent()).toContain('three days is kinder');
    await screenshot(page, 'versions');
    await versions.filter({ hasText: 'Version 1' }).getByRole('button', { name: 'Restore as draft' }).click();
    await poll(() => canvasNode(page, 'wait.duration').textContent()).toContain('Wait 2 days');
    await poll(() => page.locator('[data-testid="save-state"]').getAttribute('data-state'), {
      timeout: 10_000,
    }).toBe('saved');
    const draft = (await product.adminRequest('GET', `/journeys/${id}`)).json as {
      draft: { nodes: { id: string; config: unknown }[] };
      liveVersion: number;
    };
    expect(draft.draft.nodes.find((node) => node.id === 'pause')?.config).toEqual({
      amount: 2,
      unit: 'days',
    });
    expect(draft.liveVersion).toBe(2);

    // Pause and resume from the editor.
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await poll(() => page.locator('[data-testid="journey-status"]').textContent()).toContain('Paused');
    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await poll(() => page.locator('[data-testid="journey-status"]').textContent()).toContain('Live · v2');
    const resumed = (await product.adminRequest('GET', `/journeys/${id}`)).json as { status: string };
    expect(resumed.status).toBe('live');
  });
});
