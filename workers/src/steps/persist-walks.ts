import type { ProfileChange } from '@waymark/journey/runtime';
import type { EngineResources } from '../runtime/resources.ts';
import type { Walk } from './walk-enrollment.ts';

const terminal = new Set(['completed', 'exited', 'failed']);

/**
 * Makes walks real. Each enrollment moves only if it is still exactly where the walk started
 * (`current_node`, `status` and `wake_at` unchanged: the conditional update), so a duplicate or
 * concurrent job for the same enrollment changes nothing; its transitions are written in the same
 * statement, and only for the enrollments that moved. Profile changes (rare) join them in one
 * transaction. Returns the ids that moved.
 */
export async function persistWalks(
  r: EngineResources,
  walks: readonly Walk[],
  now: Date,
): Promise<Set<number>> {
  const changed = walks.filter((w) => w.changed);
  if (changed.length === 0) return new Set();
  if (!changed.some((w) => w.profile.length > 0)) return moveAndRecord(r.db, changed, now);
  return r.db.transaction(async (tx) => {
    const moved = await moveAndRecord(tx, changed, now);
    await applyProfileChanges(
      tx,
      changed.filter((w) => moved.has(w.enrollment.id)),
      now,
    );
    return moved;
  });
}

async function moveAndRecord(
  db: EngineResources['db'],
  changed: readonly Walk[],
  now: Date,
): Promise<Set<number>> {
  const transitions = changed.flatMap((w) =>
    w.transitions.map((t) => ({ enrollment: w.enrollment, nodeId: t.nodeId, port: t.port })),
  );
  const moved = await db.query<{ id: number }>(
    `WITH v AS (
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[],
                            $7::text[], $8::jsonb[], $9::text[], $10::boolean[], $11::timestamptz[])
         AS v(id, expected_node, expected_status, node, status, wake_at, waiting_event, ab_path, exit_reason,
              terminal, expected_wake)
     ), moved AS (
       UPDATE enrollments e
          SET current_node = v.node, status = v.status, wake_at = v.wake_at, waiting_event = v.waiting_event,
              ab_path = v.ab_path, exit_reason = COALESCE(v.exit_reason, e.exit_reason),
              exited_at = CASE WHEN v.terminal THEN $12 ELSE e.exited_at END, updated_at = $12
         FROM v
        WHERE e.id = v.id AND e.current_node = v.expected_node AND e.status = v.expected_status
          AND e.wake_at IS NOT DISTINCT FROM v.expected_wake
        RETURNING e.id
     ), recorded AS (
       INSERT INTO step_transitions (enrollment_id, journey_id, version, node_id, port, at)
       SELECT t.enrollment_id, t.journey_id, t.version, t.node_id, t.port, $12
         FROM unnest($13::bigint[], $14::uuid[], $15::int[], $16::text[], $17::text[])
              WITH ORDINALITY AS t(enrollment_id, journey_id, version, node_id, port, n)
        WHERE t.enrollment_id IN (SELECT id FROM moved)
        ORDER BY t.n
     )
     SELECT id FROM moved`,
    [
      changed.map((w) => w.enrollment.id),
      changed.map((w) => w.enrollment.current_node),
      changed.map((w) => w.enrollment.status),
      changed.map((w) => w.state.node),
      changed.map((w) => w.state.status),
      changed.map((w) => w.state.wakeAt),
      changed.map((w) => w.state.waitingEvent),
      changed.map((w) => JSON.stringify(w.state.abPath)),
      changed.map((w) => w.state.exitReason),
      changed.map((w) => terminal.has(w.state.status)),
      changed.map((w) => w.enrollment.wake_at),
      now,
      transitions.map((t) => t.enrollment.id),
      transitions.map((t) => t.enrollment.journey_id),
      transitions.map((t) => t.enrollment.version),
      transitions.map((t) => t.nodeId),
      transitions.map((t) => t.port),
    ],
    { prepare: true },
  );
  return new Set(moved.map((m) => m.id));
}

async function applyProfileChanges(
  db: EngineResources['db'],
  walks: readonly Walk[],
  now: Date,
): Promise<void> {
  const byCustomer = new Map<string, ProfileChange[]>();
  for (const w of walks) {
    if (w.profile.length === 0) continue;
    byCustomer.set(w.enrollment.customer_id, [
      ...(byCustomer.get(w.enrollment.customer_id) ?? []),
      ...w.profile,
    ]);
  }
  for (const [customerId, changes] of byCustomer) {
    const set: Record<string, unknown> = {};
    const cleared: string[] = [];
    const add = new Set<string>();
    const remove = new Set<string>();
    for (const change of changes) {
      for (const [name, value] of Object.entries(change.setAttributes)) {
        if (value === null) {
          cleared.push(name);
          delete set[name];
        } else set[name] = value;
      }
      for (const t of change.addTags) {
        add.add(t);
        remove.delete(t);
      }
      for (const t of change.removeTags) {
        remove.add(t);
        add.delete(t);
      }
    }
    await db.query(
      `UPDATE customers
          SET attributes = (attributes || $2::jsonb) - $3::text[],
              tags = ARRAY(SELECT DISTINCT t FROM unnest(tags || $4::text[]) AS t WHERE NOT t = ANY($5::text[]) ORDER BY t),
              updated_at = $6
        WHERE id = $1`,
      [customerId, JSON.stringify(set), cleared, [...add], [...remove], now],
    );
  }
}
