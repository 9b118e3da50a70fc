import type { Db } from '@waymark/db';

/** Passes out of one node through one port by customers on one A/B path (summed over hours). */
export type PortCount = {
  nodeId: string;
  port: string;
  /** The A/B path as the engine keys it: '' before any split, else `{"split":"variant"}`. */
  abPath: string;
  n: number;
};

/** The engine's per-node counts of a journey (one version, or all), summed over hours and slots. */
export function readPortCounts(db: Db, journeyId: string, version: number | undefined): Promise<PortCount[]> {
  return db.query<PortCount>(
    `SELECT node_id AS "nodeId", port, ab_path AS "abPath", sum(passed)::float8 AS n
       FROM journey_node_counts
      WHERE journey_id = $1 AND ($2::int IS NULL OR version = $2)
      GROUP BY node_id, port, ab_path`,
    [journeyId, version ?? null],
  );
}

/** The variant an A/B path key holds for `splitNodeId`, if the customers passed that split. */
export function variantOf(abPath: string | Record<string, string>, splitNodeId: string): string | undefined {
  if (abPath === '') return undefined;
  const parsed = typeof abPath === 'string' ? (JSON.parse(abPath) as Record<string, string>) : abPath;
  return parsed[splitNodeId];
}
