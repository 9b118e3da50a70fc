import type { Db } from '@waymark/db';

/** Live or paused journeys whose running version has a send node using this connector. */
export async function journeysSendingThrough(
  db: Db,
  connectorId: string,
): Promise<{ id: string; name: string }[]> {
  return db.query<{ id: string; name: string }>(
    `SELECT j.id, j.name FROM journeys j
     JOIN journey_versions v ON v.journey_id = j.id AND v.version = j.live_version
     WHERE j.status IN ('live', 'paused')
       AND jsonb_path_exists(v.graph, '$.nodes[*] ? (@.type == "send").config.connectorId ? (@ == $id)', jsonb_build_object('id', $1::text))
     ORDER BY j.name`,
    [connectorId],
  );
}
