import { normalizePhone } from '../crypto/pii-cipher.ts';
import type { CustomerInput } from '../repos/customers/customer-types.ts';
import { normalizeEmail } from '../repos/customers/email-address.ts';
import { type ColumnType, parseCell } from './column-types.ts';
import type { Rejection, RejectionCode } from './rejection-codes.ts';

/** Customer fields that come from a named column instead of `attributes`. */
export type FieldColumnKey =
  | 'name'
  | 'phone'
  | 'email'
  | 'idNumber'
  | 'tags'
  | 'branch'
  | 'rmUserId'
  | 'locale';

/** Header names (case-insensitive) read as customer fields rather than attributes. */
export const defaultFieldColumns: Record<FieldColumnKey, string> = {
  name: 'name',
  phone: 'phone',
  email: 'email',
  idNumber: 'id_number',
  tags: 'tags',
  branch: 'branch',
  rmUserId: 'rm_user_id',
  locale: 'locale',
};
const piiFields: readonly FieldColumnKey[] = ['name', 'phone', 'email', 'idNumber'];

/** Gives each row without an id column a stable id from its position, e.g. `C000001`. */
export interface IdFromRow {
  prefix: string;
  /** Digits, zero-padded (default 6). */
  width?: number;
}

/** The file cannot be imported at all (no id column, duplicate headers): nothing was read. */
export class ImportHeaderError extends Error {
  readonly code = 'IMPORT_BAD_HEADER';
}

export interface RowMapperOptions {
  idColumn: string;
  idFromRow: IdFromRow | undefined;
  fieldColumns: Record<FieldColumnKey, string>;
  delimiter: string;
}

export type MappedRow = { ok: true; customer: CustomerInput } | { ok: false; rejection: Rejection };

const MAX_ID_LENGTH = 64;
const shown = (v: string) => (v.length > 40 ? `${v.slice(0, 40)}…` : v);
const typeWords: Record<ColumnType, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'yes or no',
  date: 'a date (YYYY-MM-DD)',
};
const codeByType: Record<ColumnType, RejectionCode> = {
  string: 'bad_number',
  number: 'bad_number',
  boolean: 'bad_boolean',
  date: 'bad_date',
};

/**
 * Validates the header once and returns the per-row mapper: data row → `CustomerInput`, or a
 * rejection saying which value is wrong. Attribute columns must all have a type in `types`.
 */
