import { type Db, schema } from '@waymark/db';
import { diffGraphs, graphSchema, type JourneyGraph, type Problem, validate } from '@waymark/journey';
import { and, eq } from 'drizzle-orm';
import { appError } from '../../errors/app-error.ts';
import { databaseTimeZoneProblem } from './database-time-zone.ts';
import { loadValidationContext } from './validation-context.ts';

type JourneyRow = typeof schema.journeys.$inferSelect;

function problemsToErrors(problems: readonly Problem[]) {
  return problems.map((p) => ({
    path: [p.nodeId ? `nodes.${p.nodeId}` : p.edgeId ? `edges.${p.edgeId}` : 'graph', ...(p.path ?? [])].join(
      '.',
    ),
    message: p.message,
  }));
}

/**
 * The journey's draft as it would go live, or the reason it cannot: 422 `journey.invalid` with
 * every problem, or 409 `journey.unchanged` when it is the live version again. Publishing checks
 * this, and so does asking for approval (an approver should never review what cannot go live).
 */
export async function publishableDraft(tx: Db, journey: JourneyRow, now: Date): Promise<JourneyGraph> {
  const problems = validate(journey.draft, await loadValidationContext(tx, now));
  if (problems.length === 0) {
    const zone = await databaseTimeZoneProblem(tx, journey.draft);
    if (zone) problems.push(zone);
  }
  if (problems.length > 0) {
    throw appError('journey.invalid', `${problems.length} problem(s): ${problems[0]?.message ?? ''}`, {
      errors: problemsToErrors(problems),
      extensions: { problems },
    });
  }
  const graph = graphSchema.parse(journey.draft);
  if (journey.liveVersion !== null) {
    const [live] = await tx.orm
      .select({ graph: schema.journeyVersions.graph })
      .from(schema.journeyVersions)
      .where(
        and(
          eq(schema.journeyVersions.journeyId, journey.id),
          eq(schema.journeyVersions.version, journey.liveVersion),
        ),
      );
    if (live && diffGraphs(live.graph as JourneyGraph, graph).unchanged) {
      throw appError(
        'journey.unchanged',
        journey.status === 'paused' ? 'To restart a paused journey, resume it.' : undefined,
      );
    }
  }
  return graph;
}
