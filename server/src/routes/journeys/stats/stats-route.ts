import { schema } from '@waymark/db';
import type { JourneyGraph } from '@waymark/journey';
import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, idParams } from '../../../lib/http-schemas.ts';
import { loadJourney } from '../load-journey.ts';
import { journeyTimeline, timelineDaySchema } from './journey-timeline.ts';
import { readPortCounts } from './node-counts.ts';
import { type ConversionsByPath, variantStats, variantStatsSchema } from './variant-stats.ts';

const statsSchema = z
  .object({
    version: z.number().int().nullable().describe('The version counted; null for all versions'),
    updatedAt: z.date(),
    totals: z.object({
      entered: z.number().int(),
      active: z.number().int().describe('Inside the journey now, running or waiting'),
      completed: z.number().int().describe('Left the journey (finished or exited)'),
      failed: z.number().int(),
      converted: z.number().int(),
    }),
    nodes: z
      .record(z.string(), z.record(z.string(), z.number().int()))
      .describe(
        'Per node: entered, waiting, active, exited, errored (the engine failed on it), and the count through each output port',
      ),
    variants: z
      .array(variantStatsSchema)
      .describe('Per variant of every A/B split: entered, sent, converted'),
    timeline: z.array(timelineDaySchema).describe('Entries and conversions per day, oldest first'),
  })
  .meta({ id: 'JourneyStats' });

const terminal = new Set(['completed', 'exited']);

/**
 * Live per-node counts, per-variant results and entries and conversions over time, from what the
 * engine recorded (enrollments, its per-node counts, conversions).
 */
export const journeyStatsRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:id/stats',
    {
      config: { permission: 'reports.read' },
      schema: {
        tags: ['journeys', 'reports'],
        summary:
          'How many customers entered, wait at and left each node, how each A/B variant converts, and entries and conversions per day',
        params: idParams,
        querystring: z.object({
          version: z.coerce.number().int().min(1).optional(),
          days: z.coerce
            .number()
            .int()
            .min(1)
            .max(366)
            .default(30)
            .describe('Days of timeline, today included'),
        }),
        response: { 200: statsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const journey = await loadJourney(app.db, request.params.id);
      const { version, days } = request.query;
      const filter = version === undefined ? '' : ' AND version = $2';
      const values = version === undefined ? [journey.id] : [journey.id, version];
      const ports = await readPortCounts(app.db, journey.id, version);
      const positions = await app.db.query<{ current_node: string; status: string; n: number }>(
        `SELECT current_node, status, count(*)::int AS n FROM enrollments WHERE journey_id = $1${filter} GROUP BY current_node, status`,
        values,
      );
      const conversions = await app.db.query<ConversionsByPath>(
        `SELECT ab_path AS "abPath", count(*)::int AS n, COALESCE(sum(value), 0)::float8 AS value
           FROM conversions WHERE journey_id = $1${filter} GROUP BY ab_path`,
        values,
      );

      const nodes: Record<string, Record<string, number>> = {};
      const add = (node: string, key: string, n: number) => {
        nodes[node] ??= {};
        nodes[node][key] = (nodes[node][key] ?? 0) + n;
      };
      const byPort = new Map<string, number>();
      for (const row of ports) {
        add(row.nodeId, row.port, row.n);
        const key = `${row.nodeId}\u0000${row.port}`;
        byPort.set(key, (byPort.get(key) ?? 0) + row.n);
      }

      // A node's "entered" is what flowed into it along the graph's edges; a trigger's is what it let in.
      const graphVersion = version ?? journey.liveVersion;
      const [frozen] =
        graphVersion === null
          ? []
          : await app.db.orm
              .select({ graph: schema.journeyVersions.graph })
              .from(schema.journeyVersions)
              .where(
                and(
                  eq(schema.journeyVersions.journeyId, journey.id),
                  eq(schema.journeyVersions.version, graphVersion),
                ),
              );
      const graph = (frozen?.graph ?? journey.draft) as JourneyGraph;
      const targeted = new Set(graph.edges.map((edge) => edge.target));
      for (const edge of graph.edges) {
        add(edge.target, 'entered', byPort.get(`${edge.source}\u0000${edge.sourceHandle}`) ?? 0);
      }
      for (const node of graph.nodes) {
        if (node.type.startsWith('trigger.') && !targeted.has(node.id)) {
          add(node.id, 'entered', byPort.get(`${node.id}\u0000out`) ?? 0);
        }
      }

      const converted = conversions.reduce((sum, c) => sum + c.n, 0);
      const totals = { entered: 0, active: 0, completed: 0, failed: 0, converted };
      for (const row of positions) {
        totals.entered += row.n;
        if (row.status === 'active' || row.status === 'waiting') {
          totals.active += row.n;
          add(row.current_node, row.status, row.n);
        } else if (terminal.has(row.status)) {
          totals.completed += row.n;
          add(row.current_node, 'exited', row.n);
        } else {
          totals.failed += row.n;
          add(row.current_node, 'errored', row.n);
        }
      }
      const now = app.clock.now();
      return {
        version: version ?? null,
        updatedAt: now,
        totals,
        nodes,
        variants: variantStats(graph, ports, conversions),
        timeline: await journeyTimeline(app.db, { journeyId: journey.id, version, graph, days, now }),
      };
    },
  );
};
