import type { z } from 'zod';
import { countOperators, findOperator, tagOperators, valueTypeLabels } from './operators.ts';
import { type Condition, conditionSchema, type ValueType, valueTypes } from './schema.ts';

/** What kind of mistake a problem is, for code that reacts to it (the message is for people). */
export type ParseProblemCode =
  | 'INVALID_JSON'
  | 'TOO_DEEP'
  | 'TOO_LARGE'
  | 'MISSING'
  | 'WRONG_TYPE'
  | 'NOT_ALLOWED'
  | 'TOO_SMALL'
  | 'TOO_BIG'
  | 'INVALID';

/** One mistake: where it is (keys and indexes from the root) and what to do about it. */
export interface ParseProblem {
  path: (string | number)[];
  code: ParseProblemCode;
  message: string;
}

/** The condition, or every problem found in it. */
export type ParseResult = { ok: true; condition: Condition } | { ok: false; problems: ParseProblem[] };

/** Deeper trees or more values than this are refused before validation, so nothing can overflow. */
export const MAX_DEPTH = 32;
export const MAX_NODES = 20_000;

/**
 * Validates a condition (an already parsed value, or JSON text) and explains every mistake in
 * words a marketing planner understands. Never throws.
 */
export function parseCondition(json: unknown): ParseResult {
  let input = json;
  if (typeof json === 'string') {
    try {
      input = JSON.parse(json);
    } catch {
      return fail([], 'INVALID_JSON', 'The condition is not valid JSON.');
    }
  }
  const size = measure(input);
  if (size.depth > MAX_DEPTH) {
    return fail([], 'TOO_DEEP', `The condition nests groups more than ${MAX_DEPTH} levels deep: flatten it.`);
  }
  if (size.nodes > MAX_NODES) {
    return fail(
      [],
      'TOO_LARGE',
      `The condition holds more than ${MAX_NODES.toLocaleString('en')} values: split it.`,
    );
  }
  try {
    const result = conditionSchema.safeParse(input);
    if (result.success) return { ok: true, condition: result.data };
    return { ok: false, problems: result.error.issues.map((issue) => explain(issue, input)) };
  } catch {
    return fail([], 'INVALID', 'The condition could not be read: it must be plain JSON.');
  }
}

function fail(path: (string | number)[], code: ParseProblemCode, message: string): ParseResult {
  return { ok: false, problems: [{ path, code, message }] };
}

// Iterative, so a hostile 100,000-level payload cannot overflow the stack before it is refused.
function measure(root: unknown): { depth: number; nodes: number } {
  const stack: [unknown, number][] = [[root, 1]];
  let depth = 0;
  let nodes = 0;
  while (stack.length > 0) {
    const [value, level] = stack.pop()!;
    nodes++;
    depth = Math.max(depth, level);
    if (depth > MAX_DEPTH || nodes > MAX_NODES) break;
    if (value !== null && typeof value === 'object') {
      for (const child of Object.values(value)) stack.push([child, level + 1]);
    }
  }
  return { depth, nodes };
}

const keyNames: Record<string, string> = {
  type: 'the kind of condition ("type")',
  field: 'the field name',
  valueType: 'the value type',
  op: 'the operator',
  value: 'the value',
  tag: 'the tag',
  event: 'the event name',
  where: 'the event filter',
  withinDays: 'the number of days',
  count: 'the count',
  conditions: 'the list of conditions',
  condition: 'the condition to negate',
};

const typeNouns: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  tuple: 'a pair of numbers',
  object: 'an object',
};

