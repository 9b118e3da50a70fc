import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningProduct, startProduct } from './support/app-server.ts';
import { launchBrowser, newPage, screenshot, signIn } from './support/browser.ts';
import { canvasNode, connectWithMouse, dragConnectionOnto, dragFromPalette } from './support/canvas.ts';
import { copy, paste } from './support/clipboard.ts';
import { poll } from './support/poll.ts';
import { seedBank } from './support/seed.ts';
import { ensureWebBuild } from './support/web-build.ts';

let product: RunningProduct;
let browser: Browser;

beforeAll(async () => {
  product = await startProduct(await ensureWebBuild());
  await seedBank(product, 20);
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await product?.close();
});

/** Opens a new journey holding trigger → filter → exit, built with the mouse. */
async function openSmallJourney(page: Page, name: string): Promise<string> {
  await signIn(page, product.url, await product.addUser(['planner']));
  await page.getByRole('button', { name: 'New journey' }).click();
  await page.getByLabel('Journey name').fill(name);
  await page.getByRole('button', { name: 'Create journey' }).click();
  await page.locator('.react-flow').waitFor();
  await dragFromPalette(page, 'trigger.event', { x: 160, y: 60 });
  await dragFromPalette(page, 'filter', { x: 160, y: 200 });
  await dragFromPalette(page, 'exit', { x: 160, y: 340 });
  await connectWithMouse(page, canvasNode(page, 'trigger.event'), 'out', canvasNode(page, 'filter'));
  await connectWithMouse(page, canvasNode(page, 'filter'), 'yes', canvasNode(page, 'exit'));
  await poll(() => page.locator('.react-flow__edge').count()).toBe(2);
  return page.url().split('/').pop() as string;
}

const notices = (page: Page) => page.locator('[data-testid="notice"]').allTextContents();

