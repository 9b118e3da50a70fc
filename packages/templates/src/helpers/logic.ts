import { defineHelper, type HelperDefinition } from './define-helper.ts';

/**
 * Truthiness as `{{#if}}` sees it: nothing, false, 0, NaN, empty text and an empty list are false.
 * Keeping `and` / `or` / `not` on the same rule means `{{#if (not x)}}` is exactly `{{#unless x}}`.
 */
export function isTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}

/** Whether a value has nothing to show: what `{{default}}` replaces. */
function isBlank(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    (typeof value === 'number' && Number.isNaN(value))
  );
}

/** `{{default value fallback}}`: the value, or the fallback when it is missing or empty. */
export const defaultHelper = defineHelper({
  name: 'default',
  minArgs: 2,
  maxArgs: 2,
  hashKeys: [],
  summary: 'A fallback for an optional value: {{default customer.name "客户"}}.',
  example: '{{default customer.name "尊敬的客户"}}',
  run(args) {
    return isBlank(args[0]) ? args[1] : args[0];
  },
});

const numericText = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)\s*$/;

/**
 * A value on a scale, or undefined when it cannot be ordered: numbers and numeric text compare
 * as numbers (attributes often arrive as text), dates by time, other text alphabetically.
 */
function orderable(value: unknown): number | string | undefined {
  if (typeof value === 'number') return Number.isNaN(value) ? undefined : value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if (typeof value === 'string') return numericText.test(value) ? Number(value) : value;
  return undefined;
}

function compare(left: unknown, right: unknown): number | undefined {
  const a = orderable(left);
  const b = orderable(right);
  if (a === undefined || b === undefined || typeof a !== typeof b) return undefined;
  return a < b ? -1 : a > b ? 1 : 0;
}

function same(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  // 5 and "5" are the same value to a planner comparing an attribute with a number they typed;
  // two texts or two numbers are equal only when identical.
  if (left instanceof Date || right instanceof Date || typeof left !== typeof right)
    return compare(left, right) === 0;
  return false;
}

function comparison(
  name: string,
  summary: string,
  test: (left: unknown, right: unknown) => boolean,
): HelperDefinition {
  return defineHelper({
    name,
    minArgs: 2,
    maxArgs: 2,
    hashKeys: [],
    summary,
    example: `{{#if (${name} attributes.balance 50000)}}…{{/if}}`,
    run: (args) => test(args[0], args[1]),
  });
}

/** eq ne gt gte lt lte: true / false, for `{{#if (gt attributes.balance 50000)}}`. Unorderable values are never greater or less. */
export const comparisonHelpers: readonly HelperDefinition[] = [
  comparison('eq', 'True when both values are equal.', same),
  comparison('ne', 'True when the values differ.', (a, b) => !same(a, b)),
  comparison('gt', 'True when the first value is greater.', (a, b) => (compare(a, b) ?? 0) > 0),
  comparison('gte', 'True when the first value is greater or equal.', (a, b) => {
    const order = compare(a, b);
    return order !== undefined && order >= 0;
  }),
  comparison('lt', 'True when the first value is smaller.', (a, b) => (compare(a, b) ?? 0) < 0),
  comparison('lte', 'True when the first value is smaller or equal.', (a, b) => {
    const order = compare(a, b);
    return order !== undefined && order <= 0;
  }),
];

/** `{{#if (and a b …)}}`: true when every value is true. */
export const andHelper = defineHelper({
  name: 'and',
  minArgs: 2,
  maxArgs: 20,
  hashKeys: [],
  summary: 'True when all values are true.',
  example: '{{#if (and attributes.housing attributes.loan)}}…{{/if}}',
  run: (args) => args.every(isTruthy),
});

/** `{{#if (or a b …)}}`: true when any value is true. */
export const orHelper = defineHelper({
  name: 'or',
  minArgs: 2,
  maxArgs: 20,
  hashKeys: [],
  summary: 'True when at least one value is true.',
  example: '{{#if (or attributes.housing attributes.loan)}}…{{/if}}',
  run: (args) => args.some(isTruthy),
});

/** `{{#if (not a)}}`: true when the value is false or empty. */
export const notHelper = defineHelper({
  name: 'not',
  minArgs: 1,
  maxArgs: 1,
  hashKeys: [],
  summary: 'True when the value is false or empty.',
  example: '{{#if (not attributes.loan)}}…{{/if}}',
  run: (args) => !isTruthy(args[0]),
});
