import { hkdfSync } from 'node:crypto';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { type KeySource, loadOrCreateKeyFile } from './encryption-key.ts';
import { type EngineEnv, type EngineEnvName, engineEnvSpec } from './engine-env-spec.ts';
import {
  type EnvName,
  envSpec,
  type logLevels,
  type nodeEnvs,
  type processRoles,
  type publishApprovalModes,
} from './env-spec.ts';
import { findRepoRoot } from './paths.ts';

/** The typed configuration every process reads once at boot. */
export interface Config {
  nodeEnv: (typeof nodeEnvs)[number];
  /** Postgres URL, or undefined for the embedded PGlite database at `pgliteDir`. */
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  host: string;
  port: number;
  /** Absolute data directory. */
  dataDir: string;
  /** Absolute directory of the embedded database (used only when `databaseUrl` is undefined). */
  pgliteDir: string;
  /** 32-byte AES-256-GCM key for PII and credentials. */
  encryptionKey: Buffer;
  /** Where the encryption key came from: the environment, the demo key file, or generated now. */
  encryptionKeySource: KeySource;
  /** 32-byte HMAC key of the phone blind index. */
  blindIndexKey: Buffer;
  logLevel: (typeof logLevels)[number];
  sessionTtlHours: number;
  /** Absolute path of bank-full.csv for demo seeding. */
  demoDataPath: string;
  role: (typeof processRoles)[number];
  /** `required`: publishing needs an approved request for the exact draft revision (maker–checker). */
  publishApproval: (typeof publishApprovalModes)[number];
}

/** One variable that failed, with a sentence saying what is wrong and what is expected. */
export interface ConfigIssue {
  variable: EnvName;
  message: string;
}

/** Thrown by `loadEnv` with every bad variable at once, so an operator fixes them in one go. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(
      `Invalid configuration (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${issues
        .map((i) => `  - ${i.variable} ${i.message}.`)
        .join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

export interface LoadEnvOptions {
  /** Directory that relative paths and the default data directory start from (default: process.cwd()). */
  cwd?: string;
}

type Shape = { [K in EnvName]: (typeof envSpec)[K]['schema'] };
const envSchema = z.object(
  Object.fromEntries(Object.entries(envSpec).map(([name, spec]) => [name, spec.schema])) as Shape,
);
type EngineShape = { [K in EngineEnvName]: (typeof engineEnvSpec)[K]['schema'] };
const engineEnvSchema = z.object(
  Object.fromEntries(Object.entries(engineEnvSpec).map(([name, spec]) => [name, spec.schema])) as EngineShape,
);

/** The spec's variables from the environment, trimmed, with empty strings as unset. */
function readRaw(
  processEnv: Record<string, string | undefined>,
  names: readonly string[],
): Record<string, string | undefined> {
  const raw: Record<string, string | undefined> = {};
  for (const name of names) {
    const value = processEnv[name]?.trim();
    raw[name] = value === '' ? undefined : value;
  }
  return raw;
}

function issuesOf(error: z.ZodError): ConfigIssue[] {
  return error.issues.map((issue) => ({
    variable: String(issue.path[0]) as EnvName,
    message: issue.message,
  }));
}

/**
 * Only the engine's variables (processor groups, queue prefix, concurrency, budgets, sweeper
 * timings), without the side effects of `loadEnv` (no key file is read or written).
 * @throws ConfigError listing every invalid variable.
 */
export function loadEngineEnv(processEnv: Record<string, string | undefined>): EngineEnv {
  const parsed = engineEnvSchema.safeParse(readRaw(processEnv, Object.keys(engineEnvSpec)));
  if (!parsed.success) throw new ConfigError(issuesOf(parsed.error));
  return parsed.data as EngineEnv;
}

/** Blind-index key derived from the encryption key, so a demo needs only one secret. */
export function deriveBlindIndexKey(encryptionKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', encryptionKey, Buffer.alloc(0), 'waymark/blind-index/v1', 32));
}

/**
 * Parses the environment once into a typed `Config`. Empty strings count as unset. Outside
 * production a missing encryption key is read from (or generated into) `<dataDir>/encryption.key`.
 * @throws ConfigError listing every invalid variable.
 */
export function loadEnv(
  processEnv: Record<string, string | undefined>,
  options: LoadEnvOptions = {},
): Config {
  const cwd = options.cwd ?? process.cwd();
  const raw = readRaw(processEnv, Object.keys(envSpec));
  const parsed = envSchema.safeParse(raw);
  const issues: ConfigIssue[] = parsed.success ? [] : issuesOf(parsed.error);
  if (raw.NODE_ENV === 'production' && raw.WAYMARK_ENCRYPTION_KEY === undefined) {
    issues.push({
      variable: 'WAYMARK_ENCRYPTION_KEY',
      message:
        'is required when NODE_ENV=production (32 random bytes as base64, e.g. `openssl rand -base64 32`); without it customer data could not be decrypted after a restart',
    });
  }
  if (!parsed.success || issues.length > 0) throw new ConfigError(issues);
  const env = parsed.data;
  const repoRoot = findRepoRoot(cwd);
  const dataDir = env.WAYMARK_DATA_DIR ? resolve(cwd, env.WAYMARK_DATA_DIR) : join(repoRoot, '.data');

  let encryptionKey: Buffer;
  let encryptionKeySource: KeySource;
  if (env.WAYMARK_ENCRYPTION_KEY) {
    encryptionKey = Buffer.from(env.WAYMARK_ENCRYPTION_KEY, 'base64');
    encryptionKeySource = 'env';
  } else {
    const file = loadOrCreateKeyFile(dataDir);
    if ('error' in file)
      throw new ConfigError([
        { variable: 'WAYMARK_ENCRYPTION_KEY', message: `is not set and ${file.error}` },
      ]);
    encryptionKey = file.key;
    encryptionKeySource = file.source;
  }

  const demoDataPath = env.WAYMARK_DEMO_DATA
    ? resolve(cwd, env.WAYMARK_DEMO_DATA)
    : join(repoRoot, '..', 'shared', 'data', 'bank-marketing', 'bank-full.csv');

  return {
    nodeEnv: env.NODE_ENV,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    host: env.HOST,
    port: env.PORT,
    dataDir,
    pgliteDir: join(dataDir, 'pglite'),
    encryptionKey,
    encryptionKeySource,
    blindIndexKey: env.WAYMARK_BLIND_INDEX_KEY
      ? Buffer.from(env.WAYMARK_BLIND_INDEX_KEY, 'base64')
      : deriveBlindIndexKey(encryptionKey),
    logLevel: env.LOG_LEVEL,
    sessionTtlHours: env.SESSION_TTL_HOURS,
    demoDataPath: isAbsolute(demoDataPath) ? demoDataPath : resolve(demoDataPath),
    role: env.WAYMARK_ROLE,
    publishApproval: env.WAYMARK_PUBLISH_APPROVAL,
  };
}
