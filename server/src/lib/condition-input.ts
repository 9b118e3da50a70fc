import { type Condition, ConditionError, conditionSchema, parseCondition, toSql } from '@waymark/conditions';
import { appError } from '../errors/app-error.ts';

/**
 * A condition in a request: documented with the condition language's schema, but checked first
 * with `parseCondition`, whose messages a planner understands (zod's own union messages do not).
 */
export const conditionInput = conditionSchema.describe(
  'A condition tree: attribute / tag / eventCount leaves combined with all / any / not',
);

/** Validates a condition from `where` (a body path such as `body.condition`) or answers 400. */
export function readCondition(value: unknown, where: string): Condition {
  const parsed = parseCondition(value);
  if (parsed.ok) return parsed.condition;
  const errors = parsed.problems.map((p) => ({ path: [where, ...p.path].join('.'), message: p.message }));
  throw appError('segment.invalid-condition', errors[0]?.message, { errors });
}

/** Compiles a customer condition to SQL, answering 400 for conditions that need an event in hand. */
export function customerConditionSql(
  condition: Condition,
  options: { now: Date; customerAlias: string; paramOffset?: number },
) {
  try {
    return toSql(condition, options);
  } catch (error) {
    if (error instanceof ConditionError) {
      throw appError(
        'segment.invalid-condition',
        error.code === 'EVENT_ALIAS_REQUIRED'
          ? 'A segment is about customers: use event counts ("eventCount") rather than properties of a single event.'
          : error.message,
      );
    }
    throw error;
  }
}
