import { type Db, schema } from '@waymark/db';
import type { Producers, Redis } from '@waymark/queues';
import { announceJourneyChange } from '@waymark/workers';
import { and, eq } from 'drizzle-orm';
import type { AppDeps, JourneyLifecycleChange } from './deps.ts';

/**
 * How the API hands work to the engine: through the queue catalog's typed producers (the only
 * thing taken from the workers package is the announcement of journey changes), never by running
 * processors. Ingested events become event jobs; publishing a segment journey starts its
 * enrollment run; pause, resume and archive become lifecycle jobs. Every job id is deterministic,
 * so a retried request never queues the same work twice. Every lifecycle change is also announced
 * on Redis pub/sub, so each worker process drops its cached journey list at once: an event sent
 * right after a publish enrolls, one sent right after a pause does not.
 */
export function engineHandoff(
  db: Db,
  producers: Producers,
  redis: Redis,
): Pick<AppDeps, 'onEventsIngested' | 'onJourneyLifecycle'> {
  return {
    onEventsIngested: (eventIds) => producers.events.ingested(eventIds),
    onJourneyLifecycle: async (change) => {
      // Neither waits for the other: a failed announcement must not keep the lifecycle job from
      // being queued (workers see the change within their journey cache's TTL anyway).
      const results = await Promise.allSettled([
        announceJourneyChange(redis, producers.prefix, change.journeyId),
        queueEngineWork(db, producers, change),
      ]);
      const failed = results.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}

async function queueEngineWork(db: Db, producers: Producers, change: JourneyLifecycleChange): Promise<void> {
  const { journeyId, action, version } = change;
  if (action !== 'publish') {
    await producers.lifecycle.request({ journeyId, action });
    return;
  }
  if (version === null || !(await startsFromSegment(db, journeyId, version))) return;
  await producers.segments.enroll({ journeyId, version });
}

async function startsFromSegment(db: Db, journeyId: string, version: number): Promise<boolean> {
  const [row] = await db.orm
    .select({ graph: schema.journeyVersions.graph })
    .from(schema.journeyVersions)
    .where(and(eq(schema.journeyVersions.journeyId, journeyId), eq(schema.journeyVersions.version, version)));
  const nodes = (row?.graph as { nodes?: { type?: string }[] } | undefined)?.nodes ?? [];
  return nodes.some((node) => node.type === 'trigger.segment');
}
