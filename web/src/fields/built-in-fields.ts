import type { FieldSpec } from './field-catalog.ts';

/*
 * What Waymark knows about the demo bank's data (the bank-marketing columns, its events and tags),
 * with labels in both languages. The catalog discovered from the stored data decides what is
 * offered; these lend it their labels and options, and stand in for a kind of data not stored yet.
 */

/** Profile attributes of the bank's customers (the demo data set's columns). */
export const builtInAttributes: readonly FieldSpec[] = [
  { name: 'age', valueType: 'number', label: { en: 'Age', 'zh-CN': '年龄' } },
  { name: 'balance', valueType: 'number', label: { en: 'Balance', 'zh-CN': '账户余额' } },
  {
    name: 'job',
    valueType: 'string',
    label: { en: 'Job', 'zh-CN': '职业' },
    options: [
      'admin.',
      'blue-collar',
      'entrepreneur',
      'housemaid',
      'management',
      'retired',
      'self-employed',
      'services',
      'student',
      'technician',
      'unemployed',
      'unknown',
    ],
  },
  {
    name: 'marital',
    valueType: 'string',
    label: { en: 'Marital status', 'zh-CN': '婚姻状况' },
    options: ['married', 'single', 'divorced'],
  },
  {
    name: 'education',
    valueType: 'string',
    label: { en: 'Education', 'zh-CN': '教育程度' },
    options: ['primary', 'secondary', 'tertiary', 'unknown'],
  },
  { name: 'default', valueType: 'boolean', label: { en: 'Has credit in default', 'zh-CN': '有违约记录' } },
  { name: 'housing', valueType: 'boolean', label: { en: 'Has housing loan', 'zh-CN': '有住房贷款' } },
  { name: 'loan', valueType: 'boolean', label: { en: 'Has personal loan', 'zh-CN': '有个人贷款' } },
  {
    name: 'contact',
    valueType: 'string',
    label: { en: 'Contact type', 'zh-CN': '联系方式' },
    options: ['cellular', 'telephone', 'unknown'],
  },
  {
    name: 'campaign',
    valueType: 'number',
    label: { en: 'Contacts this campaign', 'zh-CN': '本次活动联系次数' },
  },
  { name: 'pdays', valueType: 'number', label: { en: 'Days since last contact', 'zh-CN': '距上次联系天数' } },
  { name: 'previous', valueType: 'number', label: { en: 'Earlier contacts', 'zh-CN': '以往联系次数' } },
  {
    name: 'poutcome',
    valueType: 'string',
    label: { en: 'Last campaign outcome', 'zh-CN': '上次活动结果' },
    options: ['success', 'failure', 'other', 'unknown'],
  },
  { name: 'y', valueType: 'boolean', label: { en: 'Subscribed a term deposit', 'zh-CN': '已认购定期存款' } },
  { name: 'day', valueType: 'number', label: { en: 'Last contact day of month', 'zh-CN': '上次联系日' } },
  { name: 'month', valueType: 'string', label: { en: 'Last contact month', 'zh-CN': '上次联系月份' } },
  {
    name: 'duration',
    valueType: 'number',
    label: { en: 'Last call length (s)', 'zh-CN': '上次通话时长（秒）' },
  },
];

/** Events the bank sends, with the properties a trigger or a wait may test. */
export const builtInEventProperties: Readonly<Record<string, readonly FieldSpec[]>> = {
  large_deposit: [
    { name: 'amount', valueType: 'number', label: { en: 'Amount', 'zh-CN': '金额' } },
    {
      name: 'currency',
      valueType: 'string',
      label: { en: 'Currency', 'zh-CN': '币种' },
      options: ['CNY', 'USD'],
    },
    { name: 'channel', valueType: 'string', label: { en: 'Channel', 'zh-CN': '渠道' } },
  ],
  salary_credit: [{ name: 'amount', valueType: 'number', label: { en: 'Amount', 'zh-CN': '金额' } }],
  deposit_maturing: [
    { name: 'amount', valueType: 'number', label: { en: 'Amount', 'zh-CN': '金额' } },
    { name: 'maturityDate', valueType: 'date', label: { en: 'Maturity date', 'zh-CN': '到期日' } },
  ],
  card_txn: [
    { name: 'amount', valueType: 'number', label: { en: 'Amount', 'zh-CN': '金额' } },
    { name: 'merchant', valueType: 'string', label: { en: 'Merchant', 'zh-CN': '商户' } },
  ],
  account_opened: [{ name: 'product', valueType: 'string', label: { en: 'Product', 'zh-CN': '产品' } }],
  app_login: [{ name: 'platform', valueType: 'string', label: { en: 'Platform', 'zh-CN': '平台' } }],
  wealth_purchase: [
    { name: 'amount', valueType: 'number', label: { en: 'Amount', 'zh-CN': '金额' } },
    { name: 'product', valueType: 'string', label: { en: 'Product', 'zh-CN': '产品' } },
  ],
};

/** Tags the demo bank uses. */
export const builtInTags: readonly string[] = [
  'vip',
  'wealth-prospect',
  'dormant-card',
  'new-customer',
  'payroll',
];
