import type { EngineResources } from '../runtime/resources.ts';
import { advanceEnrollments, advanceLoaded } from '../steps/advance-enrollments.ts';
import { advanceNowOrQueue } from '../steps/advance-now-or-queue.ts';
import { buildStepContext } from '../steps/load-step-context.ts';
import type { LoadedEnrollment } from '../steps/loaded-enrollment.ts';
import { type EventEnrollment, enrollFromEvents } from './enroll-from-events.ts';
import { loadEvents } from './load-event.ts';
import { type ConversionRecord, recordConversions } from './record-conversions.ts';
import { resumeWaitingForEvent } from './resume-waiting.ts';

export interface EventOutcome {
  /** Events named by the job that are stored (the others are logged and skipped). */
  found: number;
  enrolled: EventEnrollment[];
  resumed: number;
  conversions: ConversionRecord[];
}

/**
 * Everything a batch of customer events causes, in the order they were stored: conversions first
 * (so an exit-on-goal customer is not also resumed), then waits resumed, then new enrollments
 * (one statement for the batch, which also marks the events processed; see `enrollFromEvents`).
 * An event whose job was lost before it was marked (a Redis flush, a crash) stays unprocessed
 * and the sweeper queues it again; its conversions, resumptions and entries, if already recorded,
 * are not repeated. The enrollments woken or started are then advanced together, inside this
 * job: a real-time moment reaches its send without a queue hop, a batch of events becomes one
 * batch of steps, and new enrollments step from the rows their insert returned (a crash before
 * that leaves them `active`, which the sweeper restarts). Each part is idempotent, so a retried
 * or duplicated job repeats nothing.
 */
export async function processEvents(r: EngineResources, eventIds: readonly string[]): Promise<EventOutcome> {
  const events = await loadEvents(r.db, eventIds);
  if (events.length < eventIds.length) {
    const stored = new Set(events.map((e) => e.eventId));
    r.log.warn('event job names events that are not stored', {
      missing: eventIds.filter((id) => !stored.has(id)),
    });
  }
  // Most events matter to no goal and no wait: the journey snapshot says so without a query.
  const { goalEvents, waitedEvents, live } = await r.journeys.snapshot();
  const outcome: EventOutcome = { found: events.length, enrolled: [], resumed: 0, conversions: [] };
  const resumed: number[] = [];
  for (const event of events) {
    if (goalEvents.has(event.name)) outcome.conversions.push(...(await recordConversions(r, event)));
    if (waitedEvents.has(event.name)) resumed.push(...(await resumeWaitingForEvent(r, event)));
  }
  outcome.enrolled = await enrollFromEvents(r, events, live);
  for (const failure of outcome.enrolled.filter((e) => e.failedReason)) {
    r.log.warn('event for an unknown customer', {
      eventId: failure.eventId,
      journeyId: failure.journeyId,
      reason: failure.failedReason,
    });
  }
  outcome.resumed = resumed.length;
  await advanceNow(r, resumed, 'event');
  await advanceEntered(
    r,
    outcome.enrolled.flatMap((e) => (e.loaded ? [e.loaded] : [])),
  );
  return outcome;
}

/** One event (what a duplicate delivery of a single event looks like). */
export function processEvent(r: EngineResources, eventId: string): Promise<EventOutcome> {
  return processEvents(r, [eventId]);
}

/** Moves the enrollments the events woke on now, sending what they reach inside this job. */
function advanceNow(r: EngineResources, ids: number[], cause: 'entered' | 'event'): Promise<void> {
  return advanceNowOrQueue(
    r,
    ids,
    (id) => id,
    (batch) => advanceEnrollments(r, batch, { deliverInline: true }),
    cause,
  );
}

/** Moves new enrollments on from the rows their insert returned: no second read of the batch. */
function advanceEntered(r: EngineResources, loaded: readonly LoadedEnrollment[]): Promise<void> {
  return advanceNowOrQueue(
    r,
    loaded,
    (row) => row.id,
    async (batch) => {
      const now = r.clock.now();
      await advanceLoaded(r, await buildStepContext(r, batch, now), now, { deliverInline: true });
    },
    'entered',
  );
}
