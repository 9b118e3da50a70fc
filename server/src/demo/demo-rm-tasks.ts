import type { Db } from '@waymark/db';
import type { JourneyGraph } from '@waymark/journey';

const hour = 3_600_000;

/**
 * A live journey that hands branch referrals (网点转介) to the customer's relationship manager:
 * trigger → call task (48 h SLA) → one exit per outcome. Valid as drawn, so a planner can open it.
 */
export const demoRmJourneyGraph: JourneyGraph = {
  nodes: [
    { id: 'referral', type: 'trigger.event', config: { event: 'branch_referral' }, position: { x: 0, y: 0 } },
    {
      id: 'rm-call',
      type: 'rm.task',
      config: {
        kind: 'call',
        slaHours: 48,
        script:
          '{{customer.name}}在网点咨询了{{default event.product "理财产品"}}，账户余额 {{currency attributes.balance}}。请电话了解其资金安排，介绍三个月期稳健理财。',
      },
      position: { x: 0, y: 160 },
    },
    { id: 'signed', type: 'exit', config: { reason: 'converted' }, position: { x: -260, y: 320 } },
    { id: 'declined', type: 'exit', config: { reason: 'not interested' }, position: { x: 0, y: 320 } },
    { id: 'no-call', type: 'exit', config: { reason: 'not called in time' }, position: { x: 260, y: 320 } },
  ],
  edges: [
    { id: 'e1', source: 'referral', sourceHandle: 'out', target: 'rm-call' },
    { id: 'e2', source: 'rm-call', sourceHandle: 'converted', target: 'signed' },
    { id: 'e3', source: 'rm-call', sourceHandle: 'not-interested', target: 'declined' },
    { id: 'e4', source: 'rm-call', sourceHandle: 'expired', target: 'no-call' },
  ],
  settings: { timeZone: 'Asia/Shanghai' },
};

/** How long ago each demo referral came in: some tasks are due soon, some have days left. */
const referredHoursAgo = [44, 30, 20, 9, 3, 1];

/**
 * Gives the demo relationship manager work on the first start: the journey above, live, with six
 * of their customers parked at its call task exactly as the engine parks them (waiting for
 * `rm.task.outcome` until the deadline), so 我的任务 lists them at once. Outcomes recorded there
 * go through the real engine; tasks nobody records expire on schedule.
 */
export async function seedDemoRmTasks(
  db: Db,
  options: { rmUserId: string; createdBy: string | null; now: Date },
): Promise<void> {
  const { rmUserId, createdBy, now } = options;
  const [journey] = await db.query<{ id: string }>(
    `INSERT INTO journeys (name, description, status, draft, live_version, created_by, updated_by)
     VALUES ($1, $2, 'live', $3, 1, $4, $4) RETURNING id`,
    [
      '网点转介 → 客户经理回访（演示）',
      '网点转介的客户由其客户经理在 48 小时内电话回访，按回访结果结束旅程。',
      JSON.stringify(demoRmJourneyGraph),
      createdBy,
    ],
  );
  if (!journey) throw new Error('the demo RM journey was not stored');
  await db.query(
    'INSERT INTO journey_versions (journey_id, version, graph, published_by) VALUES ($1, 1, $2, $3)',
    [journey.id, JSON.stringify(demoRmJourneyGraph), createdBy],
  );
  const customers = await db.query<{ id: string }>(
    // Referrals worth a call: customers with savings of 10,000 or more.
    `SELECT id FROM customers
      WHERE rm_user_id = $1
        AND CASE WHEN jsonb_typeof(attributes->'balance') = 'number'
                 THEN (attributes->>'balance')::numeric >= 10000 ELSE false END
      ORDER BY id LIMIT $2`,
    [rmUserId, referredHoursAgo.length],
  );
  for (const [i, customer] of customers.entries()) {
    const referredAt = new Date(now.getTime() - (referredHoursAgo[i] ?? 1) * hour);
    const eventId = `demo-referral-${customer.id}`;
    await db.query(
      `INSERT INTO events (event_id, customer_id, name, properties, occurred_at, processed_at)
       VALUES ($1, $2, 'branch_referral', $3, $4, $4) ON CONFLICT (event_id) DO NOTHING`,
      [eventId, customer.id, JSON.stringify({ product: i % 2 === 0 ? '大额存单' : '基金定投' }), referredAt],
    );
    await db.query(
      `INSERT INTO enrollments (journey_id, version, customer_id, current_node, status, wake_at, waiting_event,
                                trigger_event_id, entered_at, updated_at)
       VALUES ($1, 1, $2, 'rm-call', 'waiting', $3, 'rm.task.outcome', $4, $5, $5)`,
      [journey.id, customer.id, new Date(referredAt.getTime() + 48 * hour), eventId, referredAt],
    );
  }
  // The per-node counts the engine keeps: these customers left the trigger for the task.
  await db.query(
    `INSERT INTO journey_node_counts (journey_id, version, node_id, port, ab_path, hour, slot, passed)
     VALUES ($1, 1, 'referral', 'out', '', date_trunc('hour', $2::timestamptz), 0, $3)`,
    [journey.id, now, customers.length],
  );
}
