import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningProduct, startProduct } from './support/app-server.ts';
import { launchBrowser, newPage, screenshot, signIn } from './support/browser.ts';
import { poll } from './support/poll.ts';
import { type Seeded, seedBank } from './support/seed.ts';
import { ensureWebBuild } from './support/web-build.ts';

let product: RunningProduct;
let browser: Browser;
let seeded: Seeded;
let journeyId: string;

const dayMs = 86_400_000;
// The journey keeps the default time zone, so its days are Shanghai days.
const shanghaiDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const today = shanghaiDay.format(new Date());
/** `YYYY-MM-DD` of the Shanghai day `back` days before today. */
const dayBefore = (back: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) - back * dayMs).toISOString().slice(0, 10);
/** An instant on that day, `hour` o'clock in Shanghai (UTC+8): always in the past for back ≥ 1. */
const at = (back: number, hour: number) => `${dayBefore(back)}T${String(hour - 8).padStart(2, '0')}:00:00Z`;

/** A year-end deposit campaign: two offers against a control group that gets no message. */
function campaign(templateId: string) {
  const send = (id: string) => ({
    id,
    type: 'send',
    config: { channel: 'sms', connectorId: 'sms-main', content: { kind: 'template', templateId } },
  });
  const nodes = [
    { id: 'deposit', type: 'trigger.event', config: { event: 'large_deposit' } },
    {
      id: 'ab',
      type: 'split.ab',
      config: {
        variants: [
          { id: 'A', label: 'Rate 3.1%', weight: 40 },
          { id: 'B', label: 'Gift card', weight: 40 },
        ],
        control: { weight: 20 },
        mode: 'fixed',
      },
    },
    send('smsA'),
    send('smsB'),
    { id: 'end', type: 'exit', config: { reason: 'offer sent' } },
  ];
  return {
    nodes: nodes.map((node, i) => ({ ...node, position: { x: (i % 2) * 300, y: i * 140 } })),
    edges: [
      { id: 'e1', source: 'deposit', sourceHandle: 'out', target: 'ab' },
      { id: 'e2', source: 'ab', sourceHandle: 'A', target: 'smsA' },
      { id: 'e3', source: 'ab', sourceHandle: 'B', target: 'smsB' },
      { id: 'e4', source: 'smsA', sourceHandle: 'sent', target: 'end' },
      { id: 'e5', source: 'smsB', sourceHandle: 'sent', target: 'end' },
    ],
    settings: {},
  };
}

/** What the engine counts when `n` customers leave `node` through `port` on `path`, `back` days ago. */
async function passed(node: string, port: string, path: Record<string, string>, back: number, n: number) {
  await product.testDb.db.query(
    `INSERT INTO journey_node_counts (journey_id, version, node_id, port, ab_path, hour, slot, passed)
     VALUES ($1, 1, $2, $3, $4, $5, 0, $6)`,
    [journeyId, node, port, Object.keys(path).length === 0 ? '' : JSON.stringify(path), at(back, 12), n],
  );
}

/** `count` conversions of customers on `variant`, each worth `value`, `back` days ago at 4 pm. */
async function converted(variant: string, count: number, value: number, back: number) {
  await product.testDb.db.query(
    `INSERT INTO conversions (enrollment_id, journey_id, version, customer_id, value, ab_path, converted_at)
     SELECT $7::int + i, $1, 1, 'C-' || $2 || '-' || i, $3, $4, $5 FROM generate_series(1, $6::int) AS i`,
    [journeyId, variant, value, JSON.stringify({ ab: variant }), at(back, 16), count, conversionsSoFar],
  );
  // One conversion per enrollment: each batch takes the next enrollment ids.
  conversionsSoFar += count;
}
let conversionsSoFar = 0;

