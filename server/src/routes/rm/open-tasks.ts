import type { Db } from '@waymark/db';
import type { PiiCipher } from '@waymark/db/crypto';
import type { Principal } from '../../auth/principal.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { outcomeEventId } from './outcome-event.ts';
import type { RmTaskView } from './schemas.ts';
import { assignedAtOf, taskNodeOf } from './task-node.ts';
import { loadGraphs, loadOpenTaskRows, storedEventIds } from './task-rows.ts';
import { renderTalkingPoints, showCustomer } from './task-view.ts';

export interface OpenTaskPage {
  items: RmTaskView[];
  nextCursor: string | null;
  /** Customers whose name and phone this page shows in clear (for the audit log). */
  clearCustomerIds: string[];
}

/**
 * A page of open tasks, soonest deadline first. A task whose outcome was just recorded stays
 * `waiting` until the engine takes the event up; it is left out here so it does not come back on
 * a refresh (such a page may then hold fewer than `limit` items; the cursor is still exact).
 */
export async function listOpenTasks(
  deps: { db: Db; cipher: PiiCipher; now: Date },
  principal: Principal,
  query: { rmUserId?: string; limit: number; cursor?: string | undefined },
): Promise<OpenTaskPage> {
  const after = query.cursor ? decodeCursor(query.cursor, ['date', 'number']) : undefined;
  const rows = await loadOpenTaskRows(deps.db, {
    limit: query.limit + 1,
    ...(query.rmUserId !== undefined && { rmUserId: query.rmUserId }),
    ...(after && { after }),
  });
  const page = rows.slice(0, query.limit);
  const graphs = await loadGraphs(
    deps.db,
    page.map((row) => ({ journeyId: row.journey_id, version: row.version })),
  );
  const recorded = await storedEventIds(
    deps.db,
    page.flatMap((row) =>
      row.wake_at
        ? [outcomeEventId({ enrollmentId: row.id, nodeId: row.current_node, dueAt: row.wake_at })]
        : [],
    ),
  );

  const items: RmTaskView[] = [];
  const clearCustomerIds: string[] = [];
  for (const row of page) {
    const node = taskNodeOf(graphs.get(row.journey_id, row.version), row.current_node);
    const dueAt = row.wake_at;
    if (!node || !dueAt) continue;
    if (recorded.has(outcomeEventId({ enrollmentId: row.id, nodeId: row.current_node, dueAt }))) continue;
    const customer = showCustomer(deps.cipher, principal, row);
    if (!customer.view.piiMasked) clearCustomerIds.push(row.customer_id);
    const talkingPoints = renderTalkingPoints(node, customer.forScript, {
      journeyId: row.journey_id,
      event: row.trigger_properties,
      now: deps.now,
    });
    items.push({
      enrollmentId: String(row.id),
      nodeId: row.current_node,
      journey: { id: row.journey_id, name: row.journey_name, status: row.journey_status },
      kind: node.kind,
      talkingPoints: talkingPoints.text,
      talkingPointsProblem: talkingPoints.problem,
      customer: customer.view,
      rmUserId: row.rm_user_id,
      assignedAt: assignedAtOf(dueAt, node),
      dueAt,
      overdue: dueAt.getTime() < deps.now.getTime(),
      outcome: null,
      note: null,
      recordedAt: null,
    });
  }
  const last = page[page.length - 1];
  return {
    items,
    nextCursor: rows.length > query.limit && last?.wake_at ? encodeCursor([last.wake_at, last.id]) : null,
    clearCustomerIds,
  };
}
