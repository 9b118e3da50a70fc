import type { Db } from '@waymark/db';
import type { PiiCipher } from '@waymark/db/crypto';
import type { Principal } from '../../auth/principal.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { readOutcome, rmTaskOutcomeEvent } from './outcome-event.ts';
import type { RmTaskView } from './schemas.ts';
import { assignedAtOf, taskNodeOf } from './task-node.ts';
import { loadGraphs } from './task-rows.ts';
import { showCustomer } from './task-view.ts';

/** How far back "recently recorded" reaches. */
const RECENT_DAYS = 30;

interface RecordedRow extends Record<string, unknown> {
  seq: number;
  customer_id: string;
  properties: Record<string, unknown>;
  occurred_at: Date;
  rm_user_id: string | null;
  branch: string | null;
  attributes: Record<string, unknown>;
  tags: string[];
  name_enc: string | null;
  phone_enc: string | null;
  journey_name: string | null;
  journey_status: string | null;
}

/**
 * Outcomes recorded through the workbench in the last 30 days, newest first, read from the
 * outcome events themselves (the enrollments have moved on by then). Events of that name sent
 * by other systems, without the workbench's properties, are left out.
 */
export async function listRecordedTasks(
  deps: { db: Db; cipher: PiiCipher; now: Date },
  principal: Principal,
  query: { rmUserId?: string; limit: number; cursor?: string | undefined },
): Promise<{ items: RmTaskView[]; nextCursor: string | null; clearCustomerIds: string[] }> {
  const after = query.cursor ? decodeCursor(query.cursor, ['date', 'number']) : undefined;
  const values: unknown[] = [
    rmTaskOutcomeEvent,
    new Date(deps.now.getTime() - RECENT_DAYS * 86_400_000),
    query.limit + 1,
  ];
  const where = ['ev.name = $1', 'ev.occurred_at >= $2', `ev.properties ? 'recordedBy'`];
  if (query.rmUserId !== undefined) {
    values.push(query.rmUserId);
    where.push(`c.rm_user_id = $${values.length}`);
  }
  if (after) {
    values.push(after[0], after[1]);
    where.push(`(ev.occurred_at, ev.seq) < ($${values.length - 1}::timestamptz, $${values.length}::bigint)`);
  }
  const rows = await deps.db.query<RecordedRow>(
    `SELECT ev.seq, ev.customer_id, ev.properties, ev.occurred_at,
            c.rm_user_id, c.branch, c.attributes, c.tags, c.name_enc, c.phone_enc,
            j.name AS journey_name, j.status AS journey_status
       FROM events ev
       JOIN customers c ON c.id = ev.customer_id
       LEFT JOIN journeys j ON j.id::text = ev.properties->>'journeyId'
      WHERE ${where.join(' AND ')}
      ORDER BY ev.occurred_at DESC, ev.seq DESC
      LIMIT $3`,
    values,
  );
  const page = rows.slice(0, query.limit);
  const outcomes = page.map((row) => readOutcome(row.properties));
  const graphs = await loadGraphs(
    deps.db,
    outcomes.flatMap((o) => (o ? [{ journeyId: o.journeyId, version: o.version }] : [])),
  );

  const items: RmTaskView[] = [];
  const clearCustomerIds: string[] = [];
  page.forEach((row, i) => {
    const outcome = outcomes[i];
    if (!outcome) return;
    const customer = showCustomer(deps.cipher, principal, row);
    if (!customer.view.piiMasked) clearCustomerIds.push(row.customer_id);
    const dueAt = new Date(outcome.dueAt);
    const node = taskNodeOf(graphs.get(outcome.journeyId, outcome.version), outcome.nodeId);
    items.push({
      enrollmentId: String(outcome.enrollmentId),
      nodeId: outcome.nodeId,
      journey: {
        id: outcome.journeyId,
        name: row.journey_name ?? '',
        status: row.journey_status ?? 'archived',
      },
      kind: outcome.kind,
      talkingPoints: null,
      talkingPointsProblem: null,
      customer: customer.view,
      rmUserId: row.rm_user_id,
      assignedAt: node ? assignedAtOf(dueAt, node) : dueAt,
      dueAt,
      overdue: false,
      outcome: outcome.outcome,
      note: outcome.note ?? null,
      recordedAt: row.occurred_at,
    });
  });
  const last = page[page.length - 1];
  return {
    items,
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.occurred_at, last.seq]) : null,
    clearCustomerIds,
  };
}
