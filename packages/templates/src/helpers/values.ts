import { missingValue, refuse } from './define-helper.ts';

/** Describes a value for an error message without dumping it (values may be long or personal). */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (typeof value === 'string') {
    const shown = value.length > 24 ? `${value.slice(0, 24)}…` : value;
    return `the text "${shown}"`;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? `the number ${value}` : 'an invalid number';
  if (typeof value === 'boolean') return `${value}`;
  if (value instanceof Date) return 'a date';
  if (Array.isArray(value)) return 'a list';
  return 'a group of values';
}

/** The value at `index`, refusing null/undefined as missing. */
export function required(args: readonly unknown[], index: number): unknown {
  const value = args[index];
  if (value === undefined || value === null) missingValue(index);
  return value;
}

const numericText = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/** Reads a finite number from a number or numeric text ("1234.5", as CSV and JSON payloads hold it). */
export function toFiniteNumber(value: unknown, what = 'a number'): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') {
    const text = value.trim().replaceAll(',', '');
    if (text.length <= 40 && numericText.test(text)) {
      const parsed = Number(text);
      if (Number.isFinite(parsed)) return parsed;
    }
  }
  return refuse(`needs ${what}, but got ${describeValue(value)}`);
}

/** Reads a whole number in [min, max] for options such as decimals or a length. */
export function toBoundedInteger(value: unknown, name: string, min: number, max: number): number {
  const number = typeof value === 'string' || typeof value === 'number' ? Number(value) : Number.NaN;
  if (!Number.isInteger(number) || number < min || number > max) {
    refuse(`needs ${name} to be a whole number from ${min} to ${max}, but got ${describeValue(value)}`);
  }
  return number;
}

/** Reads an optional setting given either positionally or as a hash option (hash wins). */
export function optionalSetting(positional: unknown, hashed: unknown): unknown {
  return hashed !== undefined ? hashed : positional;
}

/** Text of a scalar value; lists and groups cannot be shown as one piece of text. */
export function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  return refuse(`needs text, but got ${describeValue(value)}`);
}

/** Reads an option that must be one of a few words, e.g. style="unit". */
export function oneOf<const T extends string>(value: unknown, name: string, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  return refuse(
    `needs ${name} to be one of ${allowed.map((a) => `"${a}"`).join(', ')}, but got ${describeValue(value)}`,
  );
}

/** Reads a yes/no option written as true/false or "true"/"false". */
export function toFlag(value: unknown, name: string): boolean {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return refuse(`needs ${name} to be true or false, but got ${describeValue(value)}`);
}
