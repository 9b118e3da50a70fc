import { RenderAbort } from './errors.ts';

/** Keys dropped from data: the same JavaScript internals templates may not name. */
const droppedKeys = new Set([
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'toLocaleString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'toHTML',
]);

const maxDepth = 24;
const maxNodes = 200_000;

interface CopyState {
  nodes: number;
  ancestors: Set<object>;
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function copy(value: unknown, depth: number, state: CopyState): unknown {
  state.nodes += 1;
  if (state.nodes > maxNodes)
    throw new RenderAbort('template.render', 'The data for this message is too large.');
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'bigint':
      // Amounts from a bigint column: text keeps every digit and helpers read numeric text.
      return value.toString();
    case 'object':
      break;
    default:
      // Functions would be called by Handlebars as "lambdas"; symbols cannot be shown.
      return undefined;
  }
  if (value === null) return null;
  if (value instanceof Date) return new Date(value.getTime());
  if (depth >= maxDepth) {
    throw new RenderAbort(
      'template.render',
      `The data for this message is nested more than ${maxDepth} levels deep.`,
    );
  }
  if (state.ancestors.has(value))
    throw new RenderAbort('template.render', 'The data for this message refers to itself.');
  state.ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      const list: unknown[] = [];
      for (let i = 0; i < value.length; i++) list.push(copy(value[i], depth + 1, state));
      return list;
    }
    if (!isPlainObject(value)) return undefined;
    const record: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      if (droppedKeys.has(key)) continue;
      const field = copy((value as Record<string, unknown>)[key], depth + 1, state);
      // An absent field stays absent, so strict mode reports it instead of printing nothing.
      if (field !== undefined) record[key] = field;
    }
    return record;
  } finally {
    state.ancestors.delete(value);
  }
}

/**
 * A copy of render data holding only what templates may read: text, numbers, booleans, null,
 * dates, lists and plain records. Functions, symbols and class instances are dropped; so are keys
 * naming JavaScript internals (`constructor`, `__proto__`, `toString`, …), which keeps a hostile
 * payload from reaching prototypes and keeps Handlebars from calling functions found in data.
 * Getters run once here, so one that throws fails this copy, not the render.
 */
export function toRenderData(data: unknown): Record<string, unknown> {
  const notRecord = () =>
    new RenderAbort('template.render', 'The data for a message must be a set of named values.');
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw notRecord();
  try {
    if (!isPlainObject(data)) throw notRecord();
    return copy(data, 0, { nodes: 0, ancestors: new Set() }) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof RenderAbort) throw error;
    throw new RenderAbort('template.render', 'The data for this message could not be read.');
  }
}
