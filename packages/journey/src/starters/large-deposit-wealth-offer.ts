import { edge, node } from './build.ts';
import { starterConnectorRef, starterTemplateRef } from './placeholders.ts';
import type { StarterJourney } from './starter.ts';

/**
 * MOT: a deposit of 50 000 or more is the moment to offer a wealth product. Two channels are
 * tested against each other with a 10% hold-out, non-buyers get a call from their RM.
 */
export const largeDepositWealthOffer: StarterJourney = {
  id: 'large-deposit-wealth-offer',
  name: { en: 'Large deposit → wealth product offer', 'zh-CN': '大额入账 → 理财产品推荐' },
  description: {
    en: 'When 50,000 or more arrives, offer a wealth product by SMS or WeCom; the RM calls those who do not buy.',
    'zh-CN': '客户单笔入账 5 万元及以上时，通过短信或企业微信推荐理财产品；未购买的客户由客户经理电话跟进。',
  },
  graph: {
    nodes: [
      node(
        'deposit',
        'trigger.event',
        {
          event: 'large_deposit',
          condition: { type: 'property', field: 'amount', valueType: 'number', op: 'gte', value: 50_000 },
        },
        0,
        2,
      ),
      node(
        'eligible',
        'filter',
        {
          condition: {
            type: 'all',
            conditions: [
              { type: 'attribute', field: 'age', valueType: 'number', op: 'between', value: [22, 70] },
              { type: 'tag', op: 'notHas', tag: 'wealth-holder' },
            ],
          },
        },
        1,
        2,
      ),
      node(
        'channel-test',
        'split.ab',
        {
          variants: [
            { id: 'sms', label: 'SMS', weight: 45 },
            { id: 'wecom', label: 'WeCom', weight: 45 },
          ],
          control: { weight: 10 },
          mode: 'auto-winner',
        },
        2,
        2,
      ),
      node(
        'offer-sms',
        'send',
        {
          channel: 'sms',
          connectorId: starterConnectorRef('sms'),
          messageName: '理财推荐',
          content: { kind: 'template', templateId: starterTemplateRef('large-deposit-sms') },
        },
        3,
        1,
      ),
      node(
        'offer-wecom',
        'send',
        {
          channel: 'wecom',
          connectorId: starterConnectorRef('wecom'),
          messageName: '理财推荐',
          content: { kind: 'template', templateId: starterTemplateRef('large-deposit-wecom') },
        },
        3,
        3,
      ),
      node(
        'purchase',
        'wait.event',
        {
          event: 'purchase',
          condition: { type: 'property', field: 'product', valueType: 'string', op: 'eq', value: 'wealth' },
          timeout: { amount: 3, unit: 'days' },
        },
        4,
        2,
      ),
      node(
        'rm-follow-up',
        'rm.task',
        {
          kind: 'call',
          slaHours: 48,
          script: '客户 {{customer.name}} 近期到账 {{currency event.amount}}，可介绍稳健理财产品。',
        },
        5,
        3,
      ),
      node('bought', 'exit', { reason: 'converted' }, 6, 1),
      node('not-now', 'exit', { reason: 'not interested' }, 6, 4),
      node('held-out', 'exit', { reason: 'control group' }, 3, 5),
    ],
    edges: [
      edge('deposit', 'out', 'eligible'),
      edge('eligible', 'yes', 'channel-test'),
      edge('channel-test', 'sms', 'offer-sms'),
      edge('channel-test', 'wecom', 'offer-wecom'),
      edge('channel-test', 'control', 'held-out'),
      edge('offer-sms', 'sent', 'purchase'),
      edge('offer-wecom', 'sent', 'purchase'),
      edge('purchase', 'matched', 'bought'),
      edge('purchase', 'timeout', 'rm-follow-up'),
      edge('rm-follow-up', 'converted', 'bought'),
      edge('rm-follow-up', 'not-interested', 'not-now'),
      edge('rm-follow-up', 'expired', 'not-now'),
    ],
    settings: {
      goal: {
        event: 'purchase',
        condition: { type: 'property', field: 'product', valueType: 'string', op: 'eq', value: 'wealth' },
        windowDays: 7,
        value: 500,
      },
      reEntry: { policy: 'afterDays', days: 30 },
      exitOnGoal: true,
      quietHours: { start: '21:00', end: '08:00' },
      frequencyCap: { maxMessages: 2, perDays: 7 },
      timeZone: 'Asia/Shanghai',
    },
  },
};