describe('bad input never costs the planner their work', { timeout: 180_000 }, () => {
  it('refuses garbage pastes and impossible connections in words, and undoes a delete', async () => {
    const page = await newPage(browser);
    await openSmallJourney(page, 'Bad input');

    await paste(page, '{"nodes": [garbage');
    await poll(() => notices(page)).toContainEqual(expect.stringContaining('not even JSON'));
    await paste(page, '{"hello":"world"}');
    await poll(() => notices(page)).toContainEqual(
      expect.stringContaining('not journey steps copied from Waymark'),
    );
    expect(await page.locator('.react-flow__node').count()).toBe(3);

    // Copy and paste real steps: the copy gets fresh ids and keeps its inner connection.
    await canvasNode(page, 'filter').click();
    await canvasNode(page, 'exit').click({ modifiers: ['Shift'] });
    const copied = await copy(page);
    await paste(page, copied);
    await poll(() => page.locator('.react-flow__node').count()).toBe(5);
    expect(await page.locator('.react-flow__edge').count()).toBe(3);

    // Into a trigger, or a step onto itself: refused, with the reason, and nothing drawn.
    await page.keyboard.press('Control+z');
    await poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await dragConnectionOnto(page, canvasNode(page, 'filter'), 'no', canvasNode(page, 'trigger.event'));
    await poll(() => notices(page)).toContainEqual(
      expect.stringMatching(/cannot be connected: .*trigger starts the journey/),
    );
    await connectWithMouse(page, canvasNode(page, 'filter'), 'no', canvasNode(page, 'filter'));
    await poll(() => notices(page)).toContainEqual(
      expect.stringMatching(/cannot be connected: .*connected to itself/),
    );
    expect(await page.locator('.react-flow__edge').count()).toBe(2);

    // Deleting a connected step says what went with it, and Undo brings all of it back.
    await canvasNode(page, 'filter').click();
    await page.keyboard.press('Delete');
    await poll(() => notices(page)).toContainEqual(
      expect.stringContaining('Deleted 1 step(s) and 2 connection(s)'),
    );
    expect(await page.locator('.react-flow__edge').count()).toBe(0);
    await page.locator('[data-testid="notice"]').getByRole('button', { name: 'Undo' }).click();
    await poll(() => page.locator('.react-flow__edge').count()).toBe(2);
    expect(await page.locator('.react-flow__node').count()).toBe(3);
    await screenshot(page, 'bad-input-after-undo');
  });

  it('keeps edits made while the server is down and saves them when it is back', async () => {
    const page = await newPage(browser);
    const journeyId = await openSmallJourney(page, 'Outage');
    await poll(() => page.locator('[data-testid="save-state"]').getAttribute('data-state'), {
      timeout: 10_000,
    }).toBe('saved');

    product.breakApi();
    await page.getByLabel('Journey name').fill('Outage — edited offline');
    await dragFromPalette(page, 'wait.duration', { x: 460, y: 200 });
    await poll(() => page.locator('[data-testid="save-state"]').getAttribute('data-state'), {
      timeout: 10_000,
    }).toBe('offline');
    await poll(() => page.locator('.editor-banners').textContent()).toContain('kept in this browser');
    await screenshot(page, 'outage-offline');

    // Even a reload during the outage loses nothing: the draft waits in this browser.
    await page.reload();
    await poll(() => page.locator('[role="alert"]').first().textContent()).toContain('not reachable');
    product.restoreApi();
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.locator('.react-flow').waitFor();
    await poll(() => notices(page)).toContainEqual(expect.stringContaining('restored'));
    await poll(() => page.locator('[data-testid="save-state"]').getAttribute('data-state'), {
      timeout: 15_000,
    }).toBe('saved');

    const stored = await product.adminRequest('GET', `/journeys/${journeyId}`);
    const journey = stored.json as { name: string; draft: { nodes: { type: string }[] } };
    expect(journey.name).toBe('Outage — edited offline');
    expect(journey.draft.nodes.map((node) => node.type).sort()).toEqual([
      'exit',
      'filter',
      'trigger.event',
      'wait.duration',
    ]);
  });

  it('explains a save conflict instead of overwriting someone else', async () => {
    const page = await newPage(browser);
    const journeyId = await openSmallJourney(page, 'Two tabs');
    await poll(() => page.locator('[data-testid="save-state"]').getAttribute('data-state'), {
      timeout: 10_000,
    }).toBe('saved');
    const current = (await product.adminRequest('GET', `/journeys/${journeyId}`)).json as {
      draftRevision: number;
      draft: { nodes: { id: string; type: string; config: Record<string, unknown> }[] };
    };
    // Someone else changes the exit's reason, and so does the planner: a real overlap.
    const theirs = structuredClone(current.draft);
    const theirExit = theirs.nodes.find((node) => node.type === 'exit');
    if (theirExit) theirExit.config = { reason: 'theirs' };
    const saved = await product.adminRequest('PUT', `/journeys/${journeyId}`, {
      baseRevision: current.draftRevision,
      graph: theirs,
    });
    expect(saved.status).toBe(200);

    await canvasNode(page, 'exit').click();
    await page.locator('aside.inspector').getByLabel('Reason').fill('mine');
    await poll(() => page.locator('dialog[open]').textContent(), { timeout: 10_000 }).toContain(
      'Someone else changed this journey',
    );
    await screenshot(page, 'conflict-dialog');
    const untouched = (await product.adminRequest('GET', `/journeys/${journeyId}`)).json as {
      draft: typeof theirs;
    };
    expect(untouched.draft.nodes.find((node) => node.type === 'exit')?.config).toEqual({ reason: 'theirs' });

    await page.getByRole('button', { name: 'Keep my version' }).click();
    await poll(async () => {
      const now = (await product.adminRequest('GET', `/journeys/${journeyId}`)).json as {
        draft: typeof theirs;
      };
      return now.draft.nodes.find((node) => node.type === 'exit')?.config;
    }).toEqual({ reason: 'mine' });
  });
});
