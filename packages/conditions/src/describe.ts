import { countOperators, findOperator, type Locale, tagOperators } from './operators.ts';
import type { Condition, EventCountCondition, ValueCondition } from './schema.ts';

/** How summaries name fields and events; by default they show the raw names. */
export interface DescribeOptions {
  /** A planner-facing name for an attribute or property, e.g. `balance` → `Balance (EUR)`. */
  fieldLabel?: (field: string, source: 'attribute' | 'property') => string | undefined;
  /** A planner-facing name for an event, e.g. `card_txn` → `card transaction`. */
  eventLabel?: (event: string) => string | undefined;
}

const words = {
  en: {
    and: ' and ',
    or: ' or ',
    not: (s: string) => `not (${s})`,
    always: 'always',
    never: 'never',
    yes: 'yes',
    no: 'no',
    quote: (s: string) => `"${s}"`,
    listJoin: ', ',
    more: (hidden: number, _total: number) => ` (+${hidden} more)`,
    between: (f: string, a: string, b: string) => `${f} between ${a} and ${b}`,
    withinLast: (f: string, n: string) => `${f} in the last ${n} days`,
    olderThan: (f: string, n: string) => `${f} more than ${n} days ago`,
    event: (f: string) => `event ${f}`,
    count: (op: string, n: string, event: string, days: string) =>
      `${event} ${op} ${n} times in the last ${days} days`,
    where: (s: string) => ` where ${s}`,
  },
  'zh-CN': {
    and: ' 且 ',
    or: ' 或 ',
    not: (s: string) => `非（${s}）`,
    always: '始终成立',
    never: '从不成立',
    yes: '是',
    no: '否',
    quote: (s: string) => `“${s}”`,
    listJoin: '、',
    more: (_hidden: number, total: number) => ` 等 ${total} 项`,
    between: (f: string, a: string, b: string) => `${f} 介于 ${a} 和 ${b} 之间`,
    withinLast: (f: string, n: string) => `${f} 在最近 ${n} 天内`,
    olderThan: (f: string, n: string) => `${f} 在 ${n} 天以前`,
    event: (f: string) => `事件 ${f}`,
    count: (op: string, n: string, event: string, days: string) => `最近 ${days} 天内 ${event} ${op} ${n} 次`,
    where: (s: string) => `（${s}）`,
  },
} as const;

const LIST_SHOWN = 5;

/**
 * A short sentence for a condition, used for node summaries and previews, e.g.
 * `balance > 50,000 and has tag "vip"` or `balance > 50,000 且 有标签“vip”`.
 */
export function describeCondition(
  condition: Condition,
  locale: Locale = 'en',
  options: DescribeOptions = {},
): string {
  const w = words[locale] ?? words.en;
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 20 });
  const number = (n: number) => numbers.format(n);
  const list = (items: string[]) =>
    items.slice(0, LIST_SHOWN).join(w.listJoin) +
    (items.length > LIST_SHOWN ? w.more(items.length - LIST_SHOWN, items.length) : '');

  const valueLeaf = (leaf: ValueCondition, nested: boolean): string => {
    const label = options.fieldLabel?.(leaf.field, leaf.type) ?? leaf.field;
    const field = leaf.type === 'property' && !nested ? w.event(label) : label;
    const info = findOperator(leaf.valueType, leaf.op);
    // Mathematical symbols read the same in every language; words come from the locale.
    const opLabel = info ? (/^[=≠<>≤≥]+$/.test(info.symbol) ? info.symbol : info.label[locale]) : leaf.op;
    if (!('value' in leaf)) return `${field} ${info?.label[locale] ?? leaf.op}`;
    const show = (v: unknown): string =>
      typeof v === 'number' ? number(v) : typeof v === 'boolean' ? (v ? w.yes : w.no) : w.quote(String(v));
    if (leaf.valueType === 'date' && typeof leaf.value === 'string')
      return `${field} ${opLabel} ${leaf.value}`;
    if (leaf.op === 'between') return w.between(field, show(leaf.value[0]), show(leaf.value[1]));
    if (leaf.op === 'withinLastDays') return w.withinLast(field, number(leaf.value));
    if (leaf.op === 'olderThanDays') return w.olderThan(field, number(leaf.value));
    if (Array.isArray(leaf.value))
      return `${field} ${info?.label[locale] ?? leaf.op} ${list(leaf.value.map(show))}`;
    return `${field} ${opLabel} ${show(leaf.value)}`;
  };

  const eventCount = (c: EventCountCondition): string => {
    const info = countOperators.find((entry) => entry.op === c.op);
    const event = options.eventLabel?.(c.event) ?? c.event;
    const sentence = w.count(info?.label[locale] ?? c.op, number(c.count), event, number(c.withinDays));
    return c.where ? sentence + w.where(walk(c.where, false, true)) : sentence;
  };

  // `inner` wraps groups in parentheses when they sit inside another group.
  const walk = (c: Condition, inner: boolean, nested: boolean): string => {
    switch (c.type) {
      case 'all':
      case 'any': {
        if (c.conditions.length === 0) return c.type === 'all' ? w.always : w.never;
        if (c.conditions.length === 1 && c.conditions[0]) return walk(c.conditions[0], inner, nested);
        const text = c.conditions
          .map((child) => walk(child, true, nested))
          .join(c.type === 'all' ? w.and : w.or);
        return inner ? `(${text})` : text;
      }
      case 'not':
        return w.not(walk(c.condition, false, nested));
      case 'attribute':
      case 'property':
        return valueLeaf(c, nested);
      case 'tag': {
        const info = tagOperators.find((entry) => entry.op === c.op);
        return `${info?.label[locale] ?? c.op} ${w.quote(c.tag)}`;
      }
      case 'eventCount':
        return eventCount(c);
    }
    return String((c as { type?: unknown }).type);
  };

  return walk(condition, false, false);
}
