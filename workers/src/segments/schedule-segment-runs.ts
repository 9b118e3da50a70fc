import { localParts } from '@waymark/journey/runtime';
import type { EngineResources } from '../runtime/resources.ts';
import { minutesOfDay } from '../steps/time-of-day.ts';

type Schedule =
  | { kind: 'once' }
  | { kind: 'daily'; time: string }
  | { kind: 'weekly'; weekdays: number[]; time: string };

/**
 * Queues today's run of every live daily or weekly segment journey once its local time has come.
 * The run is named by the local date, so every sweep of the day queues the same job (a no-op
 * after the first) and members already enrolled are skipped by the enrollment itself. One-off
 * runs are queued by the server when the journey is published.
 */
export async function scheduleSegmentRuns(r: EngineResources): Promise<number> {
  const now = r.clock.now();
  let queued = 0;
  for (const journey of (await r.journeys.snapshot()).live) {
    const zone = journey.version.settings.timeZone;
    for (const trigger of journey.version.triggers.segment) {
      const schedule = (trigger.config as { schedule: Schedule }).schedule;
      if (schedule.kind === 'once') continue;
      const local = localParts(now, zone);
      if (schedule.kind === 'weekly' && !schedule.weekdays.includes(local.weekday)) continue;
      if (local.hour * 60 + local.minute < minutesOfDay(schedule.time)) continue;
      const runId = `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`;
      await r.producers.segments.enroll({ journeyId: journey.id, version: journey.version.version, runId });
      queued += 1;
    }
  }
  return queued;
}
