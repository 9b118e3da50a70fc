import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate.ts';
import { conditionSchema } from '../src/schema.ts';
import { arbitraryCondition } from '../src/testing.ts';
import { toSql } from '../src/to-sql.ts';
import {
  type BankFixtureCustomer,
  bankCatalog,
  bankNow,
  eventRows,
  loadBankFixture,
} from './support/bank-fixture.ts';
import { createTestDatabase, insertCustomers, insertEvents, type TestDatabase } from './support/database.ts';

// The acceptance criterion: over all 45,211 bank customers, the SQL a condition compiles
// to selects exactly the customers evaluate accepts, for hundreds of generated conditions.
const RUNS = Number(process.env.AGREEMENT_RUNS ?? 220);

let db: TestDatabase;
let customers: BankFixtureCustomer[];

beforeAll(async () => {
  const started = performance.now();
  [db, customers] = await Promise.all([createTestDatabase(), loadBankFixture()]);
  const events = eventRows(customers);
  await insertCustomers(db.client, customers);
  await insertEvents(db.client, events);
  // JIT compiling each one-off query costs more than it saves on 45k rows.
  await db.client.query('ANALYZE customers; ANALYZE events; SET jit = off');
  console.log(
    `loaded ${customers.length} customers and ${events.length} events in ${Math.round(performance.now() - started)} ms`,
  );
}, 120_000);

afterAll(async () => {
  await db?.drop();
}, 60_000);

describe('evaluate and toSql agree on the bank customers', () => {
  it(`select the same customers for ${RUNS} generated conditions`, async () => {
    expect(customers).toHaveLength(45_211);
    const all = customers.length;
    const matched: number[] = [];
    const contexts = customers.map((customer) => ({ customer, events: customer.events, now: bankNow }));
    let sqlMs = 0;
    let jsMs = 0;
    await fc.assert(
      fc.asyncProperty(arbitraryCondition(bankCatalog(customers), { now: bankNow }), async (condition) => {
        expect(conditionSchema.safeParse(condition).success).toBe(true);
        // Postgres works on the query while JS evaluates the same condition.
        const started = performance.now();
        const sql = toSql(condition, { now: bankNow });
        const query = db.client
          .query<{ id: string }>(`SELECT id FROM customers c WHERE ${sql.text}`, sql.values)
          .finally(() => {
            sqlMs += performance.now() - started;
          });
        const jsStarted = performance.now();
        const inJs = new Set<string>();
        for (const context of contexts) {
          if (evaluate(condition, context)) inJs.add(context.customer.id);
        }
        jsMs += performance.now() - jsStarted;
        const result = await query;
        const inSql = new Set(result.rows.map((r) => r.id));
        const onlySql = [...inSql].filter((id) => !inJs.has(id)).slice(0, 5);
        const onlyJs = [...inJs].filter((id) => !inSql.has(id)).slice(0, 5);
        expect({ onlySql, onlyJs, sqlCount: inSql.size }).toEqual({
          onlySql: [],
          onlyJs: [],
          sqlCount: inJs.size,
        });
        matched.push(inJs.size);
      }),
      { numRuns: RUNS },
    );
    const runs = matched.slice(-RUNS);
    const discriminating = runs.filter((n) => n > 0 && n < all).length;
    const average = runs.reduce((sum, n) => sum + n, 0) / runs.length;
    console.log(
      `${runs.length} conditions: on average ${Math.round(average)} of ${all} customers matched; ` +
        `${discriminating} matched some but not all, ${runs.filter((n) => n === 0).length} none, ` +
        `${runs.filter((n) => n === all).length} all; SQL ${Math.round(sqlMs)} ms, JS ${Math.round(jsMs)} ms`,
    );
    expect(runs.length).toBeGreaterThanOrEqual(200);
    expect(discriminating / runs.length).toBeGreaterThan(0.5);
  }, 120_000);
});
