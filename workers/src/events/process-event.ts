import type { EngineResources } from '../runtime/resources.ts';
import { advanceEnrollments } from '../steps/advance-enrollments.ts';
import { enqueueSteps } from '../waits/wake-due.ts';
import { type EventEnrollment, enrollFromEvent } from './enroll-from-event.ts';
import { loadEvent } from './load-event.ts';
import { type ConversionRecord, recordConversions } from './record-conversions.ts';
import { resumeWaitingForEvent } from './resume-waiting.ts';

export interface EventOutcome {
  found: boolean;
  enrolled: EventEnrollment[];
  resumed: number;
  conversions: ConversionRecord[];
}

/**
 * Moves the enrollments an event started or woke right away, inside the event job: a real-time
 * moment reaches its send without a queue hop. If that fails they go to the step queue instead
 * (and the sweeper restarts any left behind by a crash).
 */
async function advanceNow(r: EngineResources, ids: number[], cause: 'entered' | 'event'): Promise<void> {
  if (ids.length === 0) return;
  try {
    await advanceEnrollments(r, ids);
  } catch (error) {
    r.log.warn('inline step failed; queued instead', { error: (error as Error).message });
    await enqueueSteps(r, ids, cause);
  }
}

/**
 * Everything one customer event causes: conversions first (so an exit-on-goal customer is not
 * also resumed), then waits resumed, then new enrollments. Each part is idempotent, so a retried
 * or duplicated job repeats nothing.
 */
export async function processEvent(r: EngineResources, eventId: string): Promise<EventOutcome> {
  const event = await loadEvent(r.db, eventId);
  if (!event) {
    r.log.warn('event job for an event that is not stored', { eventId });
    return { found: false, enrolled: [], resumed: 0, conversions: [] };
  }
  // Most events matter to no goal and no wait: the journey snapshot says so without a query.
  const { goalEvents, waitedEvents } = await r.journeys.snapshot();
  const conversions = goalEvents.has(event.name) ? await recordConversions(r, event) : [];
  const resumed = waitedEvents.has(event.name) ? await resumeWaitingForEvent(r, event) : [];
  await advanceNow(r, resumed, 'event');
  const enrolled = await enrollFromEvent(r, event);
  await advanceNow(
    r,
    enrolled.filter((e) => !e.failedReason).map((e) => e.enrollmentId),
    'entered',
  );
  for (const failure of enrolled.filter((e) => e.failedReason)) {
    r.log.warn('event for an unknown customer', {
      eventId,
      journeyId: failure.journeyId,
      reason: failure.failedReason,
    });
  }
  return { found: true, enrolled, resumed: resumed.length, conversions };
}
