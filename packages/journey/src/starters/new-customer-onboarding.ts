import { edge, node } from './build.ts';
import { starterConnectorRef, starterTemplateRef } from './placeholders.ts';
import type { StarterJourney } from './starter.ts';

/**
 * The first month of a new customer (蜜月期): a welcome, the first face-to-face meeting with the
 * RM (首面), app or auto-save nudges depending on app use, and a last reminder of new-customer
 * benefits.
 */
export const newCustomerOnboarding: StarterJourney = {
  id: 'new-customer-onboarding',
  name: { en: 'New customer first month (首面 / 蜜月期)', 'zh-CN': '新客首月陪伴（首面 / 蜜月期）' },
  description: {
    en: 'Welcome on WeCom, an RM first meeting, an app or auto-save nudge by app use, and a month-one benefits reminder.',
    'zh-CN': '企业微信欢迎、客户经理首面、按是否使用 App 推送不同引导，并在首月末提醒新客礼遇。',
  },
  graph: {
    nodes: [
      node('opened', 'trigger.event', { event: 'account_opened' }, 0, 2),
      node(
        'welcome',
        'send',
        {
          channel: 'wecom',
          connectorId: starterConnectorRef('wecom'),
          messageName: '欢迎语',
          content: { kind: 'template', templateId: starterTemplateRef('onboarding-welcome-wecom') },
        },
        1,
        2,
      ),
      node('next-morning', 'wait.duration', { amount: 1, unit: 'days', untilSendWindow: true }, 2, 2),
      node(
        'first-meeting',
        'rm.task',
        {
          kind: 'visit',
          slaHours: 168,
          script: '新客首面：了解 {{customer.name}} 的资金规划，介绍手机银行与自动存。',
        },
        3,
        2,
      ),
      node('one-week', 'wait.duration', { amount: 7, unit: 'days' }, 4, 2),
      node(
        'uses-app',
        'filter',
        { condition: { type: 'eventCount', event: 'app_login', withinDays: 7, op: 'gte', count: 1 } },
        5,
        2,
      ),
      node(
        'autosave-nudge',
        'send',
        {
          channel: 'push',
          connectorId: starterConnectorRef('push'),
          messageName: '开通自动存',
          content: { kind: 'template', templateId: starterTemplateRef('onboarding-autosave-push') },
        },
        6,
        1,
      ),
      node(
        'app-nudge',
        'send',
        {
          channel: 'sms',
          connectorId: starterConnectorRef('sms'),
          messageName: '下载 App',
          content: { kind: 'template', templateId: starterTemplateRef('onboarding-app-sms') },
        },
        6,
        3,
      ),
      node(
        'first-purchase',
        'wait.event',
        { event: 'product_purchase', timeout: { amount: 14, unit: 'days' } },
        7,
        2,
      ),
      node(
        'benefits-reminder',
        'send',
        {
          channel: 'wecom',
          connectorId: starterConnectorRef('wecom'),
          messageName: '蜜月期礼遇提醒',
          content: { kind: 'template', templateId: starterTemplateRef('onboarding-month-one-wecom') },
        },
        8,
        3,
      ),
      node('converted', 'exit', { reason: 'converted' }, 9, 1),
      node('month-done', 'exit', { reason: 'first month completed' }, 9, 3),
    ],
    edges: [
      edge('opened', 'out', 'welcome'),
      edge('welcome', 'sent', 'next-morning'),
      edge('welcome', 'suppressed', 'next-morning'),
      edge('next-morning', 'out', 'first-meeting'),
      edge('first-meeting', 'converted', 'converted'),
      edge('first-meeting', 'not-interested', 'one-week'),
      edge('first-meeting', 'expired', 'one-week'),
      edge('one-week', 'out', 'uses-app'),
      edge('uses-app', 'yes', 'autosave-nudge'),
      edge('uses-app', 'no', 'app-nudge'),
      edge('autosave-nudge', 'sent', 'first-purchase'),
      edge('app-nudge', 'sent', 'first-purchase'),
      edge('first-purchase', 'matched', 'converted'),
      edge('first-purchase', 'timeout', 'benefits-reminder'),
      edge('benefits-reminder', 'sent', 'month-done'),
    ],
    settings: {
      goal: { event: 'product_purchase', windowDays: 30, value: 300 },
      reEntry: { policy: 'once' },
      exitOnGoal: true,
      quietHours: { start: '21:30', end: '08:30' },
      frequencyCap: { maxMessages: 4, perDays: 7 },
      timeZone: 'Asia/Shanghai',
    },
  },
};
