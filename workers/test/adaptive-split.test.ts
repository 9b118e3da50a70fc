import { insertEvents } from '@waymark/db';
import { abSplitNode } from '@waymark/journey/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningEngine, startEngine } from '../src/engine.ts';
import { advanceEnrollments } from '../src/steps/advance-enrollments.ts';
import { createEngineFixture, type EngineFixture, insertCustomers } from './support/engine-fixture.ts';
import { drained, graph, publishJourney, transitionCounts } from './support/journeys.ts';

let f: EngineFixture;
let engine: RunningEngine;

beforeAll(async () => {
  f = await createEngineFixture({ label: 'adaptive' });
  await insertCustomers(
    f,
    Array.from({ length: 60 }, (_, i) => ({ id: `N${String(i + 1).padStart(6, '0')}` })),
  );
  engine = await startEngine(f.r, { groups: ['events', 'steps'], sweepIntervalMs: false });
});
afterAll(async () => {
  await engine.close();
  await f.close();
});

/** salary_in → an auto-winner split → one exit per variant. */
function autoWinnerJourney(): Promise<string> {
  return publishJourney(
    f,
    graph(
      [
        { id: 'start', type: 'trigger.event', config: { event: 'salary_in' } },
        abSplitNode('ab', { mode: 'auto-winner' }),
        { id: 'doneA', type: 'exit', config: { reason: 'A' } },
        { id: 'doneB', type: 'exit', config: { reason: 'B' } },
      ],
      [
        ['start', 'out', 'ab'],
        ['ab', 'A', 'doneA'],
        ['ab', 'B', 'doneB'],
      ],
    ),
  );
}

it('sends everyone to the variant that converts significantly better, judged from the counts so far', async () => {
  const journeyId = await autoWinnerJourney();
  // Earlier traffic: 200 customers each way; B converted 40 times, A 10 times.
  for (const variant of ['A', 'B']) {
    await f.testDb.db.query(
      `INSERT INTO journey_node_counts (journey_id, version, node_id, port, ab_path, hour, slot, passed)
       VALUES ($1, 1, 'ab', $2, $3, date_trunc('hour', now()), 0, 200)`,
      [journeyId, variant, JSON.stringify({ ab: variant })],
    );
    const conversions = variant === 'B' ? 40 : 10;
    for (let i = 0; i < conversions; i++) {
      await f.testDb.db.query(
        `INSERT INTO conversions (enrollment_id, journey_id, version, customer_id, ab_path)
         VALUES ($1, $2, 1, 'earlier', $3)`,
        [1_000_000 + i + (variant === 'B' ? 100 : 0), journeyId, JSON.stringify({ ab: variant })],
      );
    }
  }

  const events = Array.from({ length: 60 }, (_, i) => ({
    eventId: `salary-${i}`,
    customerId: `N${String(i + 1).padStart(6, '0')}`,
    name: 'salary_in',
    occurredAt: f.clock.now(),
  }));
  await insertEvents(f.testDb.db, events);
  await f.r.producers.events.ingested(events.map((e) => e.eventId));
  await drained(f);

  const counts = await transitionCounts(f, journeyId);
  expect(counts['start.out']).toBe(60);
  expect(counts['ab.B']).toBe(260);
  expect(counts['ab.A']).toBe(200);
});

it('reads an adaptive split’s counts once per few seconds, however many batches step through it', async () => {
  const journeyId = await autoWinnerJourney();
  const enrolled = await f.testDb.db.query<{ id: number }>(
    `INSERT INTO enrollments (journey_id, version, customer_id, current_node, status)
     SELECT $1, 1, id, 'start', 'active' FROM customers ORDER BY id LIMIT 30 RETURNING id`,
    [journeyId],
  );
  const reads: string[] = [];
  const recording = {
    ...f.r,
    db: {
      ...f.r.db,
      query: ((text: string, values?: unknown[]) => {
        if (text.includes('FROM conversions')) reads.push(text);
        return f.r.db.query(text, values);
      }) as typeof f.r.db.query,
    },
  };
  const batches = [0, 10, 20].map((start) => enrolled.slice(start, start + 10).map((e) => e.id));
  await advanceEnrollments(recording, batches[0]!);
  await advanceEnrollments(recording, batches[1]!);
  expect(reads).toHaveLength(1);
  f.clock.advance(f.r.settings.splitStatsMaxAgeMs);
  await advanceEnrollments(recording, batches[2]!);
  expect(reads).toHaveLength(2);
  const counts = await transitionCounts(f, journeyId);
  expect((counts['ab.A'] ?? 0) + (counts['ab.B'] ?? 0)).toBe(30);
});
