import { afterAll, beforeAll, expect, it } from 'vitest';
import { sweep } from '../src/maintenance/sweep.ts';
import { createEngineFixture, type EngineFixture } from './support/engine-fixture.ts';
import { graph, publishJourney } from './support/journeys.ts';

let f: EngineFixture;
const journeyId = '5f0c2a3e-8b1d-4c7a-9e2f-1a2b3c4d5e6f';

beforeAll(async () => {
  f = await createEngineFixture({ label: 'compaction' });
});
afterAll(() => f.close());

async function rows() {
  return f.testDb.db.query<{ node_id: string; hour: Date; slot: number; passed: number }>(
    `SELECT node_id, hour, slot, passed::int FROM journey_node_counts WHERE journey_id = $1
      ORDER BY hour, node_id, slot`,
    [journeyId],
  );
}

it('folds the slots of settled hours into one row each, keeping every count, and leaves the current hour alone', async () => {
  const now = f.clock.now().getTime();
  const hour = (hoursAgo: number) =>
    new Date(Math.floor((now - hoursAgo * 3_600_000) / 3_600_000) * 3_600_000);
  const add = (node: string, at: Date, slot: number, passed: number) =>
    f.testDb.db.query(
      `INSERT INTO journey_node_counts (journey_id, version, node_id, port, ab_path, hour, slot, passed)
       VALUES ($1, 1, $2, 'out', '', $3, $4, $5)`,
      [journeyId, node, at, slot, passed],
    );
  // Five hours ago: one node counted by three concurrent steps, one already folded once.
  await add('start', hour(5), 0, 10);
  await add('start', hour(5), 3, 7);
  await add('start', hour(5), 11, 5);
  await add('sms', hour(5), 9, 4);
  // This hour: steps are still counting into it.
  await add('start', hour(0), 2, 6);
  await add('start', hour(0), 8, 1);

  expect((await sweep(f.r)).foldedCounts).toBe(3);
  expect((await rows()).map((r) => [r.node_id, r.hour.getTime(), r.slot, r.passed])).toEqual([
    ['sms', hour(5).getTime(), 0, 4],
    ['start', hour(5).getTime(), 0, 22],
    ['start', hour(0).getTime(), 2, 6],
    ['start', hour(0).getTime(), 8, 1],
  ]);
  expect((await sweep(f.r)).foldedCounts).toBe(0);
});

const hourMs = 3_600_000;
const journeyIn = (timeZone: string) =>
  publishJourney(
    f,
    graph(
      [
        { id: 'start', type: 'trigger.event', config: { event: 'salary_in' } },
        { id: 'done', type: 'exit', config: { reason: 'done' } },
      ],
      [['start', 'out', 'done']],
      { timeZone },
    ),
  );

/** Four days of hourly counts up to this hour, some hours counted by several steps (slots). */
async function addFourDaysOfCounts(journeyId: string) {
  const thisHour = Math.floor(f.clock.now().getTime() / hourMs) * hourMs;
  await f.testDb.db.query(
    `INSERT INTO journey_node_counts (journey_id, version, node_id, port, ab_path, hour, slot, passed)
     SELECT $1, 1, 'start', 'out', '', to_timestamp(($2::bigint - h * 3600000) / 1000.0), s, h % 7 + s + 1
       FROM generate_series(0, 95) h, generate_series(0, 2) s WHERE s = 0 OR h % 5 = 0`,
    [journeyId, thisHour],
  );
}

it('folds hours older than two days into one row per local day of each journey, keeping every total and day', async () => {
  const shanghai = await journeyIn('Asia/Shanghai');
  const newYork = await journeyIn('America/New_York');
  await addFourDaysOfCounts(shanghai);
  await addFourDaysOfCounts(newYork);
  // What a planner reads: the total, and the entries per local day (as the timeline groups them).
  const perDay = (id: string, timeZone: string) =>
    f.testDb.db.query<{ day: string; n: number }>(
      `SELECT to_char(hour AT TIME ZONE $2, 'YYYY-MM-DD') AS day, sum(passed)::int AS n
         FROM journey_node_counts WHERE journey_id = $1 GROUP BY 1 ORDER BY 1`,
      [id, timeZone],
    );
  const rowsOf = async (id: string) =>
    (
      await f.testDb.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM journey_node_counts WHERE journey_id = $1',
        [id],
      )
    )[0]?.n;
  const daysBefore = {
    shanghai: await perDay(shanghai, 'Asia/Shanghai'),
    newYork: await perDay(newYork, 'America/New_York'),
  };
  expect(await rowsOf(shanghai)).toBe(96 + 2 * 20);

  const swept = await sweep(f.r);
  // Hours that began more than two days ago (49 to 95 hours ago), their slots folded into slot 0 first.
  expect(swept.foldedHours).toBe(2 * 47);
  expect(await perDay(shanghai, 'Asia/Shanghai')).toEqual(daysBefore.shanghai);
  expect(await perDay(newYork, 'America/New_York')).toEqual(daysBefore.newYork);
  // The last two days stay hourly; each older local day is one row at its local midnight.
  const dayRows = await f.testDb.db.query<{ journey_id: string; hour: Date }>(
    `SELECT journey_id, hour FROM journey_node_counts WHERE slot = -1 ORDER BY journey_id, hour`,
  );
  const midnight = (at: Date, timeZone: string) =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(at);
  for (const row of dayRows) {
    expect(midnight(row.hour, row.journey_id === shanghai ? 'Asia/Shanghai' : 'America/New_York')).toBe(
      '00:00',
    );
  }
  expect(dayRows.filter((row) => row.journey_id === shanghai).length).toBeGreaterThanOrEqual(2);
  // 49 hours, plus this hour's two step slots that are not folded yet, plus the day rows.
  expect(await rowsOf(shanghai)).toBe(49 + 2 + dayRows.filter((row) => row.journey_id === shanghai).length);
  expect((await sweep(f.r)).foldedHours).toBe(0);
});

it('keeps folding every other journey when one is in a time zone Postgres does not know', async () => {
  const known = await journeyIn('Asia/Shanghai');
  // Node's ICU still knows this retired tz link; Postgres's tz database does not.
  const unknown = await journeyIn('US/Pacific-New');
  await addFourDaysOfCounts(known);
  await addFourDaysOfCounts(unknown);
  const hourly = async (id: string) =>
    (
      await f.testDb.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM journey_node_counts WHERE journey_id = $1 AND slot >= 0',
        [id],
      )
    )[0]?.n;
  const unknownBefore = await hourly(unknown);

  const swept = await sweep(f.r);
  expect(swept.foldedHours).toBe(47);
  expect(await hourly(known)).toBe(49 + 2);
  // Its hours stay as they were (their slots folded into slot 0), nothing lost.
  expect(await hourly(unknown)).toBe(96 + 2);
  expect(unknownBefore).toBe(96 + 2 * 20);
});
