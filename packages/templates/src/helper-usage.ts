import type { TemplateProblemCode } from './errors.ts';
import { blockHelpers, findInlineHelper, inlineHelpers, isBlockHelper } from './helpers/index.ts';

/** How a helper name appears: `{{name …}}` / `(name …)` inline, or `{{#name …}}` as a block. */
export type CallKind = 'inline' | 'block';

/** A problem with one helper call, before it is given a location. */
export interface UsageProblem {
  code: TemplateProblemCode;
  message: string;
}

const allHelperNames = [...inlineHelpers.map((helper) => helper.name), ...Object.keys(blockHelpers)];

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
}

/** "Did you mean {{currency}}?" for a misspelt helper name, or nothing when none is close. */
export function suggestHelper(name: string): string {
  if (name.length > 40) return '';
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of allHelperNames) {
    const distance = candidate.toLowerCase() === lower ? 0 : editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best === undefined ? '' : ` Did you mean {{${best}}}?`;
}

function countWords(count: number, min: number, max: number): string {
  const range = min === max ? `${min}` : max >= 20 ? `at least ${min}` : `${min} to ${max}`;
  return `${range} value${max === 1 && min === 1 ? '' : 's'}, but was given ${count}`;
}

function unknownOptions(
  name: string,
  hashKeys: readonly string[],
  allowed: readonly string[],
): UsageProblem | undefined {
  const unknown = hashKeys.filter((key) => !allowed.includes(key));
  if (unknown.length === 0) return undefined;
  const accepted = allowed.length === 0 ? 'it takes no options' : `it accepts ${allowed.join(', ')}`;
  return {
    code: 'template.helper-arguments',
    message: `{{${name}}} has no option ${unknown.map((key) => `${key}=`).join(', ')}: ${accepted}.`,
  };
}

/**
 * Checks one call of a helper: that the name is one of ours, used the way it works (block or
 * inline), with the right number of values and known options. Returns nothing when it is fine.
 */
export function checkHelperCall(
  name: string,
  kind: CallKind,
  argumentCount: number,
  hashKeys: readonly string[],
): UsageProblem | undefined {
  if (isBlockHelper(name)) {
    if (kind === 'inline') {
      return {
        code: 'template.unknown-helper',
        message: `{{${name}}} works as a block: write {{#${name} …}}…{{/${name}}}.`,
      };
    }
    if (argumentCount !== 1) {
      return {
        code: 'template.helper-arguments',
        message: `{{#${name}}} needs ${countWords(argumentCount, 1, 1)}.`,
      };
    }
    return unknownOptions(`#${name}`, hashKeys, blockHelpers[name].hashKeys);
  }
  const helper = findInlineHelper(name);
  if (helper === undefined) {
    const what =
      kind === 'block'
        ? `{{#${name}}} is not a block helper: blocks are #if, #unless, #each and #with.`
        : `{{${name}}} is not a helper.`;
    return { code: 'template.unknown-helper', message: what + suggestHelper(name) };
  }
  if (kind === 'block') {
    return {
      code: 'template.unknown-helper',
      message: `{{${name}}} cannot be used as a block: write {{${name} …}} without # and {{/${name}}}.`,
    };
  }
  if (argumentCount < helper.minArgs || argumentCount > helper.maxArgs) {
    return {
      code: 'template.helper-arguments',
      message: `{{${name}}} needs ${countWords(argumentCount, helper.minArgs, helper.maxArgs)}, e.g. ${helper.example}.`,
    };
  }
  return unknownOptions(name, hashKeys, helper.hashKeys);
}

/** Whether `name` is any helper we have (so `{{name}}` alone is a call, not a variable). */
export function isHelperName(name: string): boolean {
  return isBlockHelper(name) || findInlineHelper(name) !== undefined;
}
