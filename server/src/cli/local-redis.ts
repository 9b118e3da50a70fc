import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/** A Redis the product can use, and how to stop it when we started it ourselves. */
export interface ResolvedRedis {
  url: string;
  origin: 'configured' | 'local-default' | 'embedded';
  stop(): Promise<void>;
}

export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
}

const LOCAL_DEFAULT = 'redis://127.0.0.1:6379';

async function answersPing(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 500,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Finds the Redis for a newcomer's start: REDIS_URL when set; else a Redis already answering
 * on 127.0.0.1:6379; else a `redis-server` from PATH started with its data under the data
 * directory (AOF on, never evicting, as the workers require); else a clear error.
 */
export async function resolveRedis(
  configuredUrl: string | undefined,
  dataDir: string,
): Promise<ResolvedRedis> {
  const noop = async () => {};
  if (configuredUrl) return { url: configuredUrl, origin: 'configured', stop: noop };
  if (await answersPing(LOCAL_DEFAULT)) return { url: LOCAL_DEFAULT, origin: 'local-default', stop: noop };

  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (found.error || found.status !== 0) {
    throw new RedisUnavailableError(
      'Waymark needs Redis: install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL=redis://host:6379.',
    );
  }
  const dir = join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const child: ChildProcess = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--maxmemory-policy',
      'noeviction',
      '--save',
      '',
    ],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    if (await answersPing(url)) {
      return {
        url,
        origin: 'embedded',
        stop: () =>
          new Promise((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new RedisUnavailableError(`redis-server was found but did not answer on port ${port}; see ${dir}.`);
}
