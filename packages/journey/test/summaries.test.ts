import { describe, expect, it } from 'vitest';
import { type Locale, type NodeType, summarizeNode } from '../src/index.ts';

const cases: { type: NodeType; config: unknown; en: string; zh: string }[] = [
  { type: 'wait.duration', config: { amount: 3, unit: 'days' }, en: 'Wait 3 days', zh: '等待 3 天' },
  { type: 'wait.duration', config: { amount: 1, unit: 'hours' }, en: 'Wait 1 hour', zh: '等待 1 小时' },
  {
    type: 'wait.duration',
    config: { amount: 30, unit: 'minutes', untilSendWindow: true },
    en: 'Wait 30 minutes, then until the send window',
    zh: '等待 30 分钟，并等到可发送时段',
  },
  {
    type: 'split.ab',
    config: {
      variants: [
        { id: 'A', label: 'A', weight: 50 },
        { id: 'B', label: 'B', weight: 50 },
      ],
      mode: 'fixed',
    },
    en: 'A 50% · B 50%',
    zh: 'A 50% · B 50%',
  },
  {
    type: 'split.ab',
    config: { variants: [{ id: 'A', label: 'Offer', weight: 90 }], control: { weight: 10 }, mode: 'bandit' },
    en: 'Offer 90% · Control 10%',
    zh: 'Offer 90% · 对照组 10%',
  },
  {
    type: 'send',
    config: {
      channel: 'sms',
      connectorId: 'c',
      messageName: '理财到期提醒',
      content: { kind: 'template', templateId: 't' },
    },
    en: 'SMS · 理财到期提醒',
    zh: '短信 · 理财到期提醒',
  },
  {
    type: 'send',
    config: { channel: 'wecom', connectorId: 'c', content: { kind: 'inline', body: 'Hi' } },
    en: 'WeCom · inline script',
    zh: '企业微信 · 自定义话术',
  },
  {
    type: 'trigger.event',
    config: {
      event: 'large_deposit',
      condition: { type: 'property', field: 'amount', valueType: 'number', op: 'gte', value: 50000 },
    },
    en: 'When large_deposit happens (event amount ≥ 50,000)',
    zh: '发生 large_deposit 时（事件 amount ≥ 50,000）',
  },
  {
    type: 'trigger.segment',
    config: { segmentId: 's', schedule: { kind: 'weekly', weekdays: [1, 5], time: '09:30' } },
    en: 'Segment members · Mon, Fri at 09:30',
    zh: '客群成员 · 每周一、周五 09:30',
  },
  {
    type: 'filter',
    config: {
      condition: {
        type: 'all',
        conditions: [
          { type: 'attribute', field: 'balance', valueType: 'number', op: 'gt', value: 1000 },
          { type: 'tag', op: 'has', tag: 'vip' },
        ],
      },
    },
    en: 'balance > 1,000 and has tag "vip"',
    zh: 'balance > 1,000 且 有标签 “vip”',
  },
  {
    type: 'wait.event',
    config: { event: 'purchase', timeout: { amount: 7, unit: 'days' } },
    en: 'Wait up to 7 days for purchase',
    zh: '最多等待 7 天：purchase',
  },
  {
    type: 'wait.until',
    config: { kind: 'attribute', attribute: 'deposit_maturity_date', offsetDays: -3, time: '09:00' },
    en: 'Wait until 3 days before deposit_maturity_date 09:00',
    zh: '等待至 deposit_maturity_date 前 3 天 09:00',
  },
  {
    type: 'wait.until',
    config: { kind: 'timeOfDay', time: '10:00' },
    en: 'Wait until the next 10:00',
    zh: '等待至下一个 10:00',
  },
  {
    type: 'rm.task',
    config: { kind: 'call', slaHours: 48, script: '' },
    en: 'Call task · SLA 48 h',
    zh: '电话任务 · 时限 48 小时',
  },
  {
    type: 'update',
    config: { setAttributes: { segment_score: 3 }, addTags: ['vip'], removeTags: ['dormant'] },
    en: 'Set segment_score · Add tag vip · Remove tag dormant',
    zh: '设置 segment_score · 添加标签 vip · 移除标签 dormant',
  },
  {
    type: 'webhook',
    config: { url: 'https://crm.example.com/hooks/1', method: 'POST' },
    en: 'POST crm.example.com',
    zh: 'POST crm.example.com',
  },
  { type: 'exit', config: { reason: 'converted' }, en: 'Exit: converted', zh: '结束：converted' },
  { type: 'exit', config: { reason: '' }, en: 'Exit', zh: '结束' },
];

describe('node summaries', () => {
  for (const { type, config, en, zh } of cases) {
    for (const [locale, expected] of [
      ['en', en],
      ['zh-CN', zh],
    ] as [Locale, string][]) {
      it(`${type} in ${locale}: ${expected}`, () => {
        expect(summarizeNode({ type, config }, locale)).toBe(expected);
      });
    }
  }

  it('names an unknown type by its id instead of failing', () => {
    expect(summarizeNode({ type: 'teleport', config: {} }, 'en')).toBe('teleport');
  });
});
