import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, envDocs, loadEngineEnv, loadEnv, renderEnvDocsMarkdown } from '../src/index.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'waymark-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const key = () => randomBytes(32).toString('base64');

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadEnv', () => {
  it('applies the documented defaults', () => {
    const config = loadEnv({}, { cwd: dir });
    expect(config).toMatchObject({
      nodeEnv: 'development',
      databaseUrl: undefined,
      redisUrl: undefined,
      host: '127.0.0.1',
      port: 3000,
      dataDir: join(dir, '.data'),
      pgliteDir: join(dir, '.data', 'pglite'),
      logLevel: 'info',
      sessionTtlHours: 12,
      role: 'all',
      publishApproval: 'required',
      encryptionKeySource: 'generated',
    });
    expect(config.encryptionKey).toHaveLength(32);
    expect(config.blindIndexKey).toHaveLength(32);
    expect(config.blindIndexKey.equals(config.encryptionKey)).toBe(false);
  });

  it('parses explicit values', () => {
    const encryption = key();
    const blind = key();
    const config = loadEnv(
      {
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://u:p@db:5432/waymark',
        REDIS_URL: 'redis://cache:6379',
        HOST: '0.0.0.0',
        PORT: '8080',
        WAYMARK_DATA_DIR: 'state',
        WAYMARK_ENCRYPTION_KEY: encryption,
        WAYMARK_BLIND_INDEX_KEY: blind,
        LOG_LEVEL: 'debug',
        SESSION_TTL_HOURS: '8',
        WAYMARK_DEMO_DATA: '/data/bank.csv',
        WAYMARK_ROLE: 'workers',
        WAYMARK_PUBLISH_APPROVAL: 'off',
      },
      { cwd: dir },
    );
    expect(config).toMatchObject({
      nodeEnv: 'production',
      databaseUrl: 'postgres://u:p@db:5432/waymark',
      redisUrl: 'redis://cache:6379',
      host: '0.0.0.0',
      port: 8080,
      dataDir: join(dir, 'state'),
      logLevel: 'debug',
      sessionTtlHours: 8,
      demoDataPath: '/data/bank.csv',
      role: 'workers',
      publishApproval: 'off',
      encryptionKeySource: 'env',
    });
    expect(config.encryptionKey.toString('base64')).toBe(encryption);
    expect(config.blindIndexKey.toString('base64')).toBe(blind);
  });

  it('lists every bad variable with a sentence', () => {
    const err = errorOf(() =>
      loadEnv(
        {
          PORT: 'eighty',
          DATABASE_URL: 'mysql://x',
          LOG_LEVEL: 'loud',
          WAYMARK_ENCRYPTION_KEY: 'short',
          WAYMARK_ROLE: 'both',
        },
        { cwd: dir },
      ),
    );
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.issues.map((i) => i.variable).sort()).toEqual(
      ['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'WAYMARK_ENCRYPTION_KEY', 'WAYMARK_ROLE'].sort(),
    );
    expect(err.message).toContain('PORT must be a whole number between 0 and 65535.');
    expect(err.message).toContain('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent.');
    expect(err.message).toContain('DATABASE_URL must be a postgres://');
  });

  it('rejects an out-of-range port', () => {
    expect(errorOf(() => loadEnv({ PORT: '70000' }, { cwd: dir })).issues[0]?.variable).toBe('PORT');
  });

  it('requires an encryption key in production and writes no key file', () => {
    const err = errorOf(() => loadEnv({ NODE_ENV: 'production' }, { cwd: dir }));
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]?.variable).toBe('WAYMARK_ENCRYPTION_KEY');
    expect(() => statSync(join(dir, '.data', 'encryption.key'))).toThrow();
  });

  it('keeps the generated demo key in a 0600 file and reuses it', () => {
    const first = loadEnv({ WAYMARK_DATA_DIR: 'd' }, { cwd: dir });
    const path = join(dir, 'd', 'encryption.key');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8').trim()).toBe(first.encryptionKey.toString('base64'));
    const second = loadEnv({ WAYMARK_DATA_DIR: 'd' }, { cwd: dir });
    expect(second.encryptionKeySource).toBe('file');
    expect(second.encryptionKey.equals(first.encryptionKey)).toBe(true);
    expect(second.blindIndexKey.equals(first.blindIndexKey)).toBe(true);
  });

  it('refuses a corrupt demo key file with a way out', () => {
    loadEnv({}, { cwd: dir });
    writeFileSync(join(dir, '.data', 'encryption.key'), 'not a key');
    expect(errorOf(() => loadEnv({}, { cwd: dir })).message).toContain('delete it to generate a new one');
  });

  it('treats empty strings as unset', () => {
    expect(loadEnv({ PORT: '', DATABASE_URL: '' }, { cwd: dir })).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
    });
  });
});

