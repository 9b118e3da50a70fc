export { ConditionError, type ConditionErrorCode } from './errors.ts';
export { type CustomerEvent, type EvaluationContext, evaluate } from './evaluate.ts';
export { isIsoDate, parseIsoDate } from './iso-date.ts';
export * from './schema.ts';
export { type SqlFragment, type ToSqlOptions, toSql } from './to-sql.ts';
