import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrationsDir } from '../src/index.ts';

/**
 * A copy of the repository's migrations that stops before `tag`: migrate a database with it, put
 * in data as an older version stored it, then migrate with the real folder to test an upgrade.
 */
export function migrationsBefore(tag: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-migrations-'));
  cpSync(migrationsDir, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((entry) => entry.tag === tag);
  if (cut < 1) throw new Error(`no migration ${tag} after the first in the journal`);
  journal.entries = journal.entries.slice(0, cut);
  writeFileSync(journalPath, JSON.stringify(journal));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
