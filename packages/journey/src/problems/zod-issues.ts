import type { z } from 'zod';
import type { MessageParam } from '../i18n/fill.ts';
import { type FieldReason, isFieldReason } from './reasons.ts';

/** One wrong field, in terms a planner can read: where, and which {@link FieldReason}. */
export interface FieldIssue {
  path: (string | number)[];
  reason: FieldReason;
  params: Record<string, MessageParam>;
}

type Issue = z.core.$ZodIssue;

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    if (typeof key === 'symbol' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

function bound(value: number | bigint): number {
  return Number(value);
}

function reasonOf(issue: Issue, input: unknown): Pick<FieldIssue, 'reason' | 'params'> {
  switch (issue.code) {
    case 'invalid_type':
      if (valueAt(input, issue.path) === undefined) return { reason: 'required', params: {} };
      if (issue.expected === 'int') return { reason: 'not-integer', params: {} };
      return { reason: 'wrong-type', params: { expected: issue.expected } };
    case 'too_small': {
      const minimum = bound(issue.minimum);
      if (issue.origin === 'string' && minimum === 1) return { reason: 'empty', params: {} };
      if (issue.origin === 'string' || issue.origin === 'array' || issue.origin === 'set') {
        return { reason: 'too-short', params: { minimum } };
      }
      return { reason: issue.inclusive === false ? 'more-than' : 'too-small', params: { minimum } };
    }
    case 'too_big': {
      const maximum = bound(issue.maximum);
      if (issue.origin === 'string' || issue.origin === 'array' || issue.origin === 'set') {
        return { reason: 'too-long', params: { maximum } };
      }
      return { reason: issue.inclusive === false ? 'less-than' : 'too-big', params: { maximum } };
    }
    case 'invalid_value':
      return { reason: 'not-one-of', params: { options: issue.values.map((value) => String(value)) } };
    case 'invalid_union':
      return { reason: 'no-matching-shape', params: {} };
    case 'unrecognized_keys':
      return { reason: 'unknown-keys', params: { keys: issue.keys } };
    case 'invalid_format':
    case 'custom':
      return { reason: isFieldReason(issue.message) ? issue.message : 'format', params: {} };
    default:
      return { reason: isFieldReason(issue.message) ? issue.message : 'format', params: {} };
  }
}

/**
 * Turns zod's issues into field issues. `input` is the value that was parsed: zod does not
 * report the input by default, and "is required" reads better than "expected number".
 */
export function fieldIssuesFromZod(issues: readonly Issue[], input: unknown): FieldIssue[] {
  return issues.map((issue) => ({
    path: issue.path.filter((key): key is string | number => typeof key !== 'symbol'),
    ...reasonOf(issue, input),
  }));
}

/** Runs a schema without letting it throw: hostile input (a condition nested 100 000 deep) becomes an issue. */
export function safeParseFields<T>(
  schema: z.ZodType<T>,
  input: unknown,
): { ok: true; value: T } | { ok: false; issues: FieldIssue[] } {
  try {
    const result = schema.safeParse(input);
    if (result.success) return { ok: true, value: result.data };
    return { ok: false, issues: fieldIssuesFromZod(result.error.issues, input) };
  } catch {
    return { ok: false, issues: [{ path: [], reason: 'too-deep', params: {} }] };
  }
}

/** `['variants', 0, 'weight']` → `variants[0].weight`: how a field is named in a message. */
export function fieldName(path: readonly (string | number)[]): string {
  return path.reduce<string>((name, key) => {
    if (typeof key === 'number') return `${name}[${key}]`;
    return name === '' ? key : `${name}.${key}`;
  }, '');
}
