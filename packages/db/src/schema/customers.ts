import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Channel → consent. A channel absent from the map has not been opted out of. */
export type Consent = Partial<Record<'sms' | 'wecom' | 'push' | 'email' | 'rm', boolean>>;

/**
 * A bank customer. `id` is the bank's own customer number. PII columns hold AES-256-GCM
 * ciphertext (see crypto/pii.ts); `phoneIndex` is a keyed blind index (HMAC) so a customer can be
 * found by phone without storing the phone in clear.
 */
export const customers = pgTable(
  'customers',
  {
    id: text('id').primaryKey(),
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    consent: jsonb('consent').$type<Consent>().notNull().default({}),
    branch: text('branch'),
    rmUserId: text('rm_user_id'),
    locale: text('locale'),
    nameEnc: text('name_enc'),
    phoneEnc: text('phone_enc'),
    idNumberEnc: text('id_number_enc'),
    /** The customer's e-mail address (lower-cased), encrypted like the phone; decrypted only to send. */
    emailEnc: text('email_enc'),
    phoneIndex: text('phone_index'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('customers_phone_index_idx').on(t.phoneIndex),
    // Search by customer-number prefix (LIKE 'C0001%') needs pattern ops under a non-C collation.
    index('customers_id_prefix_idx').on(t.id.op('text_pattern_ops')),
    index('customers_tags_idx').using('gin', t.tags),
    index('customers_branch_idx').on(t.branch),
    // An RM's own book of customers: where their task list starts.
    index('customers_rm_user_idx').on(t.rmUserId).where(sql`rm_user_id IS NOT NULL`),
  ],
);
