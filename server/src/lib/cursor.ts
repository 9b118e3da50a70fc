import { appError } from '../errors/app-error.ts';

type Part = 'date' | 'string' | 'number';
type Value<P extends Part> = P extends 'date' ? Date : P extends 'number' ? number : string;

/** An opaque keyset cursor: the sort values of the last row, JSON in base64url. */
export function encodeCursor(values: readonly (Date | string | number)[]): string {
  return Buffer.from(JSON.stringify(values.map((v) => (v instanceof Date ? v.toISOString() : v)))).toString(
    'base64url',
  );
}

/** Reads a cursor made by `encodeCursor`; anything else is a 400 `request.invalid-cursor`. */
export function decodeCursor<const P extends readonly Part[]>(
  cursor: string,
  parts: P,
): { [K in keyof P]: Value<P[K]> } {
  const invalid = () => appError('request.invalid-cursor', 'Start again from the first page.');
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(raw) || raw.length !== parts.length) throw invalid();
  return parts.map((part, i) => {
    const value = raw[i];
    if (part === 'date') {
      const date = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
      if (Number.isNaN(date.getTime())) throw invalid();
      return date;
    }
    if (part === 'number' ? typeof value !== 'number' : typeof value !== 'string') throw invalid();
    return value;
  }) as { [K in keyof P]: Value<P[K]> };
}
