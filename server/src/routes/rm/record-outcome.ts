import { type Db, insertEvents } from '@waymark/db';
import type { FastifyBaseLogger } from 'fastify';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Principal } from '../../auth/principal.ts';
import type { AppDeps } from '../../deps.ts';
import { appError } from '../../errors/app-error.ts';
import {
  type OutcomeProperties,
  outcomeEventId,
  type RmTaskOutcome,
  readOutcome,
  rmTaskOutcomeEvent,
} from './outcome-event.ts';
import { type TaskNode, taskNodeOf } from './task-node.ts';
import { loadGraphs, loadTaskRow, type TaskRow } from './task-rows.ts';

export interface OutcomeRequest {
  enrollmentId: string;
  nodeId: string;
  outcome: RmTaskOutcome;
  note?: string | undefined;
}

interface Deps {
  db: Db;
  now: Date;
  onEventsIngested: AppDeps['onEventsIngested'];
  log: FastifyBaseLogger;
}

/**
 * Records a relationship manager's outcome as an `rm.task.outcome` event (stored and audited in
 * one transaction) and hands it to the engine exactly as POST /events does, so the customer moves
 * on through the port of that name. Refuses, with a code the workbench can explain: a task that
 * is not there (404), not the caller's customer (403), already recorded, expired or closed (409).
 */
export async function recordOutcome(
  deps: Deps,
  principal: Principal,
  request: OutcomeRequest,
): Promise<{ eventId: string; outcome: RmTaskOutcome; recordedAt: Date }> {
  const { row, node } = await findTask(deps.db, principal, request);
  const dueAt = await assertOpen(deps, row, request.nodeId);
  const eventId = outcomeEventId({ enrollmentId: row.id, nodeId: request.nodeId, dueAt });
  const properties: OutcomeProperties = {
    enrollmentId: row.id,
    nodeId: request.nodeId,
    outcome: request.outcome,
    journeyId: row.journey_id,
    version: row.version,
    kind: node.kind,
    dueAt: dueAt.toISOString(),
    recordedBy: principal.userId,
    ...(request.note && { note: request.note }),
  };
  const inserted = await deps.db.transaction(async (tx) => {
    const [stored] = await insertEvents(tx, [
      { eventId, customerId: row.customer_id, name: rmTaskOutcomeEvent, properties, occurredAt: deps.now },
    ]);
    if (stored?.status !== 'inserted') return false;
    await recordAudit(tx, deps.now, {
      actor: principal,
      action: 'rm-task.outcome-recorded',
      subjectType: 'enrollment',
      subjectId: String(row.id),
      details: {
        nodeId: request.nodeId,
        journeyId: row.journey_id,
        customerId: row.customer_id,
        outcome: request.outcome,
        hasNote: Boolean(request.note),
      },
    });
    return true;
  });
  if (!inserted) {
    // A double click, or a retry after a 503: say what was recorded, and make sure the engine has it.
    const existing = await outcomeById(deps.db, eventId);
    if (existing && existing.processedAt === null) await handToEngine(deps, eventId);
    throw alreadyRecorded(existing);
  }
  await handToEngine(deps, eventId);
  return { eventId, outcome: request.outcome, recordedAt: deps.now };
}

async function findTask(
  db: Db,
  principal: Principal,
  request: OutcomeRequest,
): Promise<{ row: TaskRow; node: TaskNode }> {
  const id = /^\d{1,15}$/.test(request.enrollmentId) ? Number(request.enrollmentId) : undefined;
  const row = id === undefined ? undefined : await loadTaskRow(db, id);
  if (!row) {
    throw appError(
      'rm-task.not-found',
      `No customer is in a journey under enrollment ${request.enrollmentId}.`,
    );
  }
  // Ownership first, so another manager learns nothing about the state of someone else's task.
  if (row.rm_user_id !== principal.userId) {
    throw appError(
      'rm-task.not-assigned',
      `Customer ${row.customer_id} is not one of your customers, so their task is not yours to close.`,
    );
  }
  const graphs = await loadGraphs(db, [{ journeyId: row.journey_id, version: row.version }]);
  const node = taskNodeOf(graphs.get(row.journey_id, row.version), request.nodeId);
  if (!node) {
    throw appError(
      'rm-task.not-found',
      `Step "${request.nodeId}" of journey "${row.journey_name}" (version ${row.version}) is not a relationship-manager task.`,
    );
  }
  return { row, node };
}