export function createRowMapper(
  header: readonly string[],
  types: Record<string, ColumnType>,
  options: RowMapperOptions,
) {
  const names = header.map((h) => h.trim());
  const seen = new Set<string>();
  for (const name of names) {
    if (name === '')
      throw new ImportHeaderError('The header row has an empty column name. Give every column a name.');
    const key = name.toLowerCase();
    if (seen.has(key)) throw new ImportHeaderError(`The header row names the column "${name}" twice.`);
    seen.add(key);
  }
  const lower = names.map((n) => n.toLowerCase());
  const idIndex = options.idFromRow ? -1 : lower.indexOf(options.idColumn.toLowerCase());
  if (!options.idFromRow && idIndex === -1) {
    throw new ImportHeaderError(
      `The file has no "${options.idColumn}" column, so customers cannot be matched. Add a column with the customer number, or import with generated ids.`,
    );
  }
  const fieldIndex = new Map<FieldColumnKey, number>();
  for (const [key, column] of Object.entries(options.fieldColumns) as [FieldColumnKey, string][]) {
    const i = lower.indexOf(column.toLowerCase());
    if (i !== -1 && i !== idIndex) fieldIndex.set(key, i);
  }
  const special = new Set([idIndex, ...fieldIndex.values()]);
  const attributeColumns = names
    .map((name, index) => ({ name, index, type: types[name] ?? 'string' }))
    .filter((c) => !special.has(c.index));
  const piiIndexes = new Set(piiFields.flatMap((f) => (fieldIndex.has(f) ? [fieldIndex.get(f)!] : [])));
  const hasPii = piiIndexes.size > 0;
  const ids = new Set<string>();

  /** The row for import_rejections: PII cells masked, or nothing when the row cannot be split safely. */
  const maskRaw = (raw: string, fields?: readonly string[]): string | null => {
    if (!hasPii) return raw.slice(0, 2000);
    if (!fields) return null;
    return fields
      .map((f, i) => (piiIndexes.has(i) ? '***' : f))
      .join(options.delimiter)
      .slice(0, 2000);
  };

  const reject = (
    rowNumber: number,
    code: RejectionCode,
    message: string,
    raw: string | null,
  ): MappedRow => ({
    ok: false,
    rejection: { rowNumber, code, message, raw },
  });

  function map(fields: readonly string[], rowNumber: number, line: number, raw: string): MappedRow {
    if (fields.length !== names.length) {
      return reject(
        rowNumber,
        'wrong_column_count',
        `Line ${line} has ${fields.length} value${fields.length === 1 ? '' : 's'} but the header has ${names.length} columns. Check for a missing or extra comma.`,
        maskRaw(raw),
      );
    }
    const masked = () => maskRaw(raw, fields);
    const id = options.idFromRow
      ? `${options.idFromRow.prefix}${String(rowNumber).padStart(options.idFromRow.width ?? 6, '0')}`
      : (fields[idIndex] ?? '').trim();
    if (id === '')
      return reject(
        rowNumber,
        'missing_id',
        `Line ${line} has no customer id in column "${options.idColumn}".`,
        masked(),
      );
    if (id.length > MAX_ID_LENGTH || /[\r\n\t]/.test(id)) {
      return reject(
        rowNumber,
        'bad_id',
        `Line ${line}: the customer id is longer than ${MAX_ID_LENGTH} characters or contains line breaks.`,
        masked(),
      );
    }
    if (ids.has(id)) {
      return reject(
        rowNumber,
        'duplicate_id',
        `Line ${line}: customer id "${shown(id)}" already appeared earlier in this file; only the first row was kept.`,
        masked(),
      );
    }
    const attributes: Record<string, unknown> = {};
    const problems: { code: RejectionCode; text: string }[] = [];
    for (const column of attributeColumns) {
      const text = (fields[column.index] ?? '').trim();
      if (text === '') continue;
      const parsed = parseCell(text, column.type);
      if (parsed.ok) attributes[column.name] = parsed.value;
      else
        problems.push({
          code: codeByType[parsed.expected],
          text: `column "${column.name}" must be ${typeWords[parsed.expected]}, got "${shown(text)}"`,
        });
    }
    const cell = (key: FieldColumnKey) => {
      const i = fieldIndex.get(key);
      if (i === undefined) return undefined;
      const text = (fields[i] ?? '').trim();
      return text === '' ? null : text;
    };
    const phone = cell('phone');
    if (phone) {
      const digits = normalizePhone(phone).length;
      if (digits < 7 || digits > 15)
        problems.push({
          code: 'bad_phone',
          text: `column "${options.fieldColumns.phone}" does not hold a phone number (7 to 15 digits)`,
        });
    }
    const emailText = cell('email');
    const email = emailText ? normalizeEmail(emailText) : emailText;
    if (emailText && email === null) {
      problems.push({
        code: 'bad_email',
        text: `column "${options.fieldColumns.email}" does not hold an e-mail address`,
      });
    }
    const first = problems[0];
    if (first) {
      return reject(
        rowNumber,
        first.code,
        `Line ${line}: ${problems.map((p) => p.text).join('; ')}.`,
        masked(),
      );
    }
    ids.add(id);
    const customer: CustomerInput = { id, attributes };
    const tags = cell('tags');
    if (tags !== undefined)
      customer.tags =
        tags === null
          ? []
          : [
              ...new Set(
                tags
                  .split(/[|;]/)
                  .map((t) => t.trim())
                  .filter(Boolean),
              ),
            ];
    if (phone !== undefined) customer.phone = phone;
    if (email !== undefined) customer.email = email;
    for (const key of ['name', 'idNumber', 'branch', 'rmUserId', 'locale'] as const) {
      const value = cell(key);
      if (value !== undefined) customer[key] = value;
    }
    return { ok: true, customer };
  }

  return {
    map,
    /** Rejection raw text for a record whose fields could not be read. */
    maskUnreadable: (raw: string) => maskRaw(raw),
    attributeColumns: attributeColumns.map((c) => ({ name: c.name, type: c.type })),
  };
}

export type RowMapper = ReturnType<typeof createRowMapper>;
