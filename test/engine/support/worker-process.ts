import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EngineWorld } from './engine-world.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const workersMain = fileURLToPath(new URL('../../../workers/src/main.ts', import.meta.url));

/** A real workers process (workers/src/main.ts) on the world's database, Redis prefix and key. */
export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves with the exit code (or the signal) once the process is gone. */
  exited: Promise<number | string>;
  /** Last lines the process wrote to stderr, for a failing test's message. */
  stderr(): string;
}

export function startWorkerProcess(
  world: EngineWorld,
  env: Record<string, string> = {},
  /** Extra Node flags, e.g. `--cpu-prof` for a benchmark's profile (NODE_OPTIONS refuses it). */
  nodeArgs: readonly string[] = [],
): WorkerProcess {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', workersMain], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      DATABASE_URL: world.testDb.url,
      REDIS_URL: world.redisUrl,
      WAYMARK_QUEUE_PREFIX: world.prefix,
      WAYMARK_ENCRYPTION_KEY: world.encryptionKey.toString('base64'),
      WAYMARK_DATA_DIR: `/tmp/${world.prefix}`,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  });
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return { child, exited, stderr: () => tail };
}
