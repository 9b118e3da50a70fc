import type { Locale } from '../i18n/index.ts';

/** The value types the condition language knows. */
export type FieldType = 'number' | 'string' | 'boolean' | 'date';

/** A field a planner can pick in the condition builder. */
export interface FieldSpec {
  name: string;
  valueType: FieldType;
  label: Record<Locale, string>;
  /** Values to offer in a dropdown, when the field takes one of a few. */
  options?: readonly string[];
}

/**
 * Profile attributes of the bank's customers (the demo data set's columns). Planners can still
 * type any other attribute name; these are the ones offered with a label and a type.
 */
export const attributeFields: readonly FieldSpec[] = [
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
export const eventFields: Readonly<Record<string, readonly FieldSpec[]>> = {
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

/** Event names to suggest, in the order the catalog lists them. */
export const knownEvents: readonly string[] = Object.keys(eventFields);

/** Tags to suggest in the tag picker. */
export const knownTags: readonly string[] = [
  'vip',
  'wealth-prospect',
  'dormant-card',
  'new-customer',
  'payroll',
];

/** The label of an attribute in `locale`, or its raw name when the catalog does not know it. */
export function attributeLabel(name: string, locale: Locale): string {
  return attributeFields.find((field) => field.name === name)?.label[locale] ?? name;
}

/** The spec of an attribute, if the catalog knows it. */
export function attributeSpec(name: string): FieldSpec | undefined {
  return attributeFields.find((field) => field.name === name);
}

/** The properties of `event`, or none when the event is unknown (planners can still type a name). */
export function eventPropertyFields(event: string | undefined): readonly FieldSpec[] {
  return (event && eventFields[event]) || [];
}
