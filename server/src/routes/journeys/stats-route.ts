import { schema } from '@waymark/db';
import type { JourneyGraph } from '@waymark/journey';
import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, idParams } from '../../lib/http-schemas.ts';
import { loadJourney } from './load-journey.ts';

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
  })
  .meta({ id: 'JourneyStats' });

const terminal = new Set(['completed', 'exited']);

/** Live per-node counts from what the engine recorded (enrollments, per-node counts, conversions). */
export const journeyStatsRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:id/stats',
    {
      config: { permission: 'reports.read' },
      schema: {
        tags: ['journeys', 'reports'],
        summary: 'How many customers entered, wait at, and left each node (by output port)',
        params: idParams,
        querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
        response: { 200: statsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const journey = await loadJourney(app.db, request.params.id);
      const { version } = request.query;
      const filter = version === undefined ? '' : ' AND version = $2';
      const values = version === undefined ? [journey.id] : [journey.id, version];
      const ports = await app.db.query<{ node_id: string; port: string | null; n: number }>(
        `SELECT node_id, port, sum(passed)::int AS n FROM journey_node_counts WHERE journey_id = $1${filter} GROUP BY node_id, port`,
        values,
      );
      const positions = await app.db.query<{ current_node: string; status: string; n: number }>(
        `SELECT current_node, status, count(*)::int AS n FROM enrollments WHERE journey_id = $1${filter} GROUP BY current_node, status`,
        values,
      );
      const [conversions] = await app.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM conversions WHERE journey_id = $1${filter}`,
        values,
      );

      const nodes: Record<string, Record<string, number>> = {};
      const add = (node: string, key: string, n: number) => {
        nodes[node] ??= {};
        nodes[node][key] = (nodes[node][key] ?? 0) + n;
      };
      for (const row of ports) add(row.node_id, row.port ?? 'out', row.n);

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
      const byPort = new Map(ports.map((row) => [`${row.node_id}\u0000${row.port ?? 'out'}`, row.n]));
      const targeted = new Set(graph.edges.map((edge) => edge.target));
      for (const edge of graph.edges) {
        add(edge.target, 'entered', byPort.get(`${edge.source}\u0000${edge.sourceHandle}`) ?? 0);
      }
      for (const node of graph.nodes) {
        if (node.type.startsWith('trigger.') && !targeted.has(node.id)) {
          add(node.id, 'entered', byPort.get(`${node.id}\u0000out`) ?? 0);
        }
      }

      const totals = { entered: 0, active: 0, completed: 0, failed: 0, converted: conversions?.n ?? 0 };
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
      return { version: version ?? null, updatedAt: app.clock.now(), totals, nodes };
    },
  );
};
