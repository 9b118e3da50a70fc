import type { Db } from '../client/types.ts';
import type { PiiCipher } from '../crypto/pii-cipher.ts';
import type { CustomerInput } from '../repos/customers/customer-types.ts';
import { MAX_UPSERT_ROWS, upsertCustomers } from '../repos/customers/upsert-customers.ts';
import { type BankCustomer, defaultBankCsvPath, readBankCustomers } from './bank-customers.ts';

export interface SeedBankCustomersOptions {
  /** bank-full.csv (default: the shared data set beside the repository). */
  path?: string;
  /** Called after every batch with the number of customers written so far. */
  onProgress?: (written: number) => void;
  /**
   * Profile fields the data set lacks (tags, branch, consent, relationship manager), derived
   * from the customer and its 1-based row so the result stays deterministic.
   */
  enrich?: (customer: BankCustomer, row: number) => Omit<CustomerInput, 'id'>;
}

/**
 * Loads the bank-marketing customers, with their deterministic fake name, phone and ID number
 * (encrypted), into the customers table. Safe to run again: existing customers are updated.
 * Returns how many customers were written.
 */
export async function seedBankCustomers(
  db: Db,
  cipher: PiiCipher,
  options: SeedBankCustomersOptions = {},
): Promise<number> {
  let written = 0;
  let batch: CustomerInput[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await upsertCustomers(db, cipher, batch);
    written += batch.length;
    batch = [];
    options.onProgress?.(written);
  };
  let row = 0;
  for await (const c of readBankCustomers(options.path ?? defaultBankCsvPath)) {
    row++;
    batch.push({
      ...options.enrich?.(c, row),
      id: c.id,
      attributes: { ...c.attributes },
      name: c.name,
      phone: c.phone,
      idNumber: c.idNumber,
    });
    if (batch.length === MAX_UPSERT_ROWS) await flush();
  }
  await flush();
  return written;
}
