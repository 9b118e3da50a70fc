import type { PiiCipher } from '../../crypto/pii-cipher.ts';
import type { Customer, CustomerRow } from './customer-types.ts';

/** Turns a stored row into a `Customer`, decrypting its PII. */
export function decodeCustomer(cipher: PiiCipher, row: CustomerRow): Customer {
  return {
    id: row.id,
    attributes: row.attributes,
    tags: row.tags,
    consent: row.consent,
    branch: row.branch,
    rmUserId: row.rm_user_id,
    locale: row.locale,
    name: cipher.decryptOptional(row.name_enc),
    phone: cipher.decryptOptional(row.phone_enc),
    idNumber: cipher.decryptOptional(row.id_number_enc),
    email: cipher.decryptOptional(row.email_enc),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
