import { loadEnv } from '@waymark/config';
import { createDb, migrate } from '@waymark/db';
import { createRedis } from '@waymark/queues';
import type { RunningEngine } from './engine.ts';
import { engineFromEnv } from './engine-from-env.ts';
import { parseWorkerEnv } from './env.ts';
import { createLogger } from './runtime/logger.ts';
import { checkRedisReadiness } from './runtime/redis-readiness.ts';

/**
 * The workers process: `WAYMARK_WORKERS=events,steps,sends,...` (default all) picks the processor
 * groups. Refuses to start on a Redis that may evict queue data, and shuts down gracefully on
 * SIGTERM / SIGINT (running jobs finish; a second signal exits at once).
 */
async function main(): Promise<void> {
  const config = loadEnv(process.env);
  const env = parseWorkerEnv(process.env);
  const level = ({ fatal: 'error', error: 'error', warn: 'warn', silent: 'silent' } as const)[
    config.logLevel as 'fatal' | 'error' | 'warn' | 'silent'
  ];
  const log = createLogger({ level: level ?? 'info', base: { process: 'workers' } });
  if (!config.redisUrl) {
    throw new Error('REDIS_URL is not set: the workers need a Redis (e.g. redis://127.0.0.1:6379).');
  }
  const redis = createRedis(config.redisUrl);
  const readiness = await checkRedisReadiness(redis, { requireAof: config.nodeEnv === 'production' });
  for (const warning of readiness.warnings) log.warn(warning.message, { code: warning.code });
  if (readiness.fatal.length > 0) {
    for (const problem of readiness.fatal) log.error(problem.message, { code: problem.code });
    redis.disconnect();
    // 78: configuration error (sysexits), so a supervisor does not restart it in a loop.
    process.exit(78);
  }
  const db = await createDb({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: 20 });
  await migrate(db);
  const engine = engineFromEnv({ config, env, db, redis, log });
  // Signals are handled from here on, so a SIGTERM during start-up also ends in a clean stop.
  let stopping = false;
  let started: Promise<RunningEngine> | undefined;
  const stop = async (signal: string) => {
    if (stopping) process.exit(130);
    stopping = true;
    log.info('workers stopping: finishing running jobs', { signal });
    await (await started)?.close();
    redis.disconnect();
    await db.close();
    log.info('workers stopped');
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  if (stopping) return;
  started = engine.start();
  await started;
  if (!stopping)
    log.info('workers started', { groups: env.WAYMARK_WORKERS, prefix: env.WAYMARK_QUEUE_PREFIX });
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
});
