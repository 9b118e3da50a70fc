import { createReadStream, existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { defaultBankCsvPath } from '@waymark/db/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.ts';

// The real data set lives beside the repository (shared/); without it this file has nothing to read.
const hasBankFile = existsSync(defaultBankCsvPath);

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await createTestApp();
  base = await t.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => t.close());

describe.runIf(hasBankFile)('CSV import over a real HTTP connection', () => {
  it('streams bank-full.csv (45,211 customers) in, answers 202, and imports every row', async () => {
    const { cookie } = await t.signIn('planner');
    const started = performance.now();
    const response = await fetch(
      `${base}/api/v1/customers/import?idPrefix=C&idWidth=6&fileName=bank-full.csv`,
      {
        method: 'POST',
        headers: { cookie, 'content-type': 'text/csv' },
        body: Readable.toWeb(createReadStream(defaultBankCsvPath)) as ReadableStream,
        duplex: 'half',
      } as RequestInit,
    );
    expect(response.status).toBe(202);
    const { importId } = (await response.json()) as { importId: string };
    const uploadedMs = performance.now() - started;

    let progress:
      | { status: string; rowsRead: number; rowsAccepted: number; rowsRejected: number }
      | undefined;
    const seenRunning: number[] = [];
    for (let i = 0; i < 600; i++) {
      const poll = await fetch(`${base}/api/v1/imports/${importId}`, { headers: { cookie } });
      progress = (await poll.json()) as typeof progress;
      if (progress?.status !== 'running') break;
      seenRunning.push(progress.rowsRead);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const totalMs = performance.now() - started;
    expect(progress).toMatchObject({
      status: 'completed',
      rowsRead: 45_211,
      rowsAccepted: 45_211,
      rowsRejected: 0,
    });
    // Progress moves while the import runs (or it finished before the first poll).
    expect(seenRunning.every((n, i) => i === 0 || n >= (seenRunning[i - 1] ?? 0))).toBe(true);

    const customer = await fetch(`${base}/api/v1/customers/C045211`, { headers: { cookie } });
    const body = (await customer.json()) as { customer: { attributes: Record<string, unknown> } };
    expect(body.customer.attributes).toMatchObject({ age: 37, job: 'entrepreneur', balance: 2971, y: false });
    console.log(
      `bank-full.csv over HTTP: upload answered in ${Math.round(uploadedMs)} ms, 45,211 rows imported in ${Math.round(totalMs)} ms`,
    );
  });

  it('stops a chunked upload (no Content-Length) at the import limit with 413, keeping nothing', async () => {
    const small = await createTestApp({ limits: { csvImportBytes: 1024 * 1024 } });
    try {
      const address = await small.app.listen({ host: '127.0.0.1', port: 0 });
      const { cookie } = await small.signIn('planner');
      const response = await fetch(`${address}/api/v1/customers/import?idPrefix=C`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'text/csv' },
        body: Readable.toWeb(createReadStream(defaultBankCsvPath)) as ReadableStream,
        duplex: 'half',
      } as RequestInit);
      expect(response.status).toBe(413);
      expect(((await response.json()) as { code: string }).code).toBe('request.too-large');
      const imports = await small.testDb.db.query('SELECT 1 FROM imports');
      expect(imports).toHaveLength(0);
    } finally {
      await small.close();
    }
  });
});
