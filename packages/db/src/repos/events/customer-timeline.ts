import type { Db } from '../../client/types.ts';

/** One entry of a customer's history, newest first. */
export type TimelineItem =
  | { kind: 'event'; id: string; at: Date; name: string; properties: Record<string, unknown> }
  | {
      kind: 'enrollment';
      id: string;
      at: Date;
      journeyId: string;
      version: number;
      status: string;
      currentNode: string;
      exitedAt: Date | null;
      exitReason: string | null;
    }
  | {
      kind: 'message';
      id: string;
      at: Date;
      journeyId: string | null;
      nodeId: string | null;
      channel: string;
      status: string;
      variant: string | null;
      reason: string | null;
    };

export interface TimelinePage {
  items: TimelineItem[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export interface TimelineQuery {
  /** Page size, 1–200 (default 50). */
  limit?: number;
  cursor?: string;
}

interface TimelineRow extends Record<string, unknown> {
  kind: TimelineItem['kind'];
  id: string;
  at: Date;
  /** Postgres' own text of `at`: microsecond precision, which a JS Date would lose in the cursor. */
  at_text: string;
  data: Record<string, unknown>;
}

// Each source is cut to one page before the union, so a customer with years of events costs one
// index range scan per source, not a sort of their whole history.
const sources = {
  event: `SELECT 'event' AS kind, seq::text AS id, occurred_at AS at,
            jsonb_build_object('name', name, 'properties', properties) AS data
          FROM events WHERE customer_id = $1`,
  enrollment: `SELECT 'enrollment' AS kind, id::text AS id, entered_at AS at,
            jsonb_build_object('journeyId', journey_id, 'version', version, 'status', status,
              'currentNode', current_node, 'exitedAt', exited_at, 'exitReason', exit_reason) AS data
          FROM enrollments WHERE customer_id = $1`,
  message: `SELECT 'message' AS kind, id::text AS id, created_at AS at,
            jsonb_build_object('journeyId', journey_id, 'nodeId', node_id, 'channel', channel,
              'status', status, 'variant', variant, 'reason', reason) AS data
          FROM messages WHERE customer_id = $1`,
};
const timeColumn = { event: 'occurred_at', enrollment: 'entered_at', message: 'created_at' } as const;
const idColumn = { event: 'seq', enrollment: 'id', message: 'id' } as const;

/**
 * A customer's events, journey enrollments and messages in one list, newest first, paged by a
 * keyset cursor (time, kind, id) so pages stay stable while new activity arrives.
 */
export async function getCustomerTimeline(
  db: Db,
  customerId: string,
  query: TimelineQuery = {},
): Promise<TimelinePage> {
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? 50), 1), 200);
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  const values: unknown[] = [customerId, limit + 1];
  if (cursor) values.push(cursor.at, cursor.kind, cursor.id);
  const parts = (Object.keys(sources) as (keyof typeof sources)[]).map((kind) => {
    const at = timeColumn[kind];
    const id = idColumn[kind];
    // Rows at the cursor's instant are ordered by (kind, id) descending, as the outer ORDER BY is.
    const after = cursor
      ? ` AND (${at} < $3::timestamptz OR (${at} = $3::timestamptz AND ('${kind}' < $4 OR ('${kind}' = $4 AND ${id} < $5::bigint))))`
      : '';
    return `(${sources[kind]}${after} ORDER BY ${at} DESC, ${id} DESC LIMIT $2)`;
  });
  const rows = await db.query<TimelineRow>(
    `SELECT kind, id, at, at::text AS at_text, data FROM (${parts.join(' UNION ALL ')}) t
     ORDER BY at DESC, kind DESC, id::bigint DESC LIMIT $2`,
    values,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toItem),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}

function toItem(row: TimelineRow): TimelineItem {
  const d = row.data;
  switch (row.kind) {
    case 'event':
      return {
        kind: 'event',
        id: row.id,
        at: row.at,
        name: d.name as string,
        properties: d.properties as Record<string, unknown>,
      };
    case 'enrollment':
      return {
        kind: 'enrollment',
        id: row.id,
        at: row.at,
        journeyId: d.journeyId as string,
        version: d.version as number,
        status: d.status as string,
        currentNode: d.currentNode as string,
        exitedAt: d.exitedAt ? new Date(d.exitedAt as string) : null,
        exitReason: (d.exitReason as string | null) ?? null,
      };
    case 'message':
      return {
        kind: 'message',
        id: row.id,
        at: row.at,
        journeyId: (d.journeyId as string | null) ?? null,
        nodeId: (d.nodeId as string | null) ?? null,
        channel: d.channel as string,
        status: d.status as string,
        variant: (d.variant as string | null) ?? null,
        reason: (d.reason as string | null) ?? null,
      };
  }
}

function encodeCursor(row: TimelineRow): string {
  return Buffer.from(JSON.stringify([row.at_text, row.kind, row.id])).toString('base64url');
}

function decodeCursor(cursor: string): { at: string; kind: string; id: string } {
  try {
    const [at, kind, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      string,
      string,
      string,
    ];
    if (!/^\d{4}-\d{2}-\d{2}[ T][\d:.+-]+$/.test(at) || !(kind in sources) || !/^\d+$/.test(id))
      throw new Error('bad cursor');
    return { at, kind, id };
  } catch {
    throw new RangeError('The timeline cursor is not valid: request the first page again.');
  }
}