describe('envDocs', () => {
  it('documents every variable the loader reads', () => {
    const names = envDocs.map((d) => d.name);
    for (const name of [
      'DATABASE_URL',
      'REDIS_URL',
      'HOST',
      'PORT',
      'WAYMARK_DATA_DIR',
      'WAYMARK_ENCRYPTION_KEY',
      'WAYMARK_BLIND_INDEX_KEY',
      'LOG_LEVEL',
      'NODE_ENV',
      'SESSION_TTL_HOURS',
      'WAYMARK_DEMO_DATA',
      'WAYMARK_ROLE',
    ]) {
      expect(names).toContain(name);
    }
    for (const doc of envDocs) {
      expect(doc.description.length).toBeGreaterThan(10);
      expect(doc.default.length).toBeGreaterThan(0);
    }
    const table = renderEnvDocsMarkdown();
    expect(table.split('\n')).toHaveLength(envDocs.length + 2);
    expect(table).toContain('| `PORT` | 3000 |');
  });
});

describe('WAYMARK_PUBLISH_APPROVAL', () => {
  it('needs approval unless switched off, and names the accepted values when misspelt', () => {
    expect(
      loadEnv({ NODE_ENV: 'production', WAYMARK_ENCRYPTION_KEY: key() }, { cwd: dir }).publishApproval,
    ).toBe('required');
    const err = errorOf(() => loadEnv({ WAYMARK_PUBLISH_APPROVAL: 'maybe' }, { cwd: dir }));
    expect(err.issues).toEqual([
      { variable: 'WAYMARK_PUBLISH_APPROVAL', message: 'must be one of required, off' },
    ]);
  });
});

describe('loadEnv in production', () => {
  it('reports a missing key together with other bad variables', () => {
    const err = errorOf(() => loadEnv({ NODE_ENV: 'production', PORT: '-1' }, { cwd: dir }));
    expect(err.issues.map((i) => i.variable).sort()).toEqual(['PORT', 'WAYMARK_ENCRYPTION_KEY']);
  });
});

describe('loadEngineEnv', () => {
  it('gives the engine its documented defaults, without touching any key file', () => {
    const env = loadEngineEnv({});
    expect(env).toMatchObject({
      WAYMARK_WORKERS: [
        'events',
        'steps',
        'sends',
        'waits',
        'segments',
        'lifecycle',
        'receipts',
        'maintenance',
      ],
      WAYMARK_QUEUE_PREFIX: 'waymark',
      WAYMARK_STEP_CONCURRENCY: 4,
      WAYMARK_RATE_LIMITS: { sms: { max: 500, durationMs: 1000 } },
      WAYMARK_EVENT_GRACE_MS: 120_000,
      WAYMARK_JOURNEY_CACHE_MS: 1000,
      WAYMARK_CLOCK_OFFSET_MS: 0,
    });
    const documented = new Map(envDocs.map((d) => [d.name, d.default]));
    for (const [name, value] of Object.entries(env)) {
      expect(documented.has(name), `${name} is in the README table`).toBe(true);
      if (typeof value === 'number') expect(documented.get(name)).toBe(String(value));
    }
  });

  it('names every bad engine variable, and loadEnv reports them with the rest', () => {
    const bad = {
      WAYMARK_WORKERS: 'steps,cooking',
      WAYMARK_STEP_CONCURRENCY: '0',
      WAYMARK_RATE_LIMITS: 'sms=fast',
    };
    const err = errorOf(() => loadEngineEnv(bad));
    expect(err.issues.map((i) => i.variable)).toEqual([
      'WAYMARK_WORKERS',
      'WAYMARK_STEP_CONCURRENCY',
      'WAYMARK_RATE_LIMITS',
    ]);
    expect(err.message).toContain('WAYMARK_STEP_CONCURRENCY must be a whole number of at least 1.');
    expect(err.message).toContain('"sms=fast", which should look like sms=200/s');
    const all = errorOf(() => loadEnv({ ...bad, PORT: 'eighty' }, { cwd: dir }));
    expect(all.issues.map((i) => i.variable).sort()).toEqual(
      ['PORT', 'WAYMARK_RATE_LIMITS', 'WAYMARK_STEP_CONCURRENCY', 'WAYMARK_WORKERS'].sort(),
    );
  });
});
