import type { Db } from '../../client/types.ts';
import type { PiiCipher } from '../../crypto/pii-cipher.ts';
import { normalizePhone } from '../../crypto/pii-cipher.ts';
import { type Customer, type CustomerRow, customerColumns } from './customer-types.ts';
import { decodeCustomer } from './decode-customer.ts';

/** A compiled condition: SQL over the `customers` table with placeholders numbered from `$1`. */
export interface SqlFragment {
  text: string;
  values: readonly unknown[];
}

export interface SearchCustomersQuery {
  /** A customer-number prefix (`C0001`) or a phone number in any notation. */
  q?: string;
  /** Attribute / tag / event filter compiled by `@waymark/conditions`; numbered from `$1`. */
  condition?: SqlFragment;
  /** Only customers carrying this tag. */
  tag?: string;
  /** Page size, 1–500 (default 50). */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

export interface CustomerPage {
  items: Customer[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** One customer with PII decrypted, or null when the id is unknown. */
export async function getCustomer(db: Db, cipher: PiiCipher, id: string): Promise<Customer | null> {
  const [row] = await db.query<CustomerRow>(`SELECT ${customerColumns} FROM customers WHERE id = $1`, [id]);
  return row ? decodeCustomer(cipher, row) : null;
}

/** Customers whose phone matches (any notation: +86, spaces, dashes), found through the blind index. */
export async function findCustomersByPhone(db: Db, cipher: PiiCipher, phone: string): Promise<Customer[]> {
  const index = cipher.blindIndex(phone);
  if (index === null) return [];
  const rows = await db.query<CustomerRow>(
    `SELECT ${customerColumns} FROM customers WHERE phone_index = $1 ORDER BY id`,
    [index],
  );
  return rows.map((row) => decodeCustomer(cipher, row));
}

// Enough digits to be a phone number rather than part of a customer number.
const phoneLike = /^[+\d\s()-]+$/;
const MIN_PHONE_DIGITS = 7;

/**
 * Pages through customers in id order, filtered by a search text (id prefix, or a phone matched
 * by blind index), a tag and a compiled condition. PII comes back decrypted: mask it before
 * showing it to a role that may not see it (`maskCustomer`).
 */
export async function searchCustomers(
  db: Db,
  cipher: PiiCipher,
  query: SearchCustomersQuery,
): Promise<CustomerPage> {
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? 50), 1), 500);
  // The condition's values come first so its own $1…$n stay valid; ours are numbered after them.
  const values: unknown[] = [...(query.condition?.values ?? [])];
  const bind = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const where: string[] = [];
  if (query.condition) where.push(`(${query.condition.text})`);
  const q = query.q?.trim();
  if (q) {
    const prefix = `${bind(escapeLike(q))} || '%'`;
    const index =
      phoneLike.test(q) && normalizePhone(q).length >= MIN_PHONE_DIGITS ? cipher.blindIndex(q) : null;
    where.push(
      index === null
        ? `customers.id LIKE ${prefix}`
        : `(customers.id LIKE ${prefix} OR customers.phone_index = ${bind(index)})`,
    );
  }
  if (query.tag) where.push(`customers.tags @> ARRAY[${bind(query.tag)}]::text[]`);
  if (query.cursor) where.push(`customers.id > ${bind(query.cursor)}`);
  const rows = await db.query<CustomerRow>(
    `SELECT ${customerColumns.replace(/(\w+)/g, 'customers.$1')} FROM customers
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY customers.id LIMIT ${bind(limit + 1)}`,
    values,
  );
  const page = rows.slice(0, limit);
  return {
    items: page.map((row) => decodeCustomer(cipher, row)),
    nextCursor: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
