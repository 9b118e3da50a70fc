import { createDb, type Db, migrate } from '../src/index.ts';
import { createTestDb } from '../src/testing/index.ts';

/** A migrated database of each driver, so repository tests run on Postgres and on embedded PGlite. */
export const drivers: [string, () => Promise<{ db: Db; drop: () => Promise<void> }>][] = [
  ['postgres', () => createTestDb()],
  [
    'pglite',
    async () => {
      const db = await createDb();
      await migrate(db);
      return { db, drop: () => db.close() };
    },
  ],
];
