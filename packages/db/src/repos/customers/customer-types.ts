import type { Consent } from '../../schema/customers.ts';

/**
 * A customer to create or update. Fields left `undefined` keep their stored value (or the column
 * default for a new customer); `null` clears a nullable field. `attributes` and `consent` are
 * merged key by key into what is stored unless the upsert asks to replace them; `tags` replace.
 */
export interface CustomerInput {
  id: string;
  attributes?: Record<string, unknown>;
  tags?: string[];
  consent?: Consent;
  branch?: string | null;
  rmUserId?: string | null;
  locale?: string | null;
  name?: string | null;
  phone?: string | null;
  idNumber?: string | null;
  /** Stored lower-cased; must be an address (see `normalizeEmail`). */
  email?: string | null;
}

/** A customer as the application sees it: PII decrypted, ready to be masked for display. */
export interface Customer {
  id: string;
  attributes: Record<string, unknown>;
  tags: string[];
  consent: Consent;
  branch: string | null;
  rmUserId: string | null;
  locale: string | null;
  name: string | null;
  phone: string | null;
  idNumber: string | null;
  email: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The customers row as raw SQL returns it. */
export interface CustomerRow extends Record<string, unknown> {
  id: string;
  attributes: Record<string, unknown>;
  tags: string[];
  consent: Consent;
  branch: string | null;
  rm_user_id: string | null;
  locale: string | null;
  name_enc: string | null;
  phone_enc: string | null;
  id_number_enc: string | null;
  email_enc: string | null;
  created_at: Date;
  updated_at: Date;
}

export const customerColumns =
  'id, attributes, tags, consent, branch, rm_user_id, locale, name_enc, phone_enc, id_number_enc, email_enc, created_at, updated_at';
