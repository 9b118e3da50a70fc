import type { Condition } from '@waymark/conditions';
import { type Db, schema } from '@waymark/db';
import {
  bindStarter,
  starterConnectorRef,
  starterJourneys,
  starterSegments,
  starterTemplates,
} from '@waymark/journey';

/** Segments a bank's planners would start from, over the real data set's attributes. */
export const demoSegments: { key: string; name: string; description: string; condition: Condition }[] = [
  {
    key: 'wealth-prospects',
    name: '理财潜客 · Wealth prospects',
    description: 'Balance of at least 10,000 and no personal loan.',
    condition: {
      type: 'all',
      conditions: [
        { type: 'attribute', field: 'balance', valueType: 'number', op: 'gte', value: 10_000 },
        { type: 'attribute', field: 'loan', valueType: 'boolean', op: 'is', value: false },
      ],
    },
  },
  {
    key: 'young-professionals',
    name: '年轻白领 · Young professionals',
    description: 'Under 35, working in management or a technical job.',
    condition: {
      type: 'all',
      conditions: [
        { type: 'attribute', field: 'age', valueType: 'number', op: 'lt', value: 35 },
        {
          type: 'attribute',
          field: 'job',
          valueType: 'string',
          op: 'in',
          value: ['management', 'technician'],
        },
      ],
    },
  },
  {
    key: 'previous-success',
    name: '上次营销成功 · Converted last campaign',
    description: 'The previous campaign ended in a subscription.',
    condition: { type: 'attribute', field: 'poutcome', valueType: 'string', op: 'eq', value: 'success' },
  },
  {
    key: 'homeowners-with-savings',
    name: '有房有存款 · Homeowners with savings',
    description: 'Tagged homeowner with a balance above 3,000.',
    condition: {
      type: 'all',
      conditions: [
        { type: 'tag', op: 'has', tag: 'homeowner' },
        { type: 'attribute', field: 'balance', valueType: 'number', op: 'gt', value: 3_000 },
      ],
    },
  },
];

/** Templates beyond the starters' own, so the templates page shows other channels too. */
export const extraDemoTemplates: { name: string; channel: schema.Channel; subject?: string; body: string }[] =
  [
    {
      name: '理财到期提醒',
      channel: 'sms',
      body: '尊敬的{{customer.name}}，您的定期存款{{currency attributes.balance}}即将到期，到期后可续存或转购理财。拒收请回复R',
    },
    {
      name: 'Monthly wealth update',
      channel: 'email',
      subject: '{{customer.name}}, your monthly wealth update',
      body: '<p>Dear {{customer.name}},</p><p>Your balance is {{currency attributes.balance}}.</p>',
    },
  ];

/**
 * Demo connectors (kinds from @waymark/connectors): one per channel the starters send through,
 * the first of its channel, and WeCom customer contact through the relationship managers.
 * They are seeded without credentials: each start points them at the demo sandbox.
 */
export const demoConnectors = [
  { id: 'demo-sms', kind: 'http-sms-gateway', channel: 'sms', name: '演示短信网关 · Demo SMS gateway' },
  { id: 'demo-wecom', kind: 'wecom', channel: 'wecom', name: '演示企业微信 · Demo WeCom' },
  { id: 'demo-push', kind: 'http-push-gateway', channel: 'push', name: '演示 App 推送 · Demo app push' },
  { id: 'demo-email', kind: 'smtp-email', channel: 'email', name: '演示邮件服务器 · Demo mail relay' },
  {
    id: 'demo-wecom-contact',
    kind: 'wecom-contact',
    channel: 'wecom',
    name: '演示企业微信 · 客户经理转发 · Demo WeCom via RMs',
  },
] as const satisfies readonly { id: string; kind: string; channel: schema.Channel; name: string }[];

/**
 * Adds the demo connectors a demo database seeded by an earlier version lacks, without
 * credentials as the seed does, so an existing demo gains new ones. Only in a database that
 * holds a demo connector already (one seeded as a demo), and never one someone deleted (the
 * audit log says so). Returns the ids added; re-running adds nothing.
 */
export async function addMissingDemoConnectors(db: Db): Promise<string[]> {
  const ids = demoConnectors.map((c) => c.id);
  const present = await db.query<{ id: string }>('SELECT id FROM connectors WHERE id = ANY($1)', [ids]);
  if (present.length === 0) return [];
  const deleted = await db.query<{ id: string }>(
    `SELECT DISTINCT subject_id AS id FROM audit_log
      WHERE subject_type = 'connector' AND action = 'connector.deleted' AND subject_id = ANY($1)`,
    [ids],
  );
  const skip = new Set([...present, ...deleted].map((row) => row.id));
  const added: string[] = [];
  for (const c of demoConnectors) {
    if (skip.has(c.id)) continue;
    const rows = await db.orm
      .insert(schema.connectors)
      .values({ ...c })
      .onConflictDoNothing()
      .returning({ id: schema.connectors.id });
    if (rows.length > 0) added.push(c.id);
  }
  return added;
}

/**
 * Inserts the demo segments, templates and connectors, then the starter journeys as drafts with
 * their placeholders bound to those records (so they open valid in the canvas).
 */
export async function seedDemoContent(db: Db, createdBy: string | null): Promise<void> {
  const bindings: Record<string, string> = {};
  for (const s of demoSegments) {
    await db.orm
      .insert(schema.segments)
      .values({ name: s.name, description: s.description, condition: s.condition, createdBy });
  }
  for (const s of starterSegments) {
    const [row] = await db.orm
      .insert(schema.segments)
      .values({ name: `${s.name['zh-CN']} · ${s.name.en}`, condition: s.condition, createdBy })
      .returning({ id: schema.segments.id });
    if (row) bindings[s.ref] = row.id;
  }
  for (const t of starterTemplates) {
    const [row] = await db.orm
      .insert(schema.templates)
      .values({ name: t.name['zh-CN'], channel: t.channel, body: t.suggestedBody, createdBy })
      .returning({ id: schema.templates.id });
    if (row) bindings[t.ref] = row.id;
  }
  for (const t of extraDemoTemplates) {
    await db.orm.insert(schema.templates).values({ ...t, subject: t.subject ?? null, createdBy });
  }
  for (const c of demoConnectors) {
    await db.orm
      .insert(schema.connectors)
      .values({ ...c })
      .onConflictDoNothing();
    // The starters send through the first connector of each channel (WeCom application messages).
    bindings[starterConnectorRef(c.channel)] ??= c.id;
  }
  for (const starter of starterJourneys) {
    await db.orm.insert(schema.journeys).values({
      name: starter.name['zh-CN'],
      description: starter.description['zh-CN'],
      draft: bindStarter(starter.graph, bindings),
      createdBy,
      updatedBy: createdBy,
    });
  }
}
