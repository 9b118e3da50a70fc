export { type DescribeOptions, describeCondition } from './describe.ts';
export { ConditionError, type ConditionErrorCode } from './errors.ts';
export { type CustomerEvent, type EvaluationContext, evaluate } from './evaluate.ts';
export { isIsoDate, parseIsoDate } from './iso-date.ts';
export {
  countOperators,
  findOperator,
  type Locale,
  locales,
  type OperatorInfo,
  operatorCatalog,
  tagOperators,
  type ValueShape,
  valueTypeLabels,
} from './operators.ts';
export {
  MAX_DEPTH,
  MAX_NODES,
  type ParseProblem,
  type ParseProblemCode,
  type ParseResult,
  parseCondition,
} from './parse.ts';
export { type ReferencedFields, referencedFields } from './referenced-fields.ts';
export * from './schema.ts';
export { type SqlFragment, type ToSqlOptions, toSql } from './to-sql.ts';
