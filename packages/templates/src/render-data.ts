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
  /** The objects being copied, outermost first: at most `maxDepth` of them. */
  ancestors: object[];
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function tooLarge(): RenderAbort {
  return new RenderAbort('template.render', 'The data for this message is too large.');
}

/** Text, numbers and booleans: most of any profile, so copied without the call `copy` costs. */
function isScalar(value: unknown): value is string | number | boolean {
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean';
}

function copy(value: unknown, depth: number, state: CopyState): unknown {
  state.nodes += 1;
  if (state.nodes > maxNodes) throw tooLarge();
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
  // A short list (the depth is capped) is cheaper than a Set here. A throw abandons the whole
  // copy, so the list needs no cleanup on the way out of one.
  if (state.ancestors.includes(value))
    throw new RenderAbort('template.render', 'The data for this message refers to itself.');
  if (Array.isArray(value)) {
    state.ancestors.push(value);
    const list: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (isScalar(item)) {
        if (++state.nodes > maxNodes) throw tooLarge();
        list.push(item);
      } else list.push(copy(item, depth + 1, state));
    }
    state.ancestors.pop();
    return list;
  }
  if (!isPlainObject(value)) return undefined;
  state.ancestors.push(value);
  const record: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (droppedKeys.has(key)) continue;
    const field: unknown = (value as Record<string, unknown>)[key];
    if (isScalar(field)) {
      if (++state.nodes > maxNodes) throw tooLarge();
      record[key] = field;
      continue;
    }
    const copied = copy(field, depth + 1, state);
    // An absent field stays absent, so strict mode reports it instead of printing nothing.
    if (copied !== undefined) record[key] = copied;
  }
  state.ancestors.pop();
  return record;
}

function notRecord(): RenderAbort {
  return new RenderAbort('template.render', 'The data for a message must be a set of named values.');
}

/**
 * A copy of render data holding only what templates may read: text, numbers, booleans, null,
 * dates, lists and plain records. Functions, symbols and class instances are dropped; so are keys
 * naming JavaScript internals (`constructor`, `__proto__`, `toString`, …), which keeps a hostile
 * payload from reaching prototypes and keeps Handlebars from calling functions found in data.
 * Getters run once here, so one that throws fails this copy, not the render.
 */
export function toRenderData(data: unknown): Record<string, unknown> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw notRecord();
  try {
    if (!isPlainObject(data)) throw notRecord();
    return copy(data, 0, { nodes: 0, ancestors: [] }) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof RenderAbort) throw error;
    throw new RenderAbort('template.render', 'The data for this message could not be read.');
  }
}
