import { randomUUID } from 'node:crypto';
import type { JourneyGraph } from '@waymark/journey';
import type { EngineFixture } from './engine-fixture.ts';

type NodeSpec = { id: string; type: string; config: unknown };
type EdgeSpec = [source: string, port: string, target: string];

/** Builds a graph from nodes and `[source, port, target]` edges (positions do not matter here). */
export function graph(
  nodes: NodeSpec[],
  edges: EdgeSpec[],
  settings: JourneyGraph['settings'] = {},
): JourneyGraph {
  return {
    nodes: nodes.map((n, i) => ({ ...n, position: { x: i * 200, y: 0 } })),
    edges: edges.map(([source, sourceHandle, target], i) => ({ id: `e${i}`, source, sourceHandle, target })),
    settings,
  };
}

/** Stores a journey with one published version and makes it live, as the server's publish does. */
export async function publishJourney(f: EngineFixture, g: JourneyGraph, status = 'live'): Promise<string> {
  const id = randomUUID();
  await f.testDb.db.query(
    `INSERT INTO journeys (id, name, status, draft, live_version) VALUES ($1, 'Test journey', $2, $3, 1)`,
    [id, status, JSON.stringify(g)],
  );
  await f.testDb.db.query('INSERT INTO journey_versions (journey_id, version, graph) VALUES ($1, 1, $2)', [
    id,
    JSON.stringify(g),
  ]);
  return id;
}

/** Per node and port, how many enrollments left that way (what the canvas shows on the edges). */
export async function transitionCounts(f: EngineFixture, journeyId: string): Promise<Record<string, number>> {
  const rows = await f.testDb.db.query<{ node_id: string; port: string; n: number }>(
    `SELECT node_id, port, sum(passed)::int AS n FROM journey_node_counts WHERE journey_id = $1 GROUP BY 1, 2`,
    [journeyId],
  );
  return Object.fromEntries(rows.map((r) => [`${r.node_id}.${r.port}`, r.n]));
}

export async function enrollmentStatuses(
  f: EngineFixture,
  journeyId: string,
): Promise<Record<string, number>> {
  const rows = await f.testDb.db.query<{ status: string; n: number }>(
    'SELECT status, count(*)::int AS n FROM enrollments WHERE journey_id = $1 GROUP BY 1',
    [journeyId],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Resolves when every queue of the engine is idle (nothing waiting, active or due). */
export async function drained(f: EngineFixture, timeoutMs = 30_000): Promise<void> {
  const keys = ['events', 'steps', 'deliver-sms', 'wakeups', 'segments', 'lifecycle'] as const;
  const started = Date.now();
  // Two idle looks in a row: a job finishing between two queue reads may have queued work in a
  // queue already read as empty.
  let idleLooks = 0;
  for (;;) {
    let busy = 0;
    for (const key of keys) {
      const counts = await f.r.producers.queue(key).getJobCounts('waiting', 'active', 'prioritized');
      busy += (counts.waiting ?? 0) + (counts.active ?? 0) + (counts.prioritized ?? 0);
    }
    idleLooks = busy === 0 ? idleLooks + 1 : 0;
    if (idleLooks >= 2) return;
    if (Date.now() - started > timeoutMs) throw new Error(`queues still busy after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
