import { type CustomerInput, type Db, upsertCustomers } from '@waymark/db';
import type { PiiCipher } from '@waymark/db/crypto';
import { type BankCustomer, readBankCustomers } from '@waymark/db/demo';

const branches = ['上海分行', '北京分行', '深圳分行', '杭州分行', '成都分行', '广州分行'];
const BATCH = 5_000;

/**
 * Profile extras the data set lacks but a bank has: tags planners segment on, a home branch, and a
 * few opt-outs so consent handling is visible in the demo. All derived from the row, so stable.
 */
export function toDemoCustomer(c: BankCustomer, row: number, rmUserId: string | null): CustomerInput {
  const a = c.attributes;
  const tags: string[] = [];
  if (a.balance >= 10_000) tags.push('vip');
  if (a.housing) tags.push('homeowner');
  if (a.loan) tags.push('has-loan');
  if (a.y) tags.push('term-deposit');
  const branch = branches[row % branches.length] ?? null;
  return {
    id: c.id,
    attributes: { ...a },
    tags,
    consent: { sms: row % 23 !== 0, wecom: row % 7 !== 0, email: true, push: row % 5 !== 0, rm: true },
    branch,
    // The demo relationship manager looks after the Shanghai branch's customers.
    rmUserId: branch === '上海分行' ? rmUserId : null,
    locale: 'zh-CN',
    name: c.name,
    phone: c.phone,
    idNumber: c.idNumber,
  };
}

/** Loads the bank data set as customers, reporting progress; returns how many were written. */
export async function seedDemoCustomers(
  db: Db,
  cipher: PiiCipher,
  options: { csvPath: string; rmUserId: string | null; onProgress?: (done: number) => void },
): Promise<number> {
  let batch: CustomerInput[] = [];
  let done = 0;
  let row = 0;
  const flush = async () => {
    await upsertCustomers(db, cipher, batch, { attributes: 'replace' });
    done += batch.length;
    batch = [];
    options.onProgress?.(done);
  };
  for await (const customer of readBankCustomers(options.csvPath)) {
    batch.push(toDemoCustomer(customer, ++row, options.rmUserId));
    if (batch.length === BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  return done;
}
