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

beforeAll(async () => {
  product = await startProduct(await ensureWebBuild());
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
});
