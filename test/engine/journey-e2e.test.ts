import { insertEvents } from '@waymark/db';
import { abSplitNode } from '@waymark/journey/testing';
import { type RunningEngine, startEngine, sweep } from '@waymark/workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsvRows } from './support/bank-csv.ts';
import {
  createEngineWorld,
  type EngineWorld,
  graph,
  publishJourney,
  seedBankCustomers,
} from './support/engine-world.ts';
import { drained, statusCounts, transitionCounts } from './support/observe.ts';

const day = 86_400_000;
const customers = 1000;
let world: EngineWorld;
let engine: RunningEngine;

beforeAll(async () => {
  world = await createEngineWorld({ label: 'e2e' });
  await seedBankCustomers(world, customers);
  engine = await startEngine(world.r, {
    groups: ['events', 'steps', 'sends', 'waits', 'receipts'],
    sweepIntervalMs: false,
    tuning: { lockDurationMs: 10_000, stalledIntervalMs: 5_000, retryBaseMs: 50 },
  });
}, 120_000);
afterAll(async () => {
  await engine?.close();
  await world?.close();
}, 60_000);

/** large deposit → balance > 1,000 → A/B 50/50 → SMS → wait 3 days → wait 7 days for a purchase → exit. */
const wealthJourney = graph(
  [
    { id: 'deposit', type: 'trigger.event', config: { event: 'large_deposit' } },
    {
      id: 'rich',
      type: 'filter',
      config: {
        condition: { type: 'attribute', field: 'balance', valueType: 'number', op: 'gt', value: 1000 },
      },
    },
    abSplitNode('ab', {
      variants: [
        { id: 'A', label: '收益版', weight: 50 },
        { id: 'B', label: '安心版', weight: 50 },
      ],
    }),
    {
      id: 'offer',
      type: 'send',
      config: {
        channel: 'sms',
        connectorId: 'sms-main',
        content: {
          kind: 'inline',
          body: '【示例银行】{{customer.name}}您好，[A] 稳健理财年化 3.2%，回复 1 了解。',
        },
        variantContent: {
          B: {
            kind: 'inline',
            body: '【示例银行】{{customer.name}}您好，[B] 您的大额存款可享保本理财，回复 1 了解。',
          },
        },
      },
    },
    { id: 'cooldown', type: 'wait.duration', config: { amount: 3, unit: 'days' } },
    {
      id: 'goal',
      type: 'wait.event',
      config: { event: 'wealth_purchase', timeout: { amount: 7, unit: 'days' } },
    },
    { id: 'bought', type: 'exit', config: { reason: 'purchased' } },
    { id: 'no-sale', type: 'exit', config: { reason: 'no purchase within 7 days' } },
  ],
  [
    ['deposit', 'out', 'rich'],
    ['rich', 'yes', 'ab'],
    ['ab', 'A', 'offer'],
    ['ab', 'B', 'offer'],
    ['offer', 'sent', 'cooldown'],
    ['cooldown', 'out', 'goal'],
    ['goal', 'matched', 'bought'],
    ['goal', 'timeout', 'no-sale'],
  ],
  { goal: { event: 'wealth_purchase', windowDays: 11 } },
);

describe('a 1,000-customer event journey, end to end', () => {
  it('moves every customer through each node as the data says, and the SMS gateway agrees', {
    timeout: 300_000,
  }, async () => {
    const rows = readCsvRows(customers);
    const rich = rows.filter((c) => c.balance > 1000);
    const buyers = rich.filter((c) => c.subscribed);
    const id = (row: number) => `C${String(row).padStart(6, '0')}`;
    expect(rich.length).toBeGreaterThan(100);
    expect(buyers.length).toBeGreaterThan(0);

    const journeyId = await publishJourney(world, wealthJourney);
    const deposits = rows.map((c) => ({
      eventId: `deposit-${c.row}`,
      customerId: id(c.row),
      name: 'large_deposit',
      properties: { amount: 80_000 },
      occurredAt: world.clock.now(),
    }));
    await insertEvents(world.testDb.db, deposits);
    await world.r.producers.events.ingested(deposits.map((d) => d.eventId));
    await world.gateway.waitForAccepted(rich.length, 120_000);
    await drained(world);

    let counts = await transitionCounts(world, journeyId);
    expect(counts['deposit.out']).toBe(customers);
    expect(counts['rich.yes']).toBe(rich.length);
    expect(counts['rich.no']).toBe(customers - rich.length);
    const [a, b] = [counts['ab.A'] ?? 0, counts['ab.B'] ?? 0];
    expect(a + b).toBe(rich.length);
    expect(Math.abs(a / rich.length - 0.5)).toBeLessThan(0.06);
    expect(counts['offer.sent']).toBe(rich.length);
    // The gateway's own count: one SMS per customer who passed the filter, none sent twice.
    expect(world.gateway.acceptedCount).toBe(rich.length);
    expect(world.gateway.keysRequestedMoreThanOnce()).toEqual([]);
    expect(world.gateway.accepted().filter((m) => m.text.includes('[A]')).length).toBe(a);
    expect(world.gateway.accepted().filter((m) => m.text.includes('[B]')).length).toBe(b);
    expect(new Set(world.gateway.accepted().map((m) => m.to)).size).toBe(rich.length);

    world.clock.advance(3 * day + 60_000);
    expect((await sweep(world.r)).woken).toBe(rich.length);
    await drained(world);
    expect((await transitionCounts(world, journeyId))['cooldown.out']).toBe(rich.length);

    // On day 4 the customers who really subscribed in the bank's campaign buy the product.
    world.clock.advance(day);
    const purchases = buyers.map((c) => ({
      eventId: `purchase-${c.row}`,
      customerId: id(c.row),
      name: 'wealth_purchase',
      properties: { amount: 50_000 },
      occurredAt: world.clock.now(),
    }));
    await insertEvents(world.testDb.db, purchases);
    await world.r.producers.events.ingested(purchases.map((p) => p.eventId));
    await drained(world);

    world.clock.advance(7 * day);
    await sweep(world.r);
    await drained(world);
    counts = await transitionCounts(world, journeyId);
    expect(counts['goal.matched']).toBe(buyers.length);
    expect(counts['goal.timeout']).toBe(rich.length - buyers.length);
    expect(await statusCounts(world, journeyId)).toEqual({ completed: customers });
    const exits = await world.testDb.db.query<{ exit_reason: string; n: number }>(
      'SELECT exit_reason, count(*)::int AS n FROM enrollments WHERE journey_id = $1 GROUP BY 1 ORDER BY 1',
      [journeyId],
    );
    expect(Object.fromEntries(exits.map((e) => [e.exit_reason.split(':')[0], e.n]))).toEqual({
      'no purchase within 7 days': rich.length - buyers.length,
      'path-end': customers - rich.length,
      purchased: buyers.length,
    });
    const [conversions] = await world.testDb.db.query<{ n: number; attributed: number }>(
      'SELECT count(*)::int AS n, count(message_id)::int AS attributed FROM conversions WHERE journey_id = $1',
      [journeyId],
    );
    expect(conversions).toEqual({ n: buyers.length, attributed: buyers.length });
  });
});
