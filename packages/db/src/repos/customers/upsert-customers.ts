import type { Db } from '../../client/types.ts';
import type { PiiCipher } from '../../crypto/pii-cipher.ts';
import type { CustomerInput } from './customer-types.ts';
import { normalizeEmail } from './email-address.ts';

/** Most rows one `upsertCustomers` call accepts; larger sets are streamed in calls of this size. */
export const MAX_UPSERT_ROWS = 10_000;

export interface UpsertCustomersOptions {
  /**
   * `merge` (default): the given attribute keys overwrite stored ones, other stored keys stay, so
   * a file with a few columns updates just those. `replace`: the given map becomes all attributes.
   */
  attributes?: 'merge' | 'replace';
  /** Rows per INSERT statement (default 2 000). */
  chunkSize?: number;
}

export interface UpsertCustomersResult {
  inserted: number;
  updated: number;
}

type Field = Exclude<keyof CustomerInput, 'id'>;

interface Column {
  /** Columns written for the field (phone writes ciphertext and its blind index). */
  names: string[];
  /** Postgres array type of each unnest parameter. */
  types: string[];
  /** SELECT expression for each column, given the unnest alias of its parameter. */
  select: (alias: string) => string;
  /** SET clause(s) when the customer exists. */
  update: (merge: boolean) => string[];
  /** One value per column for a row. */
  values: (row: CustomerInput, cipher: PiiCipher) => unknown[];
}

const jsonObject = (v: unknown) => JSON.stringify(v ?? {});
const plain = (name: string, field: 'branch' | 'rmUserId' | 'locale'): Column => ({
  names: [name],
  types: ['text[]'],
  select: (a) => a,
  update: () => [`${name} = EXCLUDED.${name}`],
  values: (row) => [row[field] ?? null],
});
const encrypted = (name: string, field: 'name' | 'idNumber'): Column => ({
  names: [name],
  types: ['text[]'],
  select: (a) => a,
  update: () => [`${name} = EXCLUDED.${name}`],
  values: (row, cipher) => [cipher.encryptOptional(row[field])],
});

const columns: Record<Field, Column> = {
  attributes: {
    names: ['attributes'],
    types: ['jsonb[]'],
    select: (a) => a,
    update: (merge) => [
      merge ? 'attributes = c.attributes || EXCLUDED.attributes' : 'attributes = EXCLUDED.attributes',
    ],
    values: (row) => [jsonObject(row.attributes)],
  },
  consent: {
    names: ['consent'],
    types: ['jsonb[]'],
    select: (a) => a,
    // Consent is per channel: an opt-out recorded for SMS must survive an import that only mentions e-mail.
    update: () => ['consent = c.consent || EXCLUDED.consent'],
    values: (row) => [jsonObject(row.consent)],
  },
  tags: {
    names: ['tags'],
    // Rows carry tag lists of different lengths, which a text[][] cannot hold: ship each as JSON.
    types: ['jsonb[]'],
    select: (a) => `ARRAY(SELECT jsonb_array_elements_text(${a}))`,
    update: () => ['tags = EXCLUDED.tags'],
    values: (row) => [JSON.stringify(row.tags ?? [])],
  },
  branch: plain('branch', 'branch'),
  rmUserId: plain('rm_user_id', 'rmUserId'),
  locale: plain('locale', 'locale'),
  name: encrypted('name_enc', 'name'),
  idNumber: encrypted('id_number_enc', 'idNumber'),
  email: {
    names: ['email_enc'],
    types: ['text[]'],
    select: (a) => a,
    update: () => ['email_enc = EXCLUDED.email_enc'],
    values: (row, cipher) => [cipher.encryptOptional(storedEmail(row))],
  },
  phone: {
    names: ['phone_enc', 'phone_index'],
    types: ['text[]', 'text[]'],
    select: (a) => a,
    update: () => ['phone_enc = EXCLUDED.phone_enc', 'phone_index = EXCLUDED.phone_index'],
    values: (row, cipher) => [
      cipher.encryptOptional(row.phone),
      row.phone === null || row.phone === undefined ? null : cipher.blindIndex(row.phone),
    ],
  },
};
const fieldOrder = Object.keys(columns) as Field[];

