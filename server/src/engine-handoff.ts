import { type Db, schema } from '@waymark/db';
import type { Producers } from '@waymark/queues';
import { and, eq } from 'drizzle-orm';
import type { AppDeps } from './deps.ts';

/**
 * How the API hands work to the engine: through the queue catalog's typed producers, never by
 * importing the workers. Ingested events become event jobs; publishing a segment journey starts
 * its enrollment run; pause, resume and archive become lifecycle jobs. Every job id is
 * deterministic, so a retried request never queues the same work twice.
 */
export function engineHandoff(
  db: Db,
  producers: Producers,
): Pick<AppDeps, 'onEventsIngested' | 'onJourneyLifecycle'> {
  return {
    onEventsIngested: (eventIds) => producers.events.ingested(eventIds),
    onJourneyLifecycle: async ({ journeyId, action, version }) => {
      if (action !== 'publish') {
        await producers.lifecycle.request({ journeyId, action });
        return;
      }
      if (version === null || !(await startsFromSegment(db, journeyId, version))) return;
      await producers.segments.enroll({ journeyId, version });
    },
  };
}

async function startsFromSegment(db: Db, journeyId: string, version: number): Promise<boolean> {
  const [row] = await db.orm
    .select({ graph: schema.journeyVersions.graph })
    .from(schema.journeyVersions)
    .where(and(eq(schema.journeyVersions.journeyId, journeyId), eq(schema.journeyVersions.version, version)));
  const nodes = (row?.graph as { nodes?: { type?: string }[] } | undefined)?.nodes ?? [];
  return nodes.some((node) => node.type === 'trigger.segment');
}
