import type { Condition, EventCondition } from '@waymark/conditions';
import type { Locale } from '../i18n/locale.ts';

/*
 * A short local rendering of a condition for node summaries.
 * TODO(conditions): @waymark/conditions is adding `describeCondition(condition, locale)`; switch
 * to it when it lands and delete this file, so the canvas and the condition builder agree.
 */

type Words = Record<string, string>;

const symbols: Words = { eq: '=', neq: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤' };

const words: Record<Locale, Words> = {
  en: {
    and: ' and ',
    or: ' or ',
    not: 'not ',
    everyone: 'everyone',
    nobody: 'nobody',
    exists: 'is set',
    notExists: 'is not set',
    in: 'is one of',
    notIn: 'is none of',
    contains: 'contains',
    startsWith: 'starts with',
    before: 'before',
    after: 'after',
    has: 'has tag',
    notHas: 'lacks tag',
  },
  'zh-CN': {
    and: ' 且 ',
    or: ' 或 ',
    not: '非 ',
    everyone: '所有人',
    nobody: '无人',
    exists: '有值',
    notExists: '无值',
    in: '属于',
    notIn: '不属于',
    contains: '包含',
    startsWith: '开头为',
    before: '早于',
    after: '晚于',
    has: '有标签',
    notHas: '无标签',
  },
};

type Leaf = Extract<Condition, { field: string }>;

function leaf(condition: Leaf, locale: Locale): string {
  const w = words[locale];
  const { field } = condition;
  switch (condition.op) {
    case 'exists':
    case 'notExists':
      return `${field} ${w[condition.op]}`;
    case 'between': {
      const [low, high] = condition.value;
      return locale === 'zh-CN'
        ? `${field} 介于 ${low} 和 ${high} 之间`
        : `${field} between ${low} and ${high}`;
    }
    case 'in':
    case 'notIn':
      return `${field} ${w[condition.op]} ${condition.value.join(' / ')}`;
    case 'withinLastDays':
      return locale === 'zh-CN'
        ? `${field} 在近 ${condition.value} 天内`
        : `${field} in the last ${condition.value} days`;
    case 'olderThanDays':
      return locale === 'zh-CN'
        ? `${field} 早于 ${condition.value} 天前`
        : `${field} over ${condition.value} days ago`;
    case 'is':
      return `${field} = ${condition.value}`;
    case 'contains':
    case 'startsWith':
    case 'before':
    case 'after':
      return `${field} ${w[condition.op]} ${condition.value}`;
    default:
      return `${field} ${symbols[condition.op] ?? condition.op} ${condition.value}`;
  }
}

function describe(condition: Condition | EventCondition, locale: Locale, nested: boolean): string {
  const w = words[locale];
  switch (condition.type) {
    case 'all':
    case 'any': {
      if (condition.conditions.length === 0) return condition.type === 'all' ? w.everyone! : w.nobody!;
      const parts = condition.conditions.map((child: Condition) => describe(child, locale, true));
      const text = parts.join(condition.type === 'all' ? w.and : w.or);
      return nested && parts.length > 1 ? `(${text})` : text;
    }
    case 'not':
      return `${w.not}${describe(condition.condition, locale, true)}`;
    case 'tag':
      return `${w[condition.op]} ${condition.tag}`;
    case 'eventCount': {
      const op = symbols[condition.op] ?? condition.op;
      return locale === 'zh-CN'
        ? `近 ${condition.withinDays} 天 ${condition.event} ${op} ${condition.count} 次`
        : `${condition.event} ${op} ${condition.count} times in ${condition.withinDays} days`;
    }
    default:
      return leaf(condition, locale);
  }
}

/** "amount ≥ 50000 and has tag vip" / "amount ≥ 50000 且 有标签 vip". */
export function describeCondition(condition: Condition | EventCondition, locale: Locale): string {
  return describe(condition, locale, false);
}
