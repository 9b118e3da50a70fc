import { insertEvents } from '@waymark/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { processEvents } from '../src/events/process-event.ts';
import { createEngineFixture, type EngineFixture, insertCustomers } from './support/engine-fixture.ts';
import { graph, publishJourney } from './support/journeys.ts';

let f: EngineFixture;
const day = 86_400_000;
let n = 0;

beforeAll(async () => {
  f = await createEngineFixture({ label: 'reentry' });
  await insertCustomers(f, [{ id: 'C000001' }, { id: 'C000002' }]);
});
afterAll(() => f.close());

function journey(reEntry: Record<string, unknown>, event: string) {
  return graph(
    [
      { id: 'start', type: 'trigger.event', config: { event } },
      { id: 'done', type: 'exit', config: { reason: 'done' } },
    ],
    [['start', 'out', 'done']],
    { reEntry: reEntry as never },
  );
}

/** Stores events for C000001 and processes them as one job. */
async function events(name: string, count: number) {
  const rows = Array.from({ length: count }, () => ({
    eventId: `${name}-${++n}`,
    customerId: 'C000001',
    name,
    occurredAt: f.clock.now(),
  }));
  await insertEvents(f.testDb.db, rows);
  return processEvents(
    f.r,
    rows.map((e) => e.eventId),
  );
}

/** Events of `name` not yet marked processed: each is marked once all its entries are stored. */
async function unprocessed(name: string) {
  const [row] = await f.testDb.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM events WHERE name = $1 AND processed_at IS NULL',
    [name],
  );
  return row?.n;
}

async function entries(journeyId: string) {
  const rows = await f.testDb.db.query<{ entry_seq: number; status: string }>(
    'SELECT entry_seq, status FROM enrollments WHERE journey_id = $1 ORDER BY entry_seq',
    [journeyId],
  );
  return rows.map((row) => `${row.entry_seq}:${row.status}`);
}

it('lets a customer in once under "once", however many events come', async () => {
  const journeyId = await publishJourney(f, journey({ policy: 'once' }, 'once_event'));
  await events('once_event', 3);
  await events('once_event', 1);
  expect(await entries(journeyId)).toEqual(['1:completed']);
  expect(await unprocessed('once_event')).toBe(0);
});

it('enrolls every event under "always", even several for one customer in one batch', async () => {
  const journeyId = await publishJourney(f, journey({ policy: 'always' }, 'always_event'));
  const outcome = await events('always_event', 3);
  expect(outcome.enrolled).toHaveLength(3);
  expect(await entries(journeyId)).toEqual(['1:completed', '2:completed', '3:completed']);
  expect(await unprocessed('always_event')).toBe(0);
});

it('lets a customer back in only after the days of "afterDays"', async () => {
  const journeyId = await publishJourney(f, journey({ policy: 'afterDays', days: 30 }, 'monthly_event'));
  await events('monthly_event', 1);
  f.clock.advance(10 * day);
  await events('monthly_event', 1);
  expect(await entries(journeyId)).toEqual(['1:completed']);
  f.clock.advance(21 * day);
  await events('monthly_event', 1);
  expect(await entries(journeyId)).toEqual(['1:completed', '2:completed']);
});

it('enrolls every one of a customer\'s events under "always" when concurrent jobs race for the entry number', async () => {
  const journeyId = await publishJourney(f, journey({ policy: 'always' }, 'card_swiped'));
  const rows = Array.from({ length: 12 }, () => ({
    eventId: `card_swiped-${++n}`,
    customerId: 'C000002',
    name: 'card_swiped',
    occurredAt: f.clock.now(),
  }));
  await insertEvents(f.testDb.db, rows);
  // Each event its own job, all at once: most of them compute the same next entry number.
  await Promise.all(rows.map((e) => processEvents(f.r, [e.eventId])));
  expect(await entries(journeyId)).toEqual(Array.from({ length: 12 }, (_, i) => `${i + 1}:completed`));
  expect(await unprocessed('card_swiped')).toBe(0);
});