/** The deadline of the open task; otherwise why it cannot take an outcome. */
async function assertOpen(deps: Deps, row: TaskRow, nodeId: string): Promise<Date> {
  const waitingHere =
    row.status === 'waiting' &&
    row.current_node === nodeId &&
    row.waiting_event === rmTaskOutcomeEvent &&
    row.wake_at !== null;
  const journeyRuns = row.journey_status === 'live' || row.journey_status === 'paused';
  if (!waitingHere || !journeyRuns) {
    const existing = await latestOutcome(deps.db, row, nodeId);
    if (existing) throw alreadyRecorded(existing);
    throw appError('rm-task.closed', closedDetail(row, nodeId, journeyRuns));
  }
  const dueAt = row.wake_at as Date;
  if (deps.now.getTime() > dueAt.getTime()) {
    throw appError(
      'rm-task.expired',
      `The task for customer ${row.customer_id} was due by ${dueAt.toISOString()}; the journey continues through "expired".`,
      { extensions: { dueAt: dueAt.toISOString() } },
    );
  }
  return dueAt;
}

function closedDetail(row: TaskRow, nodeId: string, journeyRuns: boolean): string {
  if (!journeyRuns) return `Journey "${row.journey_name}" is ${row.journey_status}, so its tasks are closed.`;
  if (row.status === 'completed' || row.status === 'exited' || row.status === 'failed') {
    return `Customer ${row.customer_id} has already left journey "${row.journey_name}".`;
  }
  if (row.current_node !== nodeId) {
    return `Customer ${row.customer_id} has moved on from this step of journey "${row.journey_name}" (the task expired or was closed).`;
  }
  return `Customer ${row.customer_id} is being moved on from this step right now; refresh your task list.`;
}

interface StoredOutcome {
  outcome: OutcomeProperties | null;
  recordedAt: Date;
  processedAt: Date | null;
}

interface OutcomeEventRow extends Record<string, unknown> {
  properties: Record<string, unknown>;
  occurred_at: Date;
  processed_at: Date | null;
}

const toStored = (row: OutcomeEventRow): StoredOutcome => ({
  outcome: readOutcome(row.properties),
  recordedAt: row.occurred_at,
  processedAt: row.processed_at,
});

async function outcomeById(db: Db, eventId: string): Promise<StoredOutcome | undefined> {
  const [row] = await db.query<OutcomeEventRow>(
    'SELECT properties, occurred_at, processed_at FROM events WHERE event_id = $1',
    [eventId],
  );
  return row && toStored(row);
}

/** The last outcome recorded for this enrollment at this node (through the customer's events index). */
async function latestOutcome(db: Db, row: TaskRow, nodeId: string): Promise<StoredOutcome | undefined> {
  const [event] = await db.query<OutcomeEventRow>(
    `SELECT properties, occurred_at, processed_at FROM events
      WHERE customer_id = $1 AND name = $2
        AND properties->>'enrollmentId' = $3 AND properties->>'nodeId' = $4
      ORDER BY occurred_at DESC, seq DESC
      LIMIT 1`,
    [row.customer_id, rmTaskOutcomeEvent, String(row.id), nodeId],
  );
  return event && toStored(event);
}

function alreadyRecorded(existing: StoredOutcome | undefined) {
  const outcome = existing?.outcome?.outcome;
  const recordedAt = existing?.recordedAt.toISOString();
  return appError(
    'rm-task.already-recorded',
    outcome
      ? `"${outcome}" was recorded for this task at ${recordedAt}.`
      : 'An outcome was already recorded for this task.',
    { extensions: { ...(outcome && { outcome }), ...(recordedAt && { recordedAt }) } },
  );
}

async function handToEngine(deps: Deps, eventId: string): Promise<void> {
  if (!deps.onEventsIngested) return;
  try {
    await deps.onEventsIngested([eventId]);
  } catch (err) {
    deps.log.error({ err }, 'rm task outcome stored but not handed to the engine');
    throw appError(
      'service.unavailable',
      'The outcome was recorded but could not be queued for the journey yet. It will be picked up automatically; you can also press the button again.',
    );
  }
}
