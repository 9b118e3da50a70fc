import { type Condition, toSql } from '@waymark/conditions';
import type { ReEntryPolicy } from '@waymark/journey';
import type { EngineResources } from '../runtime/resources.ts';

export interface SegmentPage {
  /** Customers of the segment looked at in this page (0 when the segment is exhausted). */
  scanned: number;
  /** Enrollments created (customers already enrolled are skipped by ON CONFLICT). */
  enrolledIds: number[];
  /** The last customer id of the page: where the next page starts. */
  lastCustomerId: string | null;
}

export interface SegmentPageInput {
  journeyId: string;
  version: number;
  triggerNodeId: string;
  runId: string;
  condition: Condition;
  reEntry: ReEntryPolicy;
  cursor: string | null;
  pageSize: number;
}

/**
 * Enrolls one page of a segment with a single INSERT … SELECT: the segment's condition compiled to
 * SQL picks the next `pageSize` customers after the cursor (in id order, so pages never overlap),
 * and ON CONFLICT DO NOTHING skips anyone already enrolled (by entry number or by this run's
 * trigger marker), which makes a retried page harmless.
 */
export async function enrollSegmentPage(r: EngineResources, input: SegmentPageInput): Promise<SegmentPage> {
  const now = r.clock.now();
  const runTag = `segment:${input.runId}`;
  const base = [
    input.journeyId,
    input.version,
    input.triggerNodeId,
    runTag,
    now,
    input.cursor ?? '',
    input.pageSize,
  ];
  const extra: unknown[] =
    input.reEntry.policy === 'afterDays' ? [new Date(now.getTime() - input.reEntry.days * 86_400_000)] : [];
  const where = toSql(input.condition, { now, customerAlias: 'c', paramOffset: base.length + extra.length });
  const entrySeq =
    input.reEntry.policy === 'once'
      ? '1'
      : '(SELECT COALESCE(max(x.entry_seq), 0) + 1 FROM enrollments x WHERE x.journey_id = $1 AND x.customer_id = page.id)';
  const eligible =
    input.reEntry.policy === 'once'
      ? 'true'
      : `NOT EXISTS (SELECT 1 FROM enrollments x WHERE x.journey_id = $1 AND x.customer_id = page.id
                      AND (x.trigger_event_id = $4 ${input.reEntry.policy === 'afterDays' ? 'OR x.entered_at > $8' : ''}))`;
  const [row] = await r.db.query<{ last_id: string | null; scanned: number; ids: number[] }>(
    `WITH page AS (
       SELECT c.id FROM customers c WHERE c.id > $6 AND (${where.text}) ORDER BY c.id LIMIT $7
     ), ins AS (
       INSERT INTO enrollments (journey_id, version, customer_id, entry_seq, current_node, status, trigger_event_id, entered_at, updated_at)
       SELECT $1, $2, page.id, ${entrySeq}, $3, 'active', $4, $5, $5 FROM page WHERE ${eligible}
       ON CONFLICT DO NOTHING
       RETURNING id
     )
     SELECT (SELECT max(id) FROM page) AS last_id, (SELECT count(*) FROM page)::int AS scanned,
            ARRAY(SELECT id FROM ins ORDER BY id) AS ids`,
    [...base, ...extra, ...where.values],
  );
  // int8[] comes back as strings from node-postgres; ids stay far below 2^53.
  const enrolledIds = (row?.ids ?? []).map(Number);
  return { scanned: row?.scanned ?? 0, enrolledIds, lastCustomerId: row?.last_id ?? null };
}
