import { upsertCustomers } from '@waymark/db';
import { readBankCustomers } from '@waymark/db/demo';
import type { EngineWorld } from '../../engine/support/engine-world.ts';

/**
 * Seeds `count` customers from the bank data set; past its 45,211 rows the rows repeat with a
 * new id prefix (`D…`, `E…`), so 100,000 customers keep the data set's real distribution.
 */
export async function seedManyCustomers(world: EngineWorld, count: number): Promise<number> {
  const rows = [];
  for await (const customer of readBankCustomers()) rows.push(customer);
  const prefixes = ['C', 'D', 'E', 'F', 'G'];
  let seeded = 0;
  let batch: Parameters<typeof upsertCustomers>[2][number][] = [];
  for (let round = 0; seeded < count; round++) {
    for (const customer of rows) {
      if (seeded === count) break;
      const id = `${prefixes[round] ?? `R${round}`}${customer.id.slice(1)}`;
      const phone = `${customer.phone.slice(0, 3)}${String((Number(customer.phone.slice(3)) + round * 7) % 100_000_000).padStart(8, '0')}`;
      batch.push({ id, attributes: { ...customer.attributes }, name: customer.name, phone });
      seeded += 1;
      if (batch.length === 5000) {
        await upsertCustomers(world.db, world.cipher, batch);
        batch = [];
      }
    }
  }
  if (batch.length > 0) await upsertCustomers(world.db, world.cipher, batch);
  return seeded;
}
