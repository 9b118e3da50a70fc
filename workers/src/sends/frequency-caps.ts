import type { EngineResources } from '../runtime/resources.ts';

/** Messages of a journey counted against its frequency cap: everything that went or may go out. */
const counted = `('claimed', 'queued', 'sent', 'delivered', 'unknown')`;

/**
 * How many messages each customer already has from the journey in the cap's window, in one query
 * per journey. The caller adds the messages it claims in the same batch as it goes.
 */
export async function recentMessageCounts(
  r: EngineResources,
  journeyId: string,
  customerIds: readonly string[],
  since: Date,
): Promise<Map<string, number>> {
  const rows = await r.db.query<{ customer_id: string; n: number }>(
    `SELECT customer_id, count(*)::int AS n FROM messages
      WHERE journey_id = $1 AND customer_id = ANY($2::text[]) AND created_at >= $3
        AND channel <> 'webhook' AND status IN ${counted}
      GROUP BY customer_id`,
    [journeyId, customerIds, since],
  );
  return new Map(rows.map((row) => [row.customer_id, row.n]));
}
