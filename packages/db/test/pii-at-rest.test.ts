import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPiiCipher } from '../src/crypto/index.ts';
import { readBankCustomers, seedBankCustomers } from '../src/demo/index.ts';
import { findCustomersByPhone } from '../src/index.ts';
import { createTestDb, type TestDb } from '../src/testing/index.ts';

const run = promisify(execFile);
const cipher = createPiiCipher(randomBytes(32));

/** Every window of `width` characters inside the runs `pattern` finds in `text`. */
function windows(text: string, pattern: RegExp, width: number): Set<string> {
  const found = new Set<string>();
  for (const [run] of text.matchAll(pattern)) {
    for (let i = 0; i + width <= run.length; i++) found.add(run.slice(i, i + width));
  }
  return found;
}

describe('customer PII at rest', () => {
  let t: TestDb;
  const phones = new Set<string>();
  const idNumbers = new Set<string>();
  beforeAll(async () => {
    t = await createTestDb();
    for await (const c of readBankCustomers()) {
      phones.add(c.phone);
      idNumbers.add(c.idNumber);
    }
    const progress: number[] = [];
    const started = performance.now();
    const written = await seedBankCustomers(t.db, cipher, { onProgress: (n) => progress.push(n) });
    expect(written).toBe(45_211);
    expect(progress).toEqual([10_000, 20_000, 30_000, 40_000, 45_211]);
    console.log(
      `seeded ${written} bank customers with encrypted PII in ${Math.round(performance.now() - started)} ms`,
    );
  });
  afterAll(() => t?.drop());

  it('leaves no plaintext phone, ID number or name in a pg_dump of the database', async () => {
    const { stdout: dump } = await run('/usr/bin/pg_dump', ['--data-only', '--no-owner', t.url], {
      maxBuffer: 512 * 1024 * 1024,
    });
    // The dump does hold the customers: ids and ciphertexts are there.
    expect(dump).toContain('C000001');
    expect(dump).toContain('C045211');
    expect(dump.match(/v1\.[\w-]{16}\.[\w-]{22}\./g)?.length).toBeGreaterThanOrEqual(3 * 45_211);

    const digitWindows = windows(dump, /\d{11,}/g, 11);
    const leakedPhones = [...phones].filter((p) => digitWindows.has(p));
    expect(leakedPhones).toEqual([]);
    const idWindows = windows(dump, /[\dX]{18,}/g, 18);
    expect([...idNumbers].filter((n) => idWindows.has(n))).toEqual([]);
    expect(dump).not.toMatch(/[\u4e00-\u9fff]/);

    // The detector itself finds a phone when one is there.
    const [aPhone] = phones;
    expect(windows(`x ${aPhone} y`, /\d{11,}/g, 11).has(aPhone!)).toBe(true);
  });

  it('still finds a bank customer by phone through the blind index', async () => {
    let third: string | undefined;
    let n = 0;
    for (const p of phones) {
      if (++n === 3) third = p;
    }
    const found = await findCustomersByPhone(t.db, cipher, `+86 ${third}`);
    expect(found.map((c) => c.id)).toEqual(['C000003']);
    expect(found[0]!.phone).toBe(third);
  });
});