/** The address as stored (lower-cased); callers validate first, so a bad one here is a bug. */
function storedEmail(row: CustomerInput): string | null | undefined {
  if (row.email === null || row.email === undefined) return row.email;
  const email = normalizeEmail(row.email);
  if (email === null) throw new TypeError(`Customer ${row.id} has an e-mail address that is not one.`);
  return email;
}

/**
 * Creates or updates up to 10 000 customers in one call with multi-row
 * `INSERT … ON CONFLICT (id) DO UPDATE` statements (one transaction). Name, phone, ID number and
 * e-mail are encrypted and the phone's blind index computed here, so plaintext PII never reaches the
 * database. E-mail addresses are stored lower-cased.
 * When an id appears twice, the last row wins. See `CustomerInput` for what undefined and null mean.
 */
export async function upsertCustomers(
  db: Db,
  cipher: PiiCipher,
  rows: readonly CustomerInput[],
  options: UpsertCustomersOptions = {},
): Promise<UpsertCustomersResult> {
  if (rows.length > MAX_UPSERT_ROWS) {
    throw new RangeError(
      `upsertCustomers takes at most ${MAX_UPSERT_ROWS} rows per call, got ${rows.length}.`,
    );
  }
  const byId = new Map<string, CustomerInput>();
  for (const row of rows) {
    if (typeof row.id !== 'string' || row.id.trim() === '')
      throw new TypeError('Every customer needs a non-empty id.');
    byId.set(row.id, row);
  }
  // Rows that set different fields need different statements (an absent field must stay untouched).
  const groups = new Map<string, { fields: Field[]; rows: CustomerInput[] }>();
  for (const row of byId.values()) {
    const fields = fieldOrder.filter((f) => row[f] !== undefined);
    const key = fields.join(',');
    let group = groups.get(key);
    if (!group) {
      group = { fields, rows: [] };
      groups.set(key, group);
    }
    group.rows.push(row);
  }
  const chunkSize = Math.max(1, options.chunkSize ?? 2_000);
  const merge = options.attributes !== 'replace';
  const run = async (tx: Db) => {
    const result: UpsertCustomersResult = { inserted: 0, updated: 0 };
    for (const { fields, rows: groupRows } of groups.values()) {
      for (let start = 0; start < groupRows.length; start += chunkSize) {
        const chunk = groupRows.slice(start, start + chunkSize);
        const inserted = await upsertChunk(tx, cipher, fields, chunk, merge);
        result.inserted += inserted;
        result.updated += chunk.length - inserted;
      }
    }
    return result;
  };
  return groups.size === 1 && byId.size <= chunkSize ? run(db) : db.transaction(run);
}

async function upsertChunk(
  db: Db,
  cipher: PiiCipher,
  fields: Field[],
  rows: CustomerInput[],
  merge: boolean,
): Promise<number> {
  const specs = fields.map((f) => columns[f]);
  const names = ['id', ...specs.flatMap((s) => s.names)];
  const types = ['text[]', ...specs.flatMap((s) => s.types)];
  const arrays: unknown[][] = types.map(() => new Array(rows.length));
  rows.forEach((row, i) => {
    arrays[0]![i] = row.id;
    let col = 1;
    for (const spec of specs) {
      for (const value of spec.values(row, cipher)) arrays[col++]![i] = value;
    }
  });
  const aliases = names.map((_, i) => `u${i}`);
  let col = 1;
  const selects = ['u0'];
  for (const spec of specs) {
    for (let k = 0; k < spec.names.length; k++) selects.push(spec.select(aliases[col++]!));
  }
  const updates = specs.flatMap((s) => s.update(merge));
  const conflict =
    updates.length === 0 ? 'DO NOTHING' : `DO UPDATE SET ${[...updates, 'updated_at = now()'].join(', ')}`;
  const text = `INSERT INTO customers AS c (${names.join(', ')})
    SELECT ${selects.join(', ')}
    FROM unnest(${types.map((t, i) => `$${i + 1}::${t}`).join(', ')}) AS u(${aliases.join(', ')})
    ON CONFLICT (id) ${conflict}
    RETURNING (xmax = 0) AS inserted`;
  const returned = await db.query<{ inserted: boolean }>(text, arrays);
  return returned.filter((r) => r.inserted).length;
}
