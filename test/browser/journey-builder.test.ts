import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningProduct, startProduct } from './support/app-server.ts';
import { launchBrowser, newPage, screenshot, signIn } from './support/browser.ts';
import { canvasNode, connectWithMouse, dragFromPalette } from './support/canvas.ts';
import { poll } from './support/poll.ts';
import { type Seeded, seedBank } from './support/seed.ts';
import { ensureWebBuild } from './support/web-build.ts';

let product: RunningProduct;
let browser: Browser;
let seeded: Seeded;

beforeAll(async () => {
  const dist = await ensureWebBuild();
  product = await startProduct(dist);
  seeded = await seedBank(product);
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await product?.close();
});

async function inspector(page: Page) {
  return page.locator('aside.inspector');
}

describe('a planner builds a journey with the mouse', { timeout: 180_000 }, () => {
  it('event trigger → filter → A/B with two scripts → SMS → wait 2 days → exit, then publishes', async () => {
    const planner = await product.addUser(['planner']);
    const page = await newPage(browser);
    await signIn(page, product.url, planner);

    // A new, blank journey.
    await page.getByRole('button', { name: 'New journey' }).click();
    await page.getByLabel('Journey name').fill('Large deposit → wealth offer (test)');
    await page.getByRole('button', { name: 'Create journey' }).click();
    await page.locator('.react-flow').waitFor();
    await poll(() => page.locator('[data-testid="problems-list"]').textContent()).toContain('no trigger');

    // Trigger on large_deposit.
    await dragFromPalette(page, 'trigger.event', { x: 140, y: 60 });
    const panel = await inspector(page);
    await panel.getByLabel('Event', { exact: true }).fill('large_deposit');
    await poll(() => canvasNode(page, 'trigger.event').textContent()).toContain('large_deposit');

    // Filter: balance more than 50,000, with a live count of matching customers.
    await dragFromPalette(page, 'filter', { x: 140, y: 200 });
    await panel.getByRole('button', { name: '+ Add rule' }).click();
    const rule = panel.locator('[data-testid="condition-rule"]').first();
    await rule.getByLabel('Operator').selectOption({ label: 'more than' });
    await rule.getByLabel('Value').fill('50000');
    await poll(() => canvasNode(page, 'filter').textContent()).toMatch(/balance > 50,?000/);
    const expected = seeded.customers.filter((customer) => customer.balance > 50_000).length;
    expect(expected).toBeGreaterThan(0);
    await poll(() => panel.locator('[data-testid="live-count"]').textContent(), { timeout: 15_000 }).toMatch(
      new RegExp(`^${expected} customers match now`),
    );
    await connectWithMouse(page, canvasNode(page, 'trigger.event'), 'out', canvasNode(page, 'filter'));

    // A/B split with its default 50/50.
    await dragFromPalette(page, 'split.ab', { x: 140, y: 340 });
    await poll(() => panel.locator('[data-testid="weight-total"]').textContent()).toContain('100%');
    await connectWithMouse(page, canvasNode(page, 'filter'), 'yes', canvasNode(page, 'split.ab'));

    // One SMS step serving both paths, each with its own script.
    await dragFromPalette(page, 'send', { x: 560, y: 60 });
    await connectWithMouse(page, canvasNode(page, 'split.ab'), 'A', canvasNode(page, 'send'));
    await connectWithMouse(page, canvasNode(page, 'split.ab'), 'B', canvasNode(page, 'send'));
    await canvasNode(page, 'send').click();
    await panel.getByLabel('Send through').selectOption({ label: 'SMS gateway' });
    await panel.getByRole('tab', { name: /Path A/ }).click();
    await panel.getByRole('radio', { name: 'Own script' }).check();
    await panel
      .getByLabel('Script', { exact: true })
      .fill('{{customer.name}}您好，A 方案：稳健理财 7 天起存。');
    await panel.getByRole('tab', { name: /Path B/ }).click();
    await panel.getByRole('radio', { name: 'Own script' }).check();
    await panel.getByLabel('Script', { exact: true }).fill('{{customer.name}}您好，B 方案：本月理财专享礼。');

    // Wait 2 days, then exit.
    await dragFromPalette(page, 'wait.duration', { x: 560, y: 200 });
    await panel.getByLabel('Wait', { exact: true }).fill('2');
    await poll(() => canvasNode(page, 'wait.duration').textContent()).toContain('2 days');
    await dragFromPalette(page, 'exit', { x: 560, y: 340 });
    await connectWithMouse(page, canvasNode(page, 'send'), 'sent', canvasNode(page, 'wait.duration'));
    await connectWithMouse(page, canvasNode(page, 'wait.duration'), 'out', canvasNode(page, 'exit'));

    // The default script is still missing: the shared validate() says so, and publishing is blocked.
    const problems = page.locator('[data-testid="problems-list"]');
    // The only send step is named by its label, as on the canvas.
    await poll(() => problems.textContent()).toContain(
      'In Send message, content.templateId must not be empty.',
    );
    await poll(() => page.getByRole('button', { name: 'Publish', exact: true }).isDisabled()).toBe(true);
    await poll(() => canvasNode(page, 'send').locator('.jn-problems').isVisible()).toBe(true);
    expect(await page.getByTestId('publish-wrap').getAttribute('title')).toMatch(
      /Fix these problems.*\n.*template/s,
    );
    await screenshot(page, 'builder-before-script');

    // Clicking the problem takes the planner to the step it is about.
    await canvasNode(page, 'exit').click();
    await problems.getByRole('button', { name: /template/ }).click();
    await poll(() => page.locator('[data-testid="node-inspector"]').getAttribute('data-node-type')).toBe(
      'send',
    );
    expect(await canvasNode(page, 'send').getAttribute('class')).toContain('selected');

    // Choosing the script clears the problem.
    await panel.getByRole('tab', { name: 'Default' }).click();
    await panel
      .getByRole('combobox', { name: 'Template', exact: true })
      .selectOption({ label: seeded.templateName });
    await poll(() => page.locator('.problems').textContent()).toContain('No problems');
    await poll(() => page.getByRole('button', { name: 'Publish', exact: true }).isEnabled()).toBe(true);
    await poll(() => page.locator('[data-testid="save-state"]').getAttribute('data-state'), {
      timeout: 10_000,
    }).toBe('saved');
    await screenshot(page, 'builder-valid');

    // Publish.
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByRole('button', { name: 'Publish now' }).click();
    await poll(() => page.locator('[data-testid="journey-status"]').textContent()).toContain('Live · v1');
    await screenshot(page, 'builder-published');

    // The server holds exactly what was drawn.
    const journeyId = page.url().split('/').pop() as string;
    const version = await product.adminRequest('GET', `/journeys/${journeyId}/versions/1`);
    const graph = (
      version.json as {
        graph: {
          nodes: { id: string; type: string; config: Record<string, unknown> }[];
          edges: { source: string; sourceHandle: string; target: string }[];
        };
      }
    ).graph;
    const typeOf = (id: string) => graph.nodes.find((node) => node.id === id)?.type;
    const wiring = graph.edges
      .map((edge) => `${typeOf(edge.source)}:${edge.sourceHandle}→${typeOf(edge.target)}`)
      .sort();
    expect(wiring).toEqual(
      [
        'filter:yes→split.ab',
        'send:sent→wait.duration',
        'split.ab:A→send',
        'split.ab:B→send',
        'trigger.event:out→filter',
        'wait.duration:out→exit',
      ].sort(),
    );
    const send = graph.nodes.find((node) => node.type === 'send');
    expect(send?.config).toMatchObject({
      channel: 'sms',
      connectorId: seeded.connectorId,
      content: { kind: 'template', templateId: seeded.templateId },
      variantContent: { A: { kind: 'inline' }, B: { kind: 'inline' } },
    });
    expect(graph.nodes.find((node) => node.type === 'wait.duration')?.config).toMatchObject({
      amount: 2,
      unit: 'days',
    });
    expect(graph.nodes.find((node) => node.type === 'filter')?.config).toMatchObject({
      condition: {
        type: 'all',
        conditions: [{ type: 'attribute', field: 'balance', op: 'gt', value: 50_000 }],
      },
    });

    // Live view: nothing has entered yet, and the page says so.
    await poll(() => page.locator('[data-testid="live-panel"]').textContent()).toContain('No data yet');

    // Three customers go through as the engine records it (enrollments and step transitions);
    // the next refresh shows them on the nodes, on the connections and in the totals.
    const idOf = (type: string) => graph.nodes.find((node) => node.type === type)?.id as string;
    const paths = ['A', 'A', 'B'];
    for (const [index, path] of paths.entries()) {
      await product.testDb.db.query(
        `INSERT INTO enrollments (journey_id, version, customer_id, current_node, status)
         VALUES ($1, 1, $2, $3, 'waiting')`,
        [journeyId, seeded.customers[index]?.id, idOf('wait.duration')],
      );
      const moves: [string, string][] = [
        [idOf('trigger.event'), 'out'],
        [idOf('filter'), 'yes'],
        [idOf('split.ab'), path],
        [idOf('send'), 'sent'],
      ];
      for (const [nodeId, port] of moves) {
        await product.testDb.db.query(
          `INSERT INTO journey_node_counts AS n (journey_id, version, node_id, port, ab_path, hour, slot, passed)
           VALUES ($1, 1, $2, $3, '', date_trunc('hour', now()), 0, 1)
           ON CONFLICT ON CONSTRAINT journey_node_counts_pk DO UPDATE SET passed = n.passed + 1`,
          [journeyId, nodeId, port],
        );
      }
    }
    await poll(() => canvasNode(page, 'wait.duration').textContent(), { timeout: 15_000 }).toContain(
      '3 entered',
    );
    expect(await canvasNode(page, 'wait.duration').textContent()).toContain('3 waiting');
    expect(await canvasNode(page, 'trigger.event').textContent()).toContain('3 entered');
    const live = await page.locator('[data-testid="live-panel"]').textContent();
    expect(live).toMatch(/Entered\s*3/);
    expect(live).toMatch(/In journey\s*3/);
    const labels = await page.locator('.react-flow__edge-textwrapper').allTextContents();
    expect(labels.sort()).toEqual(['1', '2', '3', '3', '3'].sort());
    await screenshot(page, 'builder-live');

    // The journeys list: state, live version and the same counts (3 entered, all 3 still waiting);
    // search and status filter.
    await page.getByRole('button', { name: 'All journeys' }).click();
    const row = page.locator('tbody tr', { hasText: 'Large deposit → wealth offer (test)' });
    await poll(() => row.locator('td').allTextContents()).toEqual([
      'Large deposit → wealth offer (test)',
      'Live',
      'v1',
      '3',
      '3',
      '0',
      '0%',
      expect.any(String),
    ]);
    await page.getByLabel('Filter by status').selectOption({ label: 'Draft' });
    await poll(() => row.count()).toBe(0);
    await page.getByLabel('Filter by status').selectOption({ label: 'Live' });
    await page.getByLabel('Search journeys').fill('wealth offer');
    await poll(() => row.count()).toBe(1);
    await page.getByLabel('Search journeys').fill('dormant');
    await poll(() => page.locator('.empty-state').textContent()).toContain('No journey matches');
    await screenshot(page, 'journeys-list');
  });
});
