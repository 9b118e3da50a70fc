import { parseIsoDate } from './iso-date.ts';

/**
 * The value stored under `field` in a JSON object, or undefined. Only own keys of a plain object
 * count (an array has no fields, and `constructor` is not a field of every customer), which is
 * what `jsonb -> 'field'` sees.
 */
export function readField(record: unknown, field: string): unknown {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return undefined;
  return Object.hasOwn(record, field) ? (record as Record<string, unknown>)[field] : undefined;
}

// Each reader returns undefined for a missing value or a value of another JSON type.

export function readNumber(raw: unknown): number | undefined {
  return typeof raw === 'number' && Number.isFinite(raw) ? raw : undefined;
}

export function readString(raw: unknown): string | undefined {
  return typeof raw === 'string' ? raw : undefined;
}

export function readBoolean(raw: unknown): boolean | undefined {
  return typeof raw === 'boolean' ? raw : undefined;
}

/**
 * A date as epoch milliseconds. A JS Date counts as the ISO string it would be stored as, so a
 * caller's in-memory event agrees with the same event read back from Postgres.
 */
export function readDate(raw: unknown): number | undefined {
  const text = raw instanceof Date && !Number.isNaN(raw.getTime()) ? raw.toISOString() : raw;
  return typeof text === 'string' ? parseIsoDate(text) : undefined;
}