beforeAll(async () => {
  const dist = await ensureWebBuild();
  product = await startProduct(dist);
  seeded = await seedBank(product, 20);
  browser = await launchBrowser();

  const created = await product.adminRequest('POST', '/journeys', {
    name: 'Year-end deposit offers',
    graph: campaign(seeded.templateId),
  });
  const journey = created.json as { id: string; draftRevision: number };
  journeyId = journey.id;
  const published = await product.adminRequest('POST', `/journeys/${journeyId}/publish`, {
    baseRevision: journey.draftRevision,
  });
  if (published.status >= 300) throw new Error(`publish: ${JSON.stringify(published.json)}`);

  // 1,005 entered in the window (5 on its first day, 600 nine days ago, 400 yesterday) and 50
  // more 31 days ago, outside it. The split sent 400 to each offer and held 200 back.
  await passed('deposit', 'out', {}, 31, 50);
  await passed('deposit', 'out', {}, 29, 5);
  await passed('deposit', 'out', {}, 9, 600);
  await passed('deposit', 'out', {}, 1, 400);
  await passed('ab', 'A', { ab: 'A' }, 9, 400);
  await passed('ab', 'B', { ab: 'B' }, 9, 400);
  await passed('ab', 'control', { ab: 'control' }, 9, 200);
  await passed('smsA', 'sent', { ab: 'A' }, 9, 390);
  await passed('smsA', 'failed', { ab: 'A' }, 9, 10);
  await passed('smsB', 'sent', { ab: 'B' }, 9, 400);
  // The 1,000 the split divided have all finished, so the totals above the results read sensibly.
  await product.testDb.db.query(
    `INSERT INTO enrollments (journey_id, version, customer_id, current_node, status)
     SELECT $1, 1, 'C-' || i, 'end', 'completed' FROM generate_series(1, 1000) AS i`,
    [journeyId],
  );
  // 15% of 400 on A, 5.5% of 400 on B, 10% of 200 in the control group.
  await converted('A', 60, 10_000, 9);
  await converted('control', 20, 2_000, 3);
  await converted('B', 22, 5_000, 1);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await product?.close();
});

async function openJourney(page: Page) {
  await page.goto(`${product.url}/journeys/${journeyId}`);
  await page.locator('.react-flow').waitFor();
  const panel = page.locator('[data-testid="live-panel"]');
  await poll(() => panel.locator('[data-testid="daily-chart"]').count(), { timeout: 15_000 }).toBe(1);
  return panel;
}

/** Each variant row as a person reads it, cell by cell. */
async function variantRows(page: Page) {
  const rows = await page.locator('[data-testid="variant-results"] tbody tr').all();
  return Promise.all(
    rows.map(async (row) =>
      (await row.locator('th, td').allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim()),
    ),
  );
}

/** Whether the right-hand panel holding the live results scrolls sideways (something is too wide). */
async function spillsSideways(page: Page) {
  return page.locator('aside.inspector').evaluate((el) => el.scrollWidth > el.clientWidth);
}

/** Each day of the chart with its tooltip, oldest first. */
async function dayTooltips(page: Page) {
  const days = await page.locator('[data-testid="daily-chart"] [data-day]').all();
  return Promise.all(
    days.map(
      async (day) => [await day.getAttribute('data-day'), await day.locator('title').textContent()] as const,
    ),
  );
}

