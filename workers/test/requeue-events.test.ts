import { insertEvents } from '@waymark/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processEvents } from '../src/events/process-event.ts';
import { requeueUnprocessedEvents } from '../src/maintenance/requeue-events.ts';
import { createEngineFixture, type EngineFixture } from './support/engine-fixture.ts';

// No worker runs here: the queue shows exactly what the sweep queued.
const graceMs = 60_000;
let f: EngineFixture;

beforeAll(async () => {
  f = await createEngineFixture({ label: 'requeue-events', settings: { unprocessedEventGraceMs: graceMs } });
});
afterAll(() => f.close());

/** Stores events as the server does, `ageMs` before the database's now. */
async function store(ids: string[], ageMs = 0): Promise<void> {
  await insertEvents(
    f.testDb.db,
    ids.map((eventId) => ({ eventId, customerId: 'C000001', name: 'login', occurredAt: f.clock.now() })),
  );
  await f.testDb.db.query(
    `UPDATE events SET received_at = now() - make_interval(secs => $2) WHERE event_id = ANY($1::text[])`,
    [ids, ageMs / 1000],
  );
}

async function queuedEventIds(): Promise<string[]> {
  const jobs = await f.r.producers.queue('events').getJobs(['waiting']);
  return jobs.flatMap((job) => (job.data as { eventIds: string[] }).eventIds).sort();
}

describe('the sweep of stored events whose job was lost', () => {
  it('queues old unprocessed events once, and leaves recent and processed ones alone', async () => {
    await store(['lost-1', 'lost-2', 'lost-3'], 10 * 60_000);
    await store(['done-1'], 10 * 60_000);
    await processEvents(f.r, ['done-1']);
    await store(['fresh-1']);

    expect(await requeueUnprocessedEvents(f.r)).toBe(3);
    expect(await queuedEventIds()).toEqual(['lost-1', 'lost-2', 'lost-3']);
    // The next sweep names the same jobs: nothing is queued twice while they wait.
    expect(await requeueUnprocessedEvents(f.r)).toBe(3);
    expect(await queuedEventIds()).toEqual(['lost-1', 'lost-2', 'lost-3']);

    await processEvents(f.r, ['lost-1', 'lost-2', 'lost-3']);
    await f.r.producers.queue('events').drain();
    expect(await requeueUnprocessedEvents(f.r)).toBe(0);
  });

  it('waits while the event queue is behind by more than the grace period', async () => {
    await store(['behind-1'], 10 * 60_000);
    await f.r.producers
      .queue('events')
      .add(
        'events',
        { eventIds: ['queued-long-ago'] },
        { jobId: 'old-job', timestamp: Date.now() - 2 * graceMs },
      );
    expect(await requeueUnprocessedEvents(f.r)).toBe(0);
    expect(await queuedEventIds()).toEqual(['queued-long-ago']);
    await f.r.producers.queue('events').drain();
    expect(await requeueUnprocessedEvents(f.r)).toBe(1);
  });

  it('finds them through the partial index of unprocessed events', async () => {
    // A table of history, almost all of it processed, as in production.
    await f.testDb.db.query(
      `INSERT INTO events (event_id, customer_id, name, occurred_at, processed_at)
       SELECT 'history-' || i, 'C000001', 'login', now(), now() FROM generate_series(1, 20000) i`,
    );
    await f.testDb.db.query('ANALYZE events');
    const plan = await f.testDb.db.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT seq, event_id FROM events
        WHERE processed_at IS NULL AND seq > 0 AND received_at < now() - interval '2 minutes'
        ORDER BY seq LIMIT 1000`,
    );
    expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain('events_unprocessed_idx');
  });
});
