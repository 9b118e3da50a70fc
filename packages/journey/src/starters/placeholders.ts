import type { Condition } from '@waymark/conditions';
import type { Channel } from '../graph/fields.ts';
import type { JourneyGraph } from '../graph/schema.ts';
import type { LocalizedText } from '../i18n/locale.ts';

/*
 * Starter journeys ship before the bank has any template, connector or segment, so they refer to
 * them by well-known placeholder ids: `starter:template:<key>`, `starter:connector:<channel>`,
 * `starter:segment:<key>`. The seed creates one record per placeholder below (the suggested body
 * is a working zh-CN script) and calls `bindStarter(graph, { [placeholder]: realId })`; an
 * unbound placeholder stays in the graph, and `validate` reports it as a missing reference.
 */

/** The placeholder id a starter uses for a template. */
export const starterTemplateRef = (key: string) => `starter:template:${key}`;
/** The placeholder id a starter uses for the connector of a channel. */
export const starterConnectorRef = (channel: Channel) => `starter:connector:${channel}`;
/** The placeholder id a starter uses for a segment. */
export const starterSegmentRef = (key: string) => `starter:segment:${key}`;

/** A template a starter sends, for the seed to create. */
export interface StarterTemplate {
  ref: string;
  channel: Channel;
  name: LocalizedText;
  /** Handlebars, zh-CN, using the variables of @waymark/templates (customer.*, attributes.*, event.*). */
  suggestedBody: string;
}

/** A segment a starter enters, for the seed to create. */
export interface StarterSegment {
  ref: string;
  name: LocalizedText;
  condition: Condition;
}

export const starterTemplates: readonly StarterTemplate[] = [
  {
    ref: starterTemplateRef('large-deposit-sms'),
    channel: 'sms',
    name: { en: 'Large deposit · wealth offer (SMS)', 'zh-CN': '大额入账 · 理财推荐（短信）' },
    suggestedBody:
      '【Waymark银行】{{customer.name}}您好，您的账户刚到账 {{currency event.amount}}。稳健理财 7 天起存，详询您的客户经理。拒收请回复R',
  },
  {
    ref: starterTemplateRef('large-deposit-wecom'),
    channel: 'wecom',
    name: { en: 'Large deposit · wealth offer (WeCom)', 'zh-CN': '大额入账 · 理财推荐（企业微信）' },
    suggestedBody:
      '{{customer.name}}您好，看到您账户有一笔 {{currency event.amount}}的资金到账。我为您挑选了几款稳健理财产品，方便时可以聊聊。',
  },
  {
    ref: starterTemplateRef('dormant-card-push'),
    channel: 'push',
    name: { en: 'Dormant card · comeback offer (push)', 'zh-CN': '睡眠卡 · 唤醒礼遇（推送）' },
    suggestedBody: '好久不见！本周用卡消费满 100 元立减 20 元，点击查看详情。',
  },
  {
    ref: starterTemplateRef('dormant-card-sms'),
    channel: 'sms',
    name: { en: 'Dormant card · reminder (SMS)', 'zh-CN': '睡眠卡 · 提醒（短信）' },
    suggestedBody:
      '【Waymark银行】{{customer.name}}您好，您的信用卡专属礼遇即将到期，刷卡满 100 元立减 20 元。拒收请回复R',
  },
  {
    ref: starterTemplateRef('onboarding-welcome-wecom'),
    channel: 'wecom',
    name: { en: 'Onboarding · welcome (WeCom)', 'zh-CN': '新客 · 欢迎（企业微信）' },
    suggestedBody:
      '{{customer.name}}您好，欢迎成为 Waymark 银行的客户！我是您的专属客户经理，有任何问题随时找我。',
  },
  {
    ref: starterTemplateRef('onboarding-autosave-push'),
    channel: 'push',
    name: { en: 'Onboarding · set up auto-save (push)', 'zh-CN': '新客 · 开通自动存（推送）' },
    suggestedBody: '开通“每月自动存”，工资到账自动转入活期+，收益更高。',
  },
  {
    ref: starterTemplateRef('onboarding-app-sms'),
    channel: 'sms',
    name: { en: 'Onboarding · get the app (SMS)', 'zh-CN': '新客 · 下载 App（短信）' },
    suggestedBody:
      '【Waymark银行】{{customer.name}}您好，下载手机银行 App，账户查询、转账理财一站搞定。拒收请回复R',
  },
  {
    ref: starterTemplateRef('onboarding-month-one-wecom'),
    channel: 'wecom',
    name: { en: 'Onboarding · first-month benefits (WeCom)', 'zh-CN': '新客 · 蜜月期礼遇（企业微信）' },
    suggestedBody: '{{customer.name}}您好，您的新客蜜月期礼遇还剩最后几天：首笔理财享加息券，别错过哦。',
  },
];

/** The channels whose connector the starters use; the seed binds each to a configured connector. */
export const starterConnectorChannels: readonly Channel[] = ['sms', 'wecom', 'push'];

export const starterSegments: readonly StarterSegment[] = [
  {
    ref: starterSegmentRef('dormant-card'),
    name: { en: 'Dormant card holders', 'zh-CN': '睡眠信用卡客户' },
    condition: {
      type: 'all',
      conditions: [
        { type: 'tag', op: 'has', tag: 'credit-card' },
        { type: 'eventCount', event: 'card_txn', withinDays: 90, op: 'eq', count: 0 },
      ],
    },
  },
];

/** Every placeholder id the starters may use. */
export function starterPlaceholders(): string[] {
  return [
    ...starterTemplates.map((template) => template.ref),
    ...starterConnectorChannels.map(starterConnectorRef),
    ...starterSegments.map((segment) => segment.ref),
  ];
}

function replaceRefs(value: unknown, bindings: Readonly<Record<string, string>>): unknown {
  if (typeof value === 'string') return Object.hasOwn(bindings, value) ? bindings[value] : value;
  if (Array.isArray(value)) return value.map((item) => replaceRefs(item, bindings));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceRefs(item, bindings)]));
  }
  return value;
}

/**
 * A copy of a starter graph with placeholder ids replaced by real ids
 * (`{ 'starter:template:large-deposit-sms': '6f1c…' }`). Only node configs are rewritten.
 */
export function bindStarter<G extends JourneyGraph>(graph: G, bindings: Readonly<Record<string, string>>): G {
  return {
    ...graph,
    nodes: graph.nodes.map((node) => ({ ...node, config: replaceRefs(node.config, bindings) })),
  };
}
