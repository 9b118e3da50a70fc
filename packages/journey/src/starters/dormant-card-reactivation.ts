import { edge, node } from './build.ts';
import { starterConnectorRef, starterSegmentRef, starterTemplateRef } from './placeholders.ts';
import type { StarterJourney } from './starter.ts';

/**
 * Card holders without a transaction for 90 days get a push offer, then an SMS reminder
 * (also used when push is not allowed or fails); the outcome is written back as tags.
 */
export const dormantCardReactivation: StarterJourney = {
  id: 'dormant-card-reactivation',
  name: { en: 'Dormant card reactivation', 'zh-CN': '睡眠信用卡唤醒' },
  description: {
    en: 'Every morning, card holders idle for 90 days get a push offer, then an SMS reminder; transactions are tagged.',
    'zh-CN': '每天上午向 90 天未用卡的客户推送用卡礼遇，未响应再发短信提醒，并按结果打标签。',
  },
  graph: {
    nodes: [
      node(
        'dormant',
        'trigger.segment',
        { segmentId: starterSegmentRef('dormant-card'), schedule: { kind: 'daily', time: '10:00' } },
        0,
        1,
      ),
      node(
        'push-offer',
        'send',
        {
          channel: 'push',
          connectorId: starterConnectorRef('push'),
          messageName: '用卡礼遇',
          content: { kind: 'template', templateId: starterTemplateRef('dormant-card-push') },
        },
        1,
        1,
      ),
      node('first-txn', 'wait.event', { event: 'card_txn', timeout: { amount: 7, unit: 'days' } }, 2, 1),
      node(
        'sms-reminder',
        'send',
        {
          channel: 'sms',
          connectorId: starterConnectorRef('sms'),
          messageName: '礼遇到期提醒',
          content: { kind: 'template', templateId: starterTemplateRef('dormant-card-sms') },
        },
        3,
        2,
      ),
      node('late-txn', 'wait.event', { event: 'card_txn', timeout: { amount: 14, unit: 'days' } }, 4, 2),
      node(
        'mark-active',
        'update',
        { setAttributes: {}, addTags: ['card-reactivated'], removeTags: ['card-dormant'] },
        5,
        0,
      ),
      node(
        'mark-unresponsive',
        'update',
        { setAttributes: {}, addTags: ['card-unresponsive'], removeTags: [] },
        5,
        3,
      ),
      node('reactivated', 'exit', { reason: 'reactivated' }, 6, 0),
      node('no-response', 'exit', { reason: 'no response' }, 6, 3),
    ],
    edges: [
      edge('dormant', 'out', 'push-offer'),
      edge('push-offer', 'sent', 'first-txn'),
      edge('push-offer', 'suppressed', 'sms-reminder'),
      edge('push-offer', 'failed', 'sms-reminder'),
      edge('first-txn', 'matched', 'mark-active'),
      edge('first-txn', 'timeout', 'sms-reminder'),
      edge('sms-reminder', 'sent', 'late-txn'),
      edge('late-txn', 'matched', 'mark-active'),
      edge('late-txn', 'timeout', 'mark-unresponsive'),
      edge('mark-active', 'out', 'reactivated'),
      edge('mark-unresponsive', 'out', 'no-response'),
    ],
    settings: {
      goal: { event: 'card_txn', windowDays: 21, value: 50 },
      reEntry: { policy: 'afterDays', days: 90 },
      // The journey tags the outcome itself, so customers stay in until they reach that step.
      exitOnGoal: false,
      quietHours: { start: '21:00', end: '08:00' },
      frequencyCap: { maxMessages: 3, perDays: 30 },
      timeZone: 'Asia/Shanghai',
    },
  },
};
