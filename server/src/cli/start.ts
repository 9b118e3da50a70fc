import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadEnv } from '@waymark/config';
import { createDb, migrate, redactUrl } from '@waymark/db';
import { createPiiCipher } from '@waymark/db/crypto';
import { Redis } from 'ioredis';
import { buildApp } from '../app.ts';
import { demoPassword } from '../demo/demo-credentials.ts';
import { DEMO_ADMIN, isDemoSeeded, seedDemo } from '../demo/seed-demo.ts';
import { RedisUnavailableError, resolveRedis } from './local-redis.ts';

/**
 * `npm start`: one process for a newcomer (WAYMARK_ROLE=all), or the server alone
 * (WAYMARK_ROLE=server). Migrates, seeds the demo bank on an empty non-production database,
 * listens, prints the URL and how to log in, and shuts down cleanly on SIGINT/SIGTERM.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const config = loadEnv(process.env);
  const log = (line: string) => process.stdout.write(`${line}\n`);

  const db = await createDb({ url: config.databaseUrl, dataDir: config.dataDir });
  const migrated = await migrate(db);
  log(
    `Database: ${config.databaseUrl ? redactUrl(config.databaseUrl) : `embedded PGlite in ${config.pgliteDir}`} (${migrated.applied.length} migration(s) applied)`,
  );

  const resolvedRedis = await resolveRedis(config.redisUrl, config.dataDir);
  log(`Redis: ${resolvedRedis.url} (${resolvedRedis.origin})`);
  const redis = new Redis(resolvedRedis.url, { maxRetriesPerRequest: null });

  const cipher = createPiiCipher({
    encryptionKey: config.encryptionKey,
    blindIndexKey: config.blindIndexKey,
  });
  const password = config.nodeEnv === 'production' ? null : demoPassword(config.dataDir);
  if (password && !(await isDemoSeeded(db))) {
    log(`Seeding the demo bank from ${config.demoDataPath} …`);
    await seedDemo(db, cipher, { csvPath: config.demoDataPath, password, log });
  }

  const webAppDir = fileURLToPath(new URL('../../../web/dist', import.meta.url));
  const app = await buildApp({
    db,
    redis,
    cipher,
    config,
    logger: { level: config.logLevel },
    // The web app built by `npm start` (server/bin/waymark.mjs); absent when only the API was built.
    webAppDir: existsSync(webAppDir) ? webAppDir : undefined,
  });
  const address = await app.listen({ host: config.host, port: config.port });

  log('');
  log(`Waymark is running at ${address}  (started in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  log(`  API docs: ${address}/docs`);
  if (password)
    log(
      `  Log in as "${DEMO_ADMIN}" (or planner, approver, analyst, channel, rm.zhang) with password: ${password}`,
    );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down…`);
    await app.close();
    redis.disconnect();
    await resolvedRedis.stop();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof RedisUnavailableError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(
      `Waymark failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
  }
  process.exit(1);
});
