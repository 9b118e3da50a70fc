import type { countOps, opsByValueType, tagOps, ValueType } from './schema.ts';

/** Languages the builder and the summaries speak. */
export const locales = ['en', 'zh-CN'] as const;
export type Locale = (typeof locales)[number];

/**
 * What an operator's `value` looks like, so the builder can draw the right input: nothing, one
 * value, a [low, high] pair, a list, or a whole number of days.
 */
export type ValueShape = 'none' | 'single' | 'pair' | 'list' | 'days';

/** One operator as the builder offers it. */
export interface OperatorInfo<Op extends string = string> {
  op: Op;
  shape: ValueShape;
  /** Compact form for node summaries, e.g. `≥`; a word where no symbol reads well. */
  symbol: string;
  label: Record<Locale, string>;
}

type Catalog<Ops extends readonly string[]> = { [I in keyof Ops]: OperatorInfo<Ops[I]> };

const op = <Op extends string>(
  op: Op,
  shape: ValueShape,
  symbol: string,
  en: string,
  zh: string,
): OperatorInfo<Op> => ({
  op,
  shape,
  symbol,
  label: { en, 'zh-CN': zh },
});

const exists = op('exists', 'none', 'is set', 'is set', '有值');
const notExists = op('notExists', 'none', 'is not set', 'is not set', '无值');

/** Per value type, every operator the schema allows, in the schema's order. */
export const operatorCatalog: { [V in ValueType]: Catalog<(typeof opsByValueType)[V]> } = {
  number: [
    op('eq', 'single', '=', 'equals', '等于'),
    op('neq', 'single', '≠', 'does not equal', '不等于'),
    op('gt', 'single', '>', 'more than', '大于'),
    op('gte', 'single', '≥', 'at least', '不少于'),
    op('lt', 'single', '<', 'less than', '小于'),
    op('lte', 'single', '≤', 'at most', '不超过'),
    op('between', 'pair', 'between', 'between', '介于'),
    op('in', 'list', 'in', 'is one of', '属于'),
    op('notIn', 'list', 'not in', 'is none of', '不属于'),
    exists,
    notExists,
  ],
  string: [
    op('eq', 'single', '=', 'is', '是'),
    op('neq', 'single', '≠', 'is not', '不是'),
    op('contains', 'single', 'contains', 'contains', '包含'),
    op('startsWith', 'single', 'starts with', 'starts with', '开头是'),
    op('in', 'list', 'in', 'is one of', '是其中之一'),
    op('notIn', 'list', 'not in', 'is none of', '不是其中任何一个'),
    exists,
    notExists,
  ],
  boolean: [op('is', 'single', 'is', 'is', '为'), exists, notExists],
  date: [
    op('before', 'single', 'before', 'before', '早于'),
    op('after', 'single', 'after', 'after', '晚于'),
    op('withinLastDays', 'days', 'in the last', 'in the last … days', '最近…天内'),
    op('olderThanDays', 'days', 'more than', 'more than … days ago', '…天以前'),
    exists,
    notExists,
  ],
};

/** Operators of a tag leaf (the value is the tag). */
export const tagOperators: Catalog<typeof tagOps> = [
  op('has', 'single', 'has', 'has tag', '有标签'),
  op('notHas', 'single', 'has not', 'does not have tag', '没有标签'),
];

/** How an event count compares with `count`. */
export const countOperators: Catalog<typeof countOps> = [
  op('eq', 'single', '=', 'exactly', '恰好'),
  op('neq', 'single', '≠', 'not exactly', '不等于'),
  op('gt', 'single', '>', 'more than', '多于'),
  op('gte', 'single', '≥', 'at least', '不少于'),
  op('lt', 'single', '<', 'fewer than', '少于'),
  op('lte', 'single', '≤', 'at most', '不超过'),
];

/** Names of the value types as a planner reads them. */
export const valueTypeLabels: Record<ValueType, Record<Locale, string>> = {
  number: { en: 'number', 'zh-CN': '数值' },
  string: { en: 'text', 'zh-CN': '文本' },
  boolean: { en: 'yes / no', 'zh-CN': '是/否' },
  date: { en: 'date', 'zh-CN': '日期' },
};

/** The catalog entry of `op` for `valueType`, or undefined when the type has no such operator. */
export function findOperator(valueType: ValueType, op: string): OperatorInfo | undefined {
  const entries: readonly OperatorInfo[] = operatorCatalog[valueType] ?? [];
  return entries.find((entry) => entry.op === op);
}
