import type { Db } from '@waymark/db';
import { rmTaskOutcomeEvent } from './outcome-event.ts';

/** An enrollment with what a task shows of its journey and customer (PII still encrypted). */
export interface TaskRow extends Record<string, unknown> {
  id: number;
  journey_id: string;
  version: number;
  current_node: string;
  status: string;
  waiting_event: string | null;
  wake_at: Date | null;
  journey_name: string;
  journey_status: string;
  customer_id: string;
  rm_user_id: string | null;
  branch: string | null;
  attributes: Record<string, unknown>;
  tags: string[];
  name_enc: string | null;
  phone_enc: string | null;
  /** The properties of the event that enrolled the customer, for `{{event.*}}` in the talking points. */
  trigger_properties: Record<string, unknown> | null;
}

const taskColumns = `
  e.id, e.journey_id, e.version, e.current_node, e.status, e.waiting_event, e.wake_at,
  j.name AS journey_name, j.status AS journey_status,
  c.id AS customer_id, c.rm_user_id, c.branch, c.attributes, c.tags, c.name_enc, c.phone_enc,
  t.properties AS trigger_properties`;

const taskJoins = `
  JOIN journeys j ON j.id = e.journey_id
  LEFT JOIN events t ON t.event_id = e.trigger_event_id`;

export interface OpenTaskQuery {
  /** Only the customers this relationship manager looks after; every manager's when absent. */
  rmUserId?: string;
  /** Keyset position: tasks after this deadline and enrollment id. */
  after?: readonly [Date, number];
  limit: number;
}

/**
 * Enrollments parked at an rm.task node of a live or paused journey, soonest deadline first.
 * Waiting for the outcome event is what only rm.task nodes do, so `waiting_event` names them
 * without reading the graphs. Every manager's list reads the index of open tasks in deadline
 * order; one manager's may instead start from their customers (`customers_rm_user_idx`), as the
 * planner finds cheaper: neither walks the customers waiting elsewhere in the journeys.
 */
export async function loadOpenTaskRows(db: Db, query: OpenTaskQuery): Promise<TaskRow[]> {
  const values: unknown[] = [rmTaskOutcomeEvent, query.limit];
  const where = [`e.status = 'waiting'`, 'e.waiting_event = $1', `j.status IN ('live', 'paused')`];
  if (query.rmUserId !== undefined) {
    values.push(query.rmUserId);
    where.push(`c.rm_user_id = $${values.length}`);
  }
  if (query.after) {
    values.push(query.after[0], query.after[1]);
    where.push(`(e.wake_at, e.id) > ($${values.length - 1}::timestamptz, $${values.length}::bigint)`);
  }
  return db.query<TaskRow>(
    `SELECT ${taskColumns}
       FROM enrollments e
       JOIN customers c ON c.id = e.customer_id
       ${taskJoins}
      WHERE ${where.join(' AND ')}
      ORDER BY e.wake_at, e.id
      LIMIT $2`,
    values,
  );
}

/** One enrollment as a task, wherever it is now (its status and node say whether it is still open). */
export async function loadTaskRow(db: Db, enrollmentId: number): Promise<TaskRow | undefined> {
  const [row] = await db.query<TaskRow>(
    `SELECT ${taskColumns}
       FROM enrollments e
       JOIN customers c ON c.id = e.customer_id
       ${taskJoins}
      WHERE e.id = $1`,
    [enrollmentId],
  );
  return row;
}

const versionKey = (journeyId: string, version: number) => `${journeyId}:${version}`;

/** The frozen graphs of these journey versions, by `journeyId:version`. */
export async function loadGraphs(
  db: Db,
  versions: readonly { journeyId: string; version: number }[],
): Promise<{ get(journeyId: string, version: number): unknown }> {
  const unique = [...new Map(versions.map((v) => [versionKey(v.journeyId, v.version), v])).values()];
  const rows =
    unique.length === 0
      ? []
      : await db.query<{ journey_id: string; version: number; graph: unknown }>(
          `SELECT v.journey_id, v.version, v.graph
             FROM journey_versions v
             JOIN unnest($1::uuid[], $2::int[]) AS w(journey_id, version)
               ON v.journey_id = w.journey_id AND v.version = w.version`,
          [unique.map((v) => v.journeyId), unique.map((v) => v.version)],
        );
  const graphs = new Map(rows.map((row) => [versionKey(row.journey_id, row.version), row.graph]));
  return { get: (journeyId, version) => graphs.get(versionKey(journeyId, version)) };
}

/** Which of these outcome event ids are stored already (recorded, perhaps not yet processed). */
export async function storedEventIds(db: Db, eventIds: readonly string[]): Promise<Set<string>> {
  if (eventIds.length === 0) return new Set();
  const rows = await db.query<{ event_id: string }>(
    'SELECT event_id FROM events WHERE event_id = ANY($1::text[])',
    [eventIds],
  );
  return new Set(rows.map((row) => row.event_id));
}
