import type { EngineResources } from '../runtime/resources.ts';
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
  const conversions = await recordConversions(r, event);
  const resumed = await resumeWaitingForEvent(r, event);
  const enrolled = await enrollFromEvent(r, event);
  for (const failure of enrolled.filter((e) => e.failedReason)) {
    r.log.warn('event for an unknown customer', {
      eventId,
      journeyId: failure.journeyId,
      reason: failure.failedReason,
    });
  }
  return { found: true, enrolled, resumed, conversions };
}
