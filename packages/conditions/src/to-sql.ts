import { ConditionError } from './errors.ts';
import type { Condition, EventCondition, EventCountCondition } from './schema.ts';
import { SqlParams } from './sql-params.ts';
import { valueLeafSql } from './sql-value.ts';

/** Where the compiled fragment sits in the caller's query. */
export interface ToSqlOptions {
  /** The instant relative dates and event windows count back from (bound as a parameter). */
  now: Date;
  /** Alias of the `customers` row (`id`, `attributes`, `tags`) in the caller's query. Default `c`. */
  customerAlias?: string;
  /**
   * Alias of an `events` row (`properties`) that top-level `property` leaves read: the event
   * that triggers a journey. Required only when the condition has such leaves.
   */
  eventAlias?: string;
  /** The event history table, optionally schema-qualified. Default `events`. */
  eventsTable?: string;
  /** Placeholders already used by the caller: the first one here is `$(paramOffset + 1)`. */
  paramOffset?: number;
}

/** A parameterised SQL boolean expression and its values, in placeholder order. */
export interface SqlFragment {
  text: string;
  values: unknown[];
}

const identifier = /^[a-z_][a-z0-9_]{0,62}$/;
const tableName = /^(?:[a-z_][a-z0-9_]{0,62}\.)?[a-z_][a-z0-9_]{0,62}$/;

/**
 * Compiles `condition` to a Postgres boolean expression that is true exactly for the customers
 * `evaluate` accepts, e.g. `SELECT id FROM customers c WHERE ${text}`. Values, field names and
 * `now` are bound parameters; only the validated aliases are written into the text. The result
 * is never NULL, so `NOT` and the caller's own logic stay two-valued.
 */
export function toSql(condition: Condition, options: ToSqlOptions): SqlFragment {
  const customer = checkedName(options.customerAlias ?? 'c', 'customerAlias', identifier);
  const event =
    options.eventAlias === undefined ? undefined : checkedName(options.eventAlias, 'eventAlias', identifier);
  const eventsTable = checkedName(options.eventsTable ?? 'events', 'eventsTable', tableName);
  const offset = options.paramOffset ?? 0;
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new ConditionError('INVALID_SQL_OPTION', 'paramOffset must be a whole number, 0 or more');
  }
  if (!(options.now instanceof Date) || Number.isNaN(options.now.getTime())) {
    throw new ConditionError('INVALID_SQL_OPTION', 'now must be a valid Date');
  }
  const params = new SqlParams(offset, options.now);
  const text = compile(condition, { customer, event, eventsTable, params });
  return { text, values: params.values };
}

interface Scope {
  customer: string;
  event: string | undefined;
  eventsTable: string;
  params: SqlParams;
}

function compile(condition: Condition, scope: Scope): string {
  switch (condition.type) {
    case 'all':
      return group(condition.conditions, 'AND', 'TRUE', (child) => compile(child, scope));
    case 'any':
      return group(condition.conditions, 'OR', 'FALSE', (child) => compile(child, scope));
    case 'not':
      return `(NOT ${compile(condition.condition, scope)})`;
    case 'attribute':
      return valueLeafSql(condition, `${scope.customer}.attributes`, scope.params);
    case 'property':
      if (scope.event === undefined) {
        throw new ConditionError(
          'EVENT_ALIAS_REQUIRED',
          `the condition on event property "${condition.field}" needs the triggering event: pass eventAlias`,
        );
      }
      return valueLeafSql(condition, `${scope.event}.properties`, scope.params);
    case 'tag': {
      const has = `COALESCE(${scope.customer}.tags @> ARRAY[${scope.params.add(condition.tag, 'text')}], false)`;
      return condition.op === 'has' ? has : `(NOT ${has})`;
    }
    case 'eventCount':
      return eventCountSql(condition, scope);
  }
  throw new ConditionError(
    'UNKNOWN_CONDITION',
    `"${String((condition as { type?: unknown }).type)}" is not a kind of condition`,
  );
}

function group<T>(
  children: readonly T[],
  joiner: 'AND' | 'OR',
  empty: string,
  each: (child: T) => string,
): string {
  if (children.length === 0) return empty;
  return `(${children.map(each).join(` ${joiner} `)})`;
}

const countComparison = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

// A correlated subquery whose WHERE matches the index events(customer_id, name, occurred_at).
function eventCountSql(condition: EventCountCondition, scope: Scope): string {
  const { params } = scope;
  const comparison = countComparison[condition.op];
  if (comparison === undefined) {
    throw new ConditionError('UNKNOWN_OPERATOR', `"${String(condition.op)}" is not a way to compare a count`);
  }
  const now = params.now();
  const where = [
    `wm_e.customer_id = ${scope.customer}.id`,
    `wm_e.name = ${params.add(condition.event, 'text')}`,
    `wm_e.occurred_at > ${now} - ${params.add(condition.withinDays, 'int')} * interval '24 hours'`,
    `wm_e.occurred_at <= ${now}`,
  ];
  if (condition.where) where.push(compileOnEvent(condition.where, params));
  const count = `(SELECT count(*) FROM ${scope.eventsTable} AS wm_e WHERE ${where.join(' AND ')})`;
  return `(${count} ${comparison} ${params.add(condition.count, 'bigint')})`;
}

function compileOnEvent(condition: EventCondition, params: SqlParams): string {
  switch (condition.type) {
    case 'all':
      return group(condition.conditions, 'AND', 'TRUE', (child) => compileOnEvent(child, params));
    case 'any':
      return group(condition.conditions, 'OR', 'FALSE', (child) => compileOnEvent(child, params));
    case 'not':
      return `(NOT ${compileOnEvent(condition.condition, params)})`;
    case 'property':
      return valueLeafSql(condition, 'wm_e.properties', params);
  }
  throw new ConditionError(
    'UNKNOWN_CONDITION',
    `"${String((condition as { type?: unknown }).type)}" cannot be used inside an event count`,
  );
}

function checkedName(name: string, option: string, pattern: RegExp): string {
  if (typeof name !== 'string' || !pattern.test(name) || /(^|\.)wm_/.test(name)) {
    throw new ConditionError(
      'INVALID_SQL_OPTION',
      `${option} must be a lower-case SQL name (letters, digits, _) not starting with wm_, got ${JSON.stringify(name)}`,
    );
  }
  return name;
}
