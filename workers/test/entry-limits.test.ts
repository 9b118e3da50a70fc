import { createDb, type Db, insertEvents } from '@waymark/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processEvents } from '../src/events/process-event.ts';
import type { EngineResources } from '../src/runtime/resources.ts';
import { createEngineFixture, type EngineFixture, insertCustomers } from './support/engine-fixture.ts';
import { enrollmentStatuses, graph, publishJourney } from './support/journeys.ts';

// Many event jobs at once, as a busy workers fleet runs them: each on its own pooled connection.
let f: EngineFixture;
let pool: Db;
let r: EngineResources;
const customers = Array.from({ length: 120 }, (_, i) => `C${String(i + 1).padStart(6, '0')}`);
let n = 0;

beforeAll(async () => {
  f = await createEngineFixture({ label: 'entry-limits' });
  pool = await createDb({ url: f.testDb.url, poolSize: 16 });
  r = { ...f.r, db: pool };
  await insertCustomers(
    f,
    customers.map((id) => ({ id })),
  );
});
afterAll(async () => {
  await pool?.close();
  await f?.close();
});

function limitedJourney(event: string, entryLimit: { total?: number; perDay?: number }) {
  return graph(
    [
      { id: 'start', type: 'trigger.event', config: { event } },
      { id: 'done', type: 'exit', config: { reason: 'done' } },
    ],
    [['start', 'out', 'done']],
    { reEntry: { policy: 'always' }, entryLimit },
  );
}

/** One event per customer given, stored, then handled as concurrent jobs of `perJob` events. */
async function burst(name: string, customerIds: readonly string[], perJob = 3): Promise<void> {
  const events = customerIds.map((customerId) => ({
    eventId: `${name}-${++n}`,
    customerId,
    name,
    occurredAt: f.clock.now(),
  }));
  await insertEvents(pool, events);
  const jobs: string[][] = [];
  for (let i = 0; i < events.length; i += perJob)
    jobs.push(events.slice(i, i + perJob).map((e) => e.eventId));
  await Promise.all(jobs.map((ids) => processEvents(r, ids)));
}

async function entries(journeyId: string): Promise<number> {
  const counts = await enrollmentStatuses(f, journeyId);
  return Object.entries(counts).reduce((sum, [status, count]) => sum + (status === 'failed' ? 0 : count), 0);
}

describe('entry limits under concurrent event jobs', () => {
  it('lets exactly the total in, and unknown customers take no place', async () => {
    const journeyId = await publishJourney(f, limitedJourney('card_applied', { total: 25 }));
    await burst('card_applied', [...customers, 'C999901', 'C999902']);
    expect(await entries(journeyId)).toBe(25);
    expect((await enrollmentStatuses(f, journeyId)).failed).toBe(2);
    await burst('card_applied', customers.slice(0, 40));
    expect(await entries(journeyId)).toBe(25);
  });

  it('lets exactly the daily number in each day', async () => {
    const journeyId = await publishJourney(f, limitedJourney('fund_viewed', { perDay: 10, total: 15 }));
    await burst('fund_viewed', customers.slice(0, 60), 1);
    expect(await entries(journeyId)).toBe(10);
    f.clock.advance(86_400_000 + 1);
    await burst('fund_viewed', customers.slice(60), 2);
    expect(await entries(journeyId)).toBe(15);
  });

  it('never makes a journey without a limit wait for a limited one', async () => {
    const limited = await publishJourney(f, limitedJourney('atm_used', { total: 1000 }));
    const open = await publishJourney(f, limitedJourney('app_opened', {}));
    const [blocker] = await insertEvents(pool, [
      { eventId: `atm-${++n}`, customerId: customers[0]!, name: 'atm_used', occurredAt: f.clock.now() },
    ]);
    // Hold the limited journey's entries open in another transaction, as a slow job would.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let limitedDone = false;
    let lockTaken: () => void = () => undefined;
    const locked = new Promise<void>((resolve) => {
      lockTaken = resolve;
    });
    const slowJob = pool.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock(x'57a8'::int, hashtext($1))", [limited]);
      lockTaken();
      await held;
    });
    // The event job must find the lock taken, or it could simply go first.
    await locked;
    const waitingJob = processEvents(r, [blocker!.eventId]).then(() => {
      limitedDone = true;
    });

    await burst('app_opened', customers.slice(0, 6));
    expect(await entries(open)).toBe(6);
    expect(limitedDone).toBe(false);

    release();
    await Promise.all([slowJob, waitingJob]);
    expect(await entries(limited)).toBe(1);
  });
});
