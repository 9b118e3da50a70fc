import { readFileSync } from 'node:fs';
import { defaultBankCsvPath } from '@waymark/db/demo';

/** One data row of bank-full.csv as a test needs it. */
export interface CsvRow {
  row: number;
  balance: number;
  /** The real campaign outcome: did the customer subscribe a term deposit. */
  subscribed: boolean;
}

/**
 * The first `count` rows of bank-full.csv read with plain string splitting (not through the
 * demo seed's parser), so a test's expected counts come from the data, independently of the code
 * under test.
 */
export function readCsvRows(count: number): CsvRow[] {
  const lines = readFileSync(defaultBankCsvPath, 'utf8').split('\n');
  const header = (lines[0] ?? '').split(',');
  const balance = header.indexOf('balance');
  const y = header.indexOf('y');
  return lines
    .slice(1)
    .filter((line) => line.trim() !== '')
    .slice(0, count)
    .map((line, i) => {
      const fields = line.split(',');
      return { row: i + 1, balance: Number(fields[balance]), subscribed: fields[y]?.trim() === 'yes' };
    });
}
