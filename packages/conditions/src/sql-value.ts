import { ConditionError, unknownOperator } from './errors.ts';
import { parseIsoDate } from './iso-date.ts';
import type { ValueCondition } from './schema.ts';
import { dateTest } from './sql-date.ts';
import type { SqlParams } from './sql-params.ts';

type Leaf<V> = Extract<ValueCondition, { valueType: V }>;

/**
 * The two-valued SQL test of one attribute / property leaf over the jsonb object `source`
 * (e.g. `c.attributes`). Each typed read sits behind a jsonb_typeof guard inside CASE, so a value
 * of another type yields false instead of a cast error.
 */
export function valueLeafSql(leaf: ValueCondition, source: string, params: SqlParams): string {
  const json = `(${source} -> ${params.add(leaf.field, 'text')})`;
  switch (leaf.valueType) {
    case 'number':
      return guarded(json, 'number', leaf.op, numberTest(leaf, `(${json})::numeric`, params));
    case 'string':
      return guarded(json, 'string', leaf.op, stringTest(leaf, `(${json} #>> '{}')`, params));
    case 'boolean':
      return guarded(
        json,
        'boolean',
        leaf.op,
        leaf.op === 'is' ? `(${json})::boolean = ${params.add(leaf.value, 'boolean')}` : '',
      );
    case 'date':
      return dateLeafSql(leaf, json, params);
  }
  return unknownOperator(leaf);
}

function guarded(json: string, jsonType: string, op: string, test: string): string {
  const isType = `COALESCE(jsonb_typeof(${json}) = '${jsonType}', false)`;
  if (op === 'exists') return isType;
  if (op === 'notExists') return `NOT ${isType}`;
  return `(CASE WHEN jsonb_typeof(${json}) = '${jsonType}' THEN ${test} ELSE false END)`;
}

function numberTest(leaf: Leaf<'number'>, v: string, params: SqlParams): string {
  switch (leaf.op) {
    case 'eq':
      return `${v} = ${params.add(leaf.value, 'numeric')}`;
    case 'neq':
      return `${v} <> ${params.add(leaf.value, 'numeric')}`;
    case 'gt':
      return `${v} > ${params.add(leaf.value, 'numeric')}`;
    case 'gte':
      return `${v} >= ${params.add(leaf.value, 'numeric')}`;
    case 'lt':
      return `${v} < ${params.add(leaf.value, 'numeric')}`;
    case 'lte':
      return `${v} <= ${params.add(leaf.value, 'numeric')}`;
    case 'between':
      return `${v} BETWEEN ${params.add(leaf.value[0], 'numeric')} AND ${params.add(leaf.value[1], 'numeric')}`;
    case 'in':
      return `${v} = ANY(${params.add(leaf.value, 'numeric[]')})`;
    case 'notIn':
      return `NOT (${v} = ANY(${params.add(leaf.value, 'numeric[]')}))`;
    case 'exists':
    case 'notExists':
      return '';
  }
  return unknownOperator(leaf);
}

function stringTest(leaf: Leaf<'string'>, v: string, params: SqlParams): string {
  switch (leaf.op) {
    case 'eq':
      return `${v} = ${params.add(leaf.value, 'text')}`;
    case 'neq':
      return `${v} <> ${params.add(leaf.value, 'text')}`;
    // strpos and starts_with compare code points; LIKE would need the value escaped.
    case 'contains':
      return `strpos(${v}, ${params.add(leaf.value, 'text')}) > 0`;
    case 'startsWith':
      return `starts_with(${v}, ${params.add(leaf.value, 'text')})`;
    case 'in':
      return `${v} = ANY(${params.add(leaf.value, 'text[]')})`;
    case 'notIn':
      return `NOT (${v} = ANY(${params.add(leaf.value, 'text[]')}))`;
    case 'exists':
    case 'notExists':
      return '';
  }
  return unknownOperator(leaf);
}

function dateLeafSql(leaf: Leaf<'date'>, json: string, params: SqlParams): string {
  switch (leaf.op) {
    case 'exists':
      return dateTest(json, (t) => `${t} IS NOT NULL`);
    case 'notExists':
      return `NOT ${dateTest(json, (t) => `${t} IS NOT NULL`)}`;
    case 'before':
      return dateTest(json, (t) => `${t} < ${params.add(instantOf(leaf.value), 'timestamptz')}`);
    case 'after':
      return dateTest(json, (t) => `${t} > ${params.add(instantOf(leaf.value), 'timestamptz')}`);
    case 'withinLastDays': {
      const now = params.now();
      const from = `${now} - ${params.add(leaf.value, 'int')} * interval '24 hours'`;
      return dateTest(json, (t) => `${t} > ${from} AND ${t} <= ${now}`);
    }
    case 'olderThanDays': {
      const now = params.now();
      return dateTest(json, (t) => `${t} <= ${now} - ${params.add(leaf.value, 'int')} * interval '24 hours'`);
    }
  }
  return unknownOperator(leaf);
}

function instantOf(isoDate: string): Date {
  const instant = parseIsoDate(isoDate);
  if (instant === undefined) throw new ConditionError('INVALID_VALUE', `"${isoDate}" is not a date`);
  return new Date(instant);
}
