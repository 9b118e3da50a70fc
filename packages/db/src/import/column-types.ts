/** How a CSV column's text is turned into an attribute value. */
export type ColumnType = 'string' | 'number' | 'boolean' | 'date';

export type ParsedValue =
  | { ok: true; value: string | number | boolean }
  | { ok: false; expected: ColumnType };

const numberPattern = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const groupedNumberPattern = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const booleanWords: Record<string, boolean> = {
  yes: true,
  no: false,
  true: true,
  false: false,
  y: true,
  n: false,
  t: true,
  f: false,
  '1': true,
  '0': false,
  是: true,
  否: false,
};
const datePattern = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;

/** Parses a non-empty, trimmed cell as `type`. */
export function parseCell(text: string, type: ColumnType): ParsedValue {
  switch (type) {
    case 'string':
      return { ok: true, value: text };
    case 'number': {
      if (numberPattern.test(text)) return { ok: true, value: Number(text) };
      if (groupedNumberPattern.test(text)) return { ok: true, value: Number(text.replaceAll(',', '')) };
      return { ok: false, expected: 'number' };
    }
    case 'boolean': {
      const value = booleanWords[text.toLowerCase()];
      return value === undefined ? { ok: false, expected: 'boolean' } : { ok: true, value };
    }
    case 'date': {
      const iso = toIsoDate(text);
      return iso === null ? { ok: false, expected: 'date' } : { ok: true, value: iso };
    }
  }
}

/** `2024-2-9` or `2024/02/09` → `2024-02-09`; null when not a real calendar date. */
function toIsoDate(text: string): string | null {
  const m = datePattern.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The narrowest type every sample value fits (boolean, number, date, else string). Empty cells
 * say nothing. Values like `0`/`1` count as numbers: a boolean column needs words (yes/no, true/false).
 */
export function inferColumnType(samples: readonly string[]): ColumnType {
  const values = samples.filter((s) => s !== '');
  if (values.length === 0) return 'string';
  const fits = (type: ColumnType, words?: boolean) =>
    values.every((v) => parseCell(v, type).ok && (!words || !/^[01]$/.test(v)));
  if (fits('boolean', true)) return 'boolean';
  if (fits('number')) return 'number';
  if (fits('date')) return 'date';
  return 'string';
}
