import type { Condition } from '@waymark/conditions';
import { type Db, schema } from '@waymark/db';

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

/** Scripts for the starter journeys; `key` is how the starters name the template they need. */
export const demoTemplates: {
  key: string;
  name: string;
  channel: schema.Channel;
  subject?: string;
  body: string;
}[] = [
  {
    key: 'large-deposit-offer',
    name: '大额入账理财推荐',
    channel: 'sms',
    body: '尊敬的{{customer.name}}，您的账户今日入账{{currency event.amount}}。我行稳健型理财产品年化参考收益3.2%，回复1了解详情。退订回T',
  },
  {
    key: 'large-deposit-offer-b',
    name: '大额入账理财推荐 (B: 专属客户经理)',
    channel: 'sms',
    body: '{{customer.name}}您好，恭喜您资金到账！您的专属客户经理可为您定制理财方案，回复1预约。退订回T',
  },
  {
    key: 'dormant-card',
    name: '睡眠卡激活',
    channel: 'sms',
    body: '尊敬的{{customer.name}}，您的借记卡已较长时间未使用，本月内消费满100元立减20元。退订回T',
  },
  {
    key: 'onboarding-welcome',
    name: '新客蜜月期欢迎',
    channel: 'wecom',
    body: '{{customer.name}}您好，欢迎成为我行客户！我是您的客户经理，开户首月购买新客专享理财可享额外收益。',
  },
  {
    key: 'maturity-reminder',
    name: '理财到期提醒',
    channel: 'sms',
    body: '尊敬的{{customer.name}}，您的定期存款{{currency attributes.balance}}即将到期，到期后可续存或转购理财。退订回T',
  },
  {
    key: 'monthly-statement-email',
    name: 'Monthly wealth update',
    channel: 'email',
    subject: '{{customer.name}}, your monthly wealth update',
    body: '<p>Dear {{customer.name}},</p><p>Your balance is {{currency attributes.balance}}.</p>',
  },
];

/** Inserts the demo segments and templates; returns their ids by key for the starter journeys. */
export async function seedDemoContent(db: Db, createdBy: string | null) {
  const segmentIds: Record<string, string> = {};
  for (const s of demoSegments) {
    const [row] = await db.orm
      .insert(schema.segments)
      .values({ name: s.name, description: s.description, condition: s.condition, createdBy })
      .returning({ id: schema.segments.id });
    if (row) segmentIds[s.key] = row.id;
  }
  const templateIds: Record<string, string> = {};
  for (const t of demoTemplates) {
    const [row] = await db.orm
      .insert(schema.templates)
      .values({ name: t.name, channel: t.channel, subject: t.subject ?? null, body: t.body, createdBy })
      .returning({ id: schema.templates.id });
    if (row) templateIds[t.key] = row.id;
  }
  return { segmentIds, templateIds };
}
