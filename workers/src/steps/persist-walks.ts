import type { ProfileChange } from '@waymark/journey/runtime';
import type { EngineResources } from '../runtime/resources.ts';
import type { Walk } from './walk-enrollment.ts';

const terminal = new Set(['completed', 'exited', 'failed']);

/**
 * Makes walks real. Each enrollment moves only if it is still exactly where the walk started
 * (`current_node`, `status` and `wake_at` unchanged: the conditional update), so a duplicate or
 * concurrent job for the same enrollment changes nothing; the per-node counts of its transitions
 * are added in the same statement, and only for the enrollments that moved. Profile changes (rare) join them in one
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

/** Counter rows per node and port; concurrent steps spread over this many so they seldom wait on one row. */
const countSlots = 16;

async function moveAndRecord(
  db: EngineResources['db'],
  changed: readonly Walk[],
  now: Date,
): Promise<Set<number>> {
  const passes = countPasses(changed);
  const moved = await db.query<{ id: number }>(
    `WITH v AS (
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[],
                            $7::text[], $8::jsonb[], $9::text[], $10::boolean[], $11::timestamptz[], $12::jsonb[])
         AS v(id, expected_node, expected_status, node, status, wake_at, waiting_event, ab_path, exit_reason,
              terminal, expected_wake, visits)
     ), moved AS (
       UPDATE enrollments e
          SET current_node = v.node, status = v.status, wake_at = v.wake_at, waiting_event = v.waiting_event,
              ab_path = v.ab_path, exit_reason = COALESCE(v.exit_reason, e.exit_reason),
              visits = COALESCE(v.visits, e.visits),
              exited_at = CASE WHEN v.terminal THEN $13 ELSE e.exited_at END, updated_at = $13
         FROM v
        -- The id list again, as an index condition: joined to v alone, the planner hashes a seq
        -- scan of the whole table (cheaper on its disk-cost model), which grows with every enrollment.
        WHERE e.id = ANY($1::bigint[]) AND e.id = v.id AND e.current_node = v.expected_node AND e.status = v.expected_status
          AND e.wake_at IS NOT DISTINCT FROM v.expected_wake
        RETURNING e.id
     ), counted AS (
       -- Passes are counted per group of (journey, version, node, port, path), numbered by the
       -- caller: only what moved is counted, and rows are locked in key order so two steps never deadlock.
       INSERT INTO journey_node_counts AS n (journey_id, version, node_id, port, ab_path, hour, slot, passed)
       SELECT g.journey_id, g.version, g.node_id, g.port, g.ab_path, date_trunc('hour', $13::timestamptz, 'UTC'), $14,
              c.passed
         FROM (SELECT p.g, count(*) AS passed
                 FROM unnest($15::bigint[], $16::int[]) AS p(enrollment_id, g)
                WHERE p.enrollment_id IN (SELECT id FROM moved)
                GROUP BY p.g) c
         JOIN unnest($17::uuid[], $18::int[], $19::text[], $20::text[], $21::text[])
              WITH ORDINALITY AS g(journey_id, version, node_id, port, ab_path, g) ON g.g = c.g
        ORDER BY 1, 2, 3, 4, 5
       ON CONFLICT (journey_id, version, node_id, port, ab_path, hour, slot)
       DO UPDATE SET passed = n.passed + excluded.passed
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
      changed.map((w) => (w.state.visits ? JSON.stringify(w.state.visits) : null)),
      now,
      Math.floor(Math.random() * countSlots),
      passes.enrollmentIds,
      passes.groupOfPass,
      passes.groups.journeyIds,
      passes.groups.versions,
      passes.groups.nodeIds,
      passes.groups.ports,
      passes.groups.paths,
    ],
    { prepare: true },
  );
  return new Set(moved.map((m) => m.id));
}

/**
 * The walks' transitions as parallel arrays: one entry per pass out of a node (the enrollment and
 * its group's number, counted from 1), and one per distinct group. A batch has a few groups and
 * thousands of passes, so Postgres groups small integers instead of sorting text keys.
 */
function countPasses(changed: readonly Walk[]) {
  const groups = {
    journeyIds: [] as string[],
    versions: [] as number[],
    nodeIds: [] as string[],
    ports: [] as string[],
    paths: [] as string[],
  };
  const numbers = new Map<string, number>();
  const enrollmentIds: number[] = [];
  const groupOfPass: number[] = [];
  for (const { enrollment, transitions } of changed) {
    for (const t of transitions) {
      const key = `${enrollment.journey_id}\u0000${enrollment.version}\u0000${t.nodeId}\u0000${t.port}\u0000${t.path}`;
      let group = numbers.get(key);
      if (group === undefined) {
        groups.journeyIds.push(enrollment.journey_id);
        groups.versions.push(enrollment.version);
        groups.nodeIds.push(t.nodeId);
        groups.ports.push(t.port);
        groups.paths.push(t.path);
        group = groups.journeyIds.length;
        numbers.set(key, group);
      }
      enrollmentIds.push(enrollment.id);
      groupOfPass.push(group);
    }
  }
  return { enrollmentIds, groupOfPass, groups };
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