function explain(issue: z.core.$ZodIssue, input: unknown): ParseProblem {
  const path = issue.path.map((key) => (typeof key === 'number' ? key : String(key)));
  const found = valueAt(input, path);
  const { subject, leaf } = subjectOf(input, path);
  const lastKey = path.findLast((key) => typeof key === 'string') ?? '';
  const item =
    typeof path[path.length - 1] === 'number' ? ` (item ${Number(path[path.length - 1]) + 1})` : '';
  const isDays = lastKey === 'value' && (leaf?.op === 'withinLastDays' || leaf?.op === 'olderThanDays');
  const key = `${isDays ? 'the number of days' : (keyNames[lastKey] ?? quote(lastKey))}${item}`;
  const problem = (code: ParseProblemCode, detail: string): ParseProblem => ({
    path,
    code,
    message: `${subject}: ${detail}.`,
  });

  switch (issue.code) {
    case 'invalid_type': {
      const expected = typeNouns[issue.expected] ?? issue.expected;
      if (path.length === 0)
        return problem(
          'WRONG_TYPE',
          'a condition must be an object such as {"type": "tag", "op": "has", "tag": "vip"}',
        );
      if (found === undefined) return problem('MISSING', `${key} is missing (${expected})`);
      return problem('WRONG_TYPE', `${key} must be ${expected}`);
    }
    case 'invalid_union': {
      if (!('discriminator' in issue) || typeof issue.discriminator !== 'string')
        return problem('INVALID', 'this part is not a valid condition');
      const options = 'options' in issue && Array.isArray(issue.options) ? issue.options : [];
      const code = found === undefined ? 'MISSING' : 'NOT_ALLOWED';
      return notAllowed(issue.discriminator, found, leaf, (detail) => problem(code, detail), options);
    }
    case 'invalid_value':
      return notAllowed(lastKey, found, leaf, (detail) => problem('NOT_ALLOWED', detail), issue.values);
    case 'too_small':
      if (issue.origin === 'array' && lastKey === 'value' && Number(issue.minimum) === 1)
        return problem('TOO_SMALL', 'the list needs at least one value');
      if (issue.origin === 'array' && lastKey === 'value' && Number(issue.minimum) === 2)
        return problem('TOO_SMALL', 'a range needs two numbers: [lowest, highest]');
      if (issue.origin === 'array')
        return problem('TOO_SMALL', `${key} needs at least ${issue.minimum} item`);
      if (issue.origin === 'string') return problem('TOO_SMALL', `${key} cannot be empty`);
      return problem('TOO_SMALL', `${key} must be at least ${Number(issue.minimum).toLocaleString('en')}`);
    case 'too_big':
      if (issue.origin === 'array' && lastKey === 'conditions')
        return problem(
          'TOO_BIG',
          `a group holds at most ${issue.maximum} conditions: split it into smaller groups`,
        );
      if (issue.origin === 'array') return problem('TOO_BIG', `${key} holds at most ${issue.maximum} items`);
      if (issue.origin === 'string')
        return problem('TOO_BIG', `${key} is longer than ${issue.maximum} characters`);
      return problem('TOO_BIG', `${key} must be at most ${Number(issue.maximum).toLocaleString('en')}`);
    default:
      return problem('INVALID', `${key} is not valid: ${issue.message}`);
  }
}

function notAllowed(
  key: string,
  found: unknown,
  leaf: Record<string, unknown> | undefined,
  problem: (detail: string) => ParseProblem,
  options: readonly unknown[],
): ParseProblem {
  const given = found === undefined ? undefined : quote(found);
  if (key === 'type') {
    const choices = options.map(String).join(', ');
    const eventOnly = !options.includes('attribute');
    if (given === undefined)
      return problem(`the kind of condition ("type") is missing: use one of ${choices}`);
    return problem(
      `${given} is not a kind of condition${eventOnly ? ' inside an event count' : ''}: use one of ${choices}`,
    );
  }
  if (key === 'valueType') {
    const choices = valueTypes.join(', ');
    return problem(
      given === undefined
        ? `say what the field holds ("valueType"): ${choices}`
        : `${given} is not a value type: use ${choices}`,
    );
  }
  if (key === 'op') {
    const choices = opChoices(leaf, options);
    return problem(
      given === undefined
        ? `the operator ("op") is missing: use ${choices}`
        : `${given} cannot be used here: use ${choices}`,
    );
  }
  return problem(
    `${given ?? 'nothing'} is not allowed for ${keyNames[key] ?? key}: use one of ${options.map(String).join(', ')}`,
  );
}

function opChoices(leaf: Record<string, unknown> | undefined, options: readonly unknown[]): string {
  const valueType = leaf?.valueType as ValueType;
  const label = (op: string) => {
    const info =
      leaf?.type === 'tag'
        ? tagOperators.find((entry) => entry.op === op)
        : leaf?.type === 'eventCount'
          ? countOperators.find((entry) => entry.op === op)
          : findOperator(valueType, op);
    return info ? `${op} (${info.label.en})` : op;
  };
  const forType = valueTypes.includes(valueType) ? ` for ${valueTypeLabels[valueType].en} values` : '';
  return `one of ${options.map((op) => label(String(op))).join(', ')}${forType}`;
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

// Names the leaf (or group) that holds the mistake, so the planner can find it on the canvas.
function subjectOf(
  root: unknown,
  path: readonly (string | number)[],
): { subject: string; leaf?: Record<string, unknown> } {
  let depth = path.length;
  let node = valueAt(root, path);
  while (depth > 0 && (node === null || typeof node !== 'object' || Array.isArray(node))) {
    depth--;
    node = valueAt(root, path.slice(0, depth));
  }
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return { subject: 'Condition' };
  const leaf = node as Record<string, unknown>;
  const name = (v: unknown) => (typeof v === 'string' && v !== '' ? ` ${quote(v)}` : '');
  switch (leaf.type) {
    case 'attribute':
      return { subject: `Condition on${name(leaf.field) || ' an attribute'}`, leaf };
    case 'property':
      return { subject: `Condition on event property${name(leaf.field)}`, leaf };
    case 'tag':
      return { subject: `Tag condition${name(leaf.tag)}`, leaf };
    case 'eventCount':
      return { subject: `Count of${name(leaf.event)} events`, leaf };
    case 'all':
    case 'any':
    case 'not':
      return { subject: `Group "${leaf.type}"`, leaf };
  }
  const index = path[depth - 1];
  return { subject: typeof index === 'number' ? `Condition ${index + 1} of its group` : 'Condition', leaf };
}

// Input echoed in a message stays on one line and short, whatever the planner (or a bug) sent.
function quote(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
