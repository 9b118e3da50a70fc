import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Config, ConfigError, loadEnv } from '@waymark/config';
import { createDb, migrate, redactUrl } from '@waymark/db';
import { createPiiCipher } from '@waymark/db/crypto';
import { createRedis } from '@waymark/queues';
import { checkRedisReadiness, createLogger, engineFromEnv, parseWorkerEnv } from '@waymark/workers';
import { buildApp } from '../app.ts';
import { demoPassword } from '../demo/demo-credentials.ts';
import { startDemoSandbox } from '../demo/sandbox/index.ts';
import { DEMO_ADMIN, isDemoSeeded, seedDemo, updateDemo } from '../demo/seed-demo.ts';
import { engineHandoff } from '../engine-handoff.ts';
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
  const redis = createRedis(resolvedRedis.url);
  const readiness = await checkRedisReadiness(redis, { requireAof: config.nodeEnv === 'production' });
  for (const warning of readiness.warnings) log(`  warning: ${warning.message}`);
  if (readiness.fatal.length > 0)
    throw new RedisUnavailableError(readiness.fatal.map((p) => p.message).join('\n'));

  const cipher = createPiiCipher({
    encryptionKey: config.encryptionKey,
    blindIndexKey: config.blindIndexKey,
  });
  const password = config.nodeEnv === 'production' ? null : demoPassword(config.dataDir);
  if (password && !(await isDemoSeeded(db))) {
    log(`Seeding the demo bank from ${config.demoDataPath} …`);
    await seedDemo(db, cipher, { csvPath: config.demoDataPath, password, log });
  } else if (password) {
    await updateDemo(db, log);
  }

  // Outside production the demo connectors send to local sandbox providers, hosted by the process
  // that serves the API so the sandbox page can list what they received.
  const sandbox = password && config.role !== 'workers' ? await startDemoSandbox(db, cipher) : undefined;

  const webAppDir = fileURLToPath(new URL('../../../web/dist', import.meta.url));
  // The engine runs in this process unless WAYMARK_ROLE=server: embedded PGlite has a single
  // connection, so a separate workers process could not share the demo database.
  const workerEnv = parseWorkerEnv(process.env);
  const engine = engineFromEnv({
    config,
    env: workerEnv,
    db,
    redis,
    log: createLogger({
      level: engineLogLevel(config.logLevel),
      base: { process: 'workers' },
    }),
  });
  const running = config.role === 'server' ? undefined : await engine.start();

  if (config.role === 'workers') {
    log(`Waymark workers are running (groups: ${workerEnv.WAYMARK_WORKERS.join(', ')}).`);
  }
  const app =
    config.role === 'workers'
      ? undefined
      : await buildApp({
          ...engineHandoff(db, engine.resources.producers, redis),
          db,
          redis,
          cipher,
          config,
          logger: { level: config.logLevel },
          // The web app built by `npm start` (server/bin/waymark.mjs); absent when only the API was built.
          webAppDir: existsSync(webAppDir) ? webAppDir : undefined,
          sandbox: sandbox?.inbox,
        });
  if (app) {
    const address = await app.listen({ host: config.host, port: config.port });
    log('');
    log(`Waymark is running at ${address}  (started in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    log(`  API docs: ${address}/docs`);
    if (sandbox)
      log(
        `  Demo sandbox: ${sandbox.connectorIds.join(', ')} send to local stand-in providers; what customers would receive: ${address}/api/v1/sandbox/messages`,
      );
    if (password)
      log(
        `  Log in as "${DEMO_ADMIN}" (or planner, approver, analyst, channel, rm.zhang) with password: ${password}`,
      );
    log(
      config.publishApproval === 'required'
        ? '  Publishing needs approval (WAYMARK_PUBLISH_APPROVAL=required): a planner requests it, someone else approves it in 待审批 / Approvals.'
        : '  Publishing needs no approval (WAYMARK_PUBLISH_APPROVAL=off).',
    );
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down…`);
    await app?.close();
    // Closing the engine closes its producers too; the server alone only has the producers.
    await (running ? running.close() : engine.resources.producers.close());
    await sandbox?.close();
    redis.disconnect();
    await resolvedRedis.stop();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

/** The engine's logger knows fewer levels than pino: map ours onto the nearest one. */
function engineLogLevel(level: Config['logLevel']): 'error' | 'warn' | 'info' | 'silent' {
  if (level === 'silent') return 'silent';
  if (level === 'fatal' || level === 'error') return 'error';
  return level === 'warn' ? 'warn' : 'info';
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
