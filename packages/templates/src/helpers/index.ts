import { dateHelper } from './date.ts';
import type { HelperDefinition } from './define-helper.ts';
import { andHelper, comparisonHelpers, defaultHelper, notHelper, orHelper } from './logic.ts';
import { maskNameHelper, maskPhoneHelper } from './masks.ts';
import { currencyHelper, numberHelper, percentHelper } from './numbers.ts';
import { lowerHelper, truncateHelper, upperHelper } from './text.ts';

/** Every inline helper a template may call, in the order the editor lists them. */
export const inlineHelpers: readonly HelperDefinition[] = [
  defaultHelper,
  numberHelper,
  currencyHelper,
  percentHelper,
  dateHelper,
  maskPhoneHelper,
  maskNameHelper,
  truncateHelper,
  upperHelper,
  lowerHelper,
  ...comparisonHelpers,
  andHelper,
  orHelper,
  notHelper,
];

/** The block helpers (`{{#name}}…{{/name}}`) a template may use, with the options each accepts. */
export const blockHelpers = {
  if: { hashKeys: ['includeZero'] },
  unless: { hashKeys: ['includeZero'] },
  each: { hashKeys: [] },
  with: { hashKeys: [] },
} as const satisfies Record<string, { hashKeys: readonly string[] }>;

export type BlockHelperName = keyof typeof blockHelpers;

const inlineByName = new Map(inlineHelpers.map((helper) => [helper.name, helper]));
if (inlineByName.size !== inlineHelpers.length) throw new Error('Two template helpers share a name');

/** The inline helper called `name`, if there is one. */
export function findInlineHelper(name: string): HelperDefinition | undefined {
  return inlineByName.get(name);
}

/** Whether `name` is one of our block helpers. */
export function isBlockHelper(name: string): name is BlockHelperName {
  return Object.hasOwn(blockHelpers, name);
}
