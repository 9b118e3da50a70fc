import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db, schema } from '../src/index.ts';
import { drivers } from './drivers.ts';

describe.each(drivers)('Db on %s', (driver, open) => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await open());
  });
  afterAll(() => drop?.());

  it('reports its driver and returns int8 and jsonb as JS values', async () => {
    expect(db.driver).toBe(driver === 'postgres' ? 'pg' : 'pglite');
    const [row] = await db.query('SELECT count(*) AS n, $1::jsonb AS j, now() AS t', [
      JSON.stringify({ a: [1] }),
    ]);
    expect(row).toMatchObject({ n: 1, j: { a: [1] } });
    expect(row!.t).toBeInstanceOf(Date);
  });

  it('commits a transaction, rolls back a failed one, and a savepoint inside it', async () => {
    await db.transaction(async (tx) => {
      await tx.orm.insert(schema.segments).values({ name: 'kept', condition: {} });
      await tx.transaction(async (inner) => {
        await inner.query(`INSERT INTO segments (name, condition) VALUES ('inner kept', '{}')`);
      });
      await expect(
        tx.transaction(async (inner) => {
          await inner.query(`INSERT INTO segments (name, condition) VALUES ('inner lost', '{}')`);
          throw new Error('undo the inner part');
        }),
      ).rejects.toThrow('undo the inner part');
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`INSERT INTO segments (name, condition) VALUES ('lost', '{}')`);
        throw new Error('undo all');
      }),
    ).rejects.toThrow('undo all');
    const names = (await db.orm.select({ name: schema.segments.name }).from(schema.segments)).map(
      (r) => r.name,
    );
    expect(names.sort()).toEqual(['inner kept', 'kept']);
    const [kept] = await db.orm.select().from(schema.segments).where(eq(schema.segments.name, 'kept'));
    expect(kept?.createdAt).toBeInstanceOf(Date);
  });

  it('keeps session state on one connection inside withConnection', async () => {
    const setting = await db.withConnection(async (conn) => {
      await conn.query(`SET application_name = 'waymark-test-session'`);
      const [row] = await conn.query<{ name: string }>('SELECT current_setting($1) AS name', [
        'application_name',
      ]);
      await conn.query('RESET application_name');
      return row?.name;
    });
    expect(setting).toBe('waymark-test-session');
  });
});

describe('createDb', () => {
  it('fails at start-up with the reason and without the password', async () => {
    const attempt = createDb({ url: 'postgres://postgres:s3cret@127.0.0.1:1/waymark' });
    await expect(attempt).rejects.toThrow(
      /^Cannot connect to PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/waymark: /,
    );
    await expect(attempt).rejects.not.toThrow(/s3cret/);
  });
});
