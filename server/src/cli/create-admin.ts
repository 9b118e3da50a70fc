import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { loadEnv } from '@waymark/config';
import { createDb, migrate } from '@waymark/db';
import { createUser } from '../auth/users.ts';

/**
 * Creates an administrator on a production database, where the demo seed never runs:
 *   pnpm --filter @waymark/server create-admin --username ops.admin --name "Ops admin"
 * The password comes from WAYMARK_ADMIN_PASSWORD or is asked for, so it never lands in shell history.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { username: { type: 'string' }, name: { type: 'string' } },
  });
  if (!values.username) throw new Error('Usage: create-admin --username <name> [--name "Display name"]');
  let password = process.env.WAYMARK_ADMIN_PASSWORD;
  if (!password) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    password = await rl.question('Password (at least 8 characters): ');
    rl.close();
  }
  const config = loadEnv(process.env);
  const db = await createDb({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db);
    const user = await createUser(db, {
      username: values.username,
      displayName: values.name ?? values.username,
      password,
      roles: ['admin'],
    });
    process.stdout.write(`Created administrator "${user.username}".\n`);
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
