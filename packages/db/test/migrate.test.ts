import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db, migrate, migrationsDir, readMigrationFiles } from '../src/index.ts';
import { createTestDb, type TestDb } from '../src/testing/index.ts';

const expectedTables = [
  'api_tokens',
  'approvals',
  'audit_log',
  'connectors',
  'conversions',
  'customers',
  'enrollments',
  'events',
  'import_rejections',
  'imports',
  'journey_node_counts',
  'journey_versions',
  'journeys',
  'message_events',
  'messages',
  'segments',
  'sessions',
  'templates',
  'users',
  'waymark_migrations',
];

async function tables(db: Db): Promise<string[]> {
  const rows = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

describe('migrate on Postgres', () => {
  let fresh: TestDb;
  beforeAll(async () => {
    fresh = await createTestDb({ migrate: false });
  });
  afterAll(() => fresh?.drop());

  it('applies the schema once when two processes start at the same time, then is a no-op', async () => {
    const files = await readMigrationFiles();
    expect(files.length).toBeGreaterThan(0);
    // Two pools stand for two processes: they contend for the advisory lock on different connections.
    const other = await createDb({ url: fresh.url });
    try {
      const [a, b] = await Promise.all([migrate(fresh.db), migrate(other)]);
      const names = files.map((f) => f.name);
      expect([...a.applied, ...b.applied].sort()).toEqual([...names].sort());
      expect([...a.alreadyApplied, ...b.alreadyApplied].sort()).toEqual([...names].sort());
    } finally {
      await other.close();
    }
    expect(await tables(fresh.db)).toEqual(expectedTables);
    const recorded = await fresh.db.query<{ name: string; checksum: string }>(
      'SELECT name, checksum FROM waymark_migrations ORDER BY name',
    );
    expect(recorded).toEqual(files.map((f) => ({ name: f.name, checksum: f.checksum })));

    const again = await migrate(fresh.db);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toEqual(files.map((f) => f.name));
  });

  it('refuses to run when an applied migration file was edited', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'waymark-migrations-'));
    try {
      cpSync(migrationsDir, dir, { recursive: true });
      const [first] = await readMigrationFiles(dir);
      await appendFile(join(dir, `${first!.name}.sql`), '\n-- edited after release\n');
      await expect(migrate(fresh.db, { dir })).rejects.toThrow(/was changed after it was applied/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('applies a new migration in its own transaction and rolls back a failing one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'waymark-migrations-'));
    try {
      cpSync(migrationsDir, dir, { recursive: true });
      const journalPath = join(dir, 'meta', '_journal.json');
      const journal = JSON.parse((await import('node:fs')).readFileSync(journalPath, 'utf8'));
      journal.entries.push({ idx: 900, version: '7', when: 0, tag: '0900_broken', breakpoints: true });
      writeFileSync(journalPath, JSON.stringify(journal));
      writeFileSync(
        join(dir, '0900_broken.sql'),
        'CREATE TABLE half_done (id int);\n--> statement-breakpoint\nSELECT no_such_function();',
      );
      await expect(migrate(fresh.db, { dir })).rejects.toThrow(/Migration 0900_broken failed/);
      expect(await tables(fresh.db)).not.toContain('half_done');
      const recorded = await fresh.db.query('SELECT 1 FROM waymark_migrations WHERE name = $1', [
        '0900_broken',
      ]);
      expect(recorded).toHaveLength(0);
      // The lock was released: a normal run still works afterwards.
      expect((await migrate(fresh.db)).applied).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('migrate on embedded PGlite', () => {
  it('serialises concurrent runs on the one connection and keeps the schema on disk', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'waymark-pglite-'));
    try {
      const db = await createDb({ dataDir });
      expect(db.driver).toBe('pglite');
      const [a, b] = await Promise.all([migrate(db), migrate(db)]);
      expect(a.applied.length + b.applied.length).toBe((await readMigrationFiles()).length);
      expect(await tables(db)).toEqual(expectedTables);
      await db.query(`INSERT INTO customers (id) VALUES ('C1')`);
      await db.close();

      const reopened = await createDb({ dataDir });
      expect((await migrate(reopened)).applied).toEqual([]);
      expect(await reopened.query('SELECT id FROM customers')).toEqual([{ id: 'C1' }]);
      await reopened.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('migrationsDir', () => {
  it('points at the repository migrations/ folder whatever the working directory', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const { fileURLToPath } = await import('node:url');
    const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
    const module = fileURLToPath(new URL('../src/migrate/migration-files.ts', import.meta.url));
    const script = `(async () => { const m = await import(${JSON.stringify(module)}); const files = await m.readMigrationFiles(); console.log(JSON.stringify({ dir: m.migrationsDir, names: files.map((f) => f.name) })); })();`;
    const { stdout } = await promisify(execFile)(tsx, ['--eval', script], { cwd: tmpdir() });
    const seen = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(seen.dir).toBe(migrationsDir);
    expect(seen.dir).toMatch(/\/migrations\/$/);
    expect(seen.names).toEqual((await readMigrationFiles()).map((f) => f.name));
  });
});
