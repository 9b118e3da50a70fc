/** Why a condition could not be evaluated or compiled. */
export type ConditionErrorCode =
  | 'UNKNOWN_CONDITION'
  | 'UNKNOWN_OPERATOR'
  | 'INVALID_VALUE'
  | 'EVENT_ALIAS_REQUIRED'
  | 'INVALID_SQL_OPTION';

/**
 * Raised only for input the schema would have refused (a condition that skipped
 * `parseCondition`) or for wrong `toSql` options: a schema-valid condition never raises it.
 */
export class ConditionError extends Error {
  override readonly name = 'ConditionError';
  constructor(
    readonly code: ConditionErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Throws the error for an operator the schema does not know (an unvalidated condition). */
export function unknownOperator(leaf: { valueType?: unknown; op?: unknown }): never {
  const kind = leaf.valueType === undefined ? 'this condition' : `${String(leaf.valueType)} values`;
  throw new ConditionError('UNKNOWN_OPERATOR', `"${String(leaf.op)}" is not an operator for ${kind}`);
}