describe('live results of an A/B test', { timeout: 180_000 }, () => {
  it('shows each variant’s numbers against the control group and entries and conversions per day', async () => {
    const analyst = await product.addUser(['analyst']);
    const page = await newPage(browser);
    await signIn(page, product.url, analyst);
    const panel = await openJourney(page);

    // The A/B table: Rate 3.1% looks 50% better but is not proven yet; Gift card is proven worse.
    const results = panel.locator('[data-testid="variant-results"]');
    expect(await results.locator('caption').textContent()).toBe('A/B split');
    expect(await results.locator('thead th').allTextContents()).toEqual([
      'Variant',
      'Entered',
      'Sent',
      'Converted',
      'Rate',
      'Lift',
    ]);
    expect(await variantRows(page)).toEqual([
      ['Rate 3.1%', '400', '390', '60', '15.0%', '+50.0%'],
      [
        'Gift card',
        '400',
        '400',
        '22',
        '5.5%',
        '▼ -45.0% Significantly worse than the control group (95% confidence)',
      ],
      ['Control', '200', '0', '20', '10.0%', '—'],
    ]);
    const markers = results.locator('[data-testid="significance"]');
    expect(await markers.count()).toBe(1);
    expect(await markers.first().getAttribute('title')).toBe(
      'Significantly worse than the control group (95% confidence)',
    );
    expect(await results.locator('tr[data-variant="B"]').getAttribute('data-verdict')).toBe('worse');
    expect(await results.locator('tr[data-variant="A"] .lift').getAttribute('title')).toMatch(
      /Not significant at 95% confidence/,
    );
    expect(await results.locator('tr[data-variant="A"] td').nth(2).getAttribute('title')).toBe(
      'Conversion value: 600,000',
    );

    // The chart: one bar group per day of the last 30, oldest first, with exact numbers on hover.
    const chart = panel.locator('[data-testid="daily-chart"]');
    expect(await chart.locator('figcaption').textContent()).toMatch(
      /Per day, last 30 days.*Entered 1,005.*Converted 102/,
    );
    const tooltips = await dayTooltips(page);
    expect(tooltips.map(([day]) => day)).toEqual(Array.from({ length: 30 }, (_, i) => dayBefore(29 - i)));
    const tooltipOf = (back: number) => tooltips.find(([day]) => day === dayBefore(back))?.[1];
    expect(tooltipOf(29)).toMatch(/\nEntered: 5\nConverted: 0\nValue: 0$/);
    expect(tooltipOf(9)).toMatch(/\nEntered: 600\nConverted: 60\nValue: 600,000$/);
    expect(tooltipOf(3)).toMatch(/\nEntered: 0\nConverted: 20\nValue: 40,000$/);
    expect(tooltipOf(1)).toMatch(/\nEntered: 400\nConverted: 22\nValue: 110,000$/);
    expect(tooltipOf(0)).toMatch(/\nEntered: 0\nConverted: 0\nValue: 0$/);
    // The day is written out in full in the tooltip (weekday and year), e.g. "Mon, Nov 23, 2026".
    expect(tooltipOf(9)?.split('\n')[0]).toMatch(/^\w{3}, \w{3} \d{1,2}, \d{4}$/);
    // Bars only for the days with counts: three days with entries, three with conversions.
    expect(await chart.locator('rect.bar-entered').count()).toBe(3);
    expect(await chart.locator('rect.bar-converted').count()).toBe(3);
    // A few dates under the axis, today's last, not thirty crammed together.
    const dates = await chart.locator('text.chart-axis-label').allTextContents();
    const axisDates = dates.filter((text) => text.includes('/'));
    expect(axisDates.length).toBe(5);
    const [, month, day] = today.split('-').map(Number);
    expect(axisDates.at(-1)).toBe(`${month}/${day}`);

    // Nothing spills sideways out of the right-hand panel in English or in Chinese.
    expect(await spillsSideways(page)).toBe(false);
    await page.screenshot({ path: '/tmp/live-results.png' });
    await panel.screenshot({ path: '/tmp/live-results-panel.png' });
    await screenshot(page, 'live-results');
  });

  it('offers Pause to a planner, and not to an analyst, who may only look', async () => {
    for (const [role, pauses] of [
      ['planner', 1],
      ['analyst', 0],
    ] as const) {
      const page = await newPage(browser);
      await signIn(page, product.url, await product.addUser([role]));
      await openJourney(page);
      expect(await page.getByRole('button', { name: 'Pause', exact: true }).count(), role).toBe(pauses);
      await page.close();
    }
  });

  it('reads the same in Chinese', async () => {
    const analyst = await product.addUser(['analyst']);
    const page = await newPage(browser, 'zh-CN');
    await signIn(page, product.url, analyst);
    const panel = await openJourney(page);
    const results = panel.locator('[data-testid="variant-results"]');
    await poll(() => results.locator('caption').textContent()).toBe('A/B 分流');
    expect(await results.locator('thead th').allTextContents()).toEqual([
      '方案',
      '进入',
      '发送',
      '已转化',
      '转化率',
      '提升',
    ]);
    expect(await variantRows(page)).toEqual([
      ['Rate 3.1%', '400', '390', '60', '15.0%', '+50.0%'],
      ['Gift card', '400', '400', '22', '5.5%', '▼ -45.0% 显著差于对照组（95% 置信度）'],
      ['对照组', '200', '0', '20', '10.0%', '—'],
    ]);
    const chart = panel.locator('[data-testid="daily-chart"]');
    expect(await chart.locator('figcaption').textContent()).toMatch(/每日趋势（近 30 天）/);
    const tooltips = await dayTooltips(page);
    expect(tooltips).toHaveLength(30);
    expect(tooltips.find(([day]) => day === dayBefore(9))?.[1]).toMatch(
      /^\d{4}年\d{1,2}月\d{1,2}日.*\n进入：600\n转化：60\n转化价值：600,000$/,
    );
    expect(await spillsSideways(page)).toBe(false);
    await page.screenshot({ path: '/tmp/live-results-zh-CN.png' });
    await panel.screenshot({ path: '/tmp/live-results-panel-zh-CN.png' });
    await screenshot(page, 'live-results-zh-CN');
  });
});
