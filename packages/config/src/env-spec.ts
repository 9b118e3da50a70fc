import { z } from 'zod';
import { engineEnvSpec } from './engine-env-spec.ts';

/** Everything a reader of the README (or `--help`) needs to know about one variable. */
export interface EnvDoc {
  /** Variable name as set in the environment. */
  name: string;
  /** What it does, in one or two sentences. */
  description: string;
  /** The value used when the variable is absent, in words when it is computed. */
  default: string;
  /** Whether a production deployment must set it. */
  requiredInProduction: boolean;
}

export const nodeEnvs = ['development', 'test', 'production'] as const;
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const processRoles = ['all', 'server', 'workers'] as const;
/** Whether publishing a journey needs an approver's sign-off first (maker–checker, 审批). */
export const publishApprovalModes = ['required', 'off'] as const;

const postgresUrl = z.string().refine((v) => /^postgres(ql)?:\/\//.test(v) && URL.canParse(v), {
  error: 'must be a postgres:// or postgresql:// connection URL, e.g. postgres://user:pass@host:5432/waymark',
});

const redisUrl = z.string().refine((v) => /^rediss?:\/\//.test(v) && URL.canParse(v), {
  error: 'must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379',
});

function integerIn(min: number, max: number) {
  return z
    .string()
    .regex(/^\d+$/, { error: `must be a whole number between ${min} and ${max}` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: `must be a whole number between ${min} and ${max}` });
}

const base64Key = z
  .string()
  .refine((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === 32, {
    error:
      'must be 32 random bytes encoded as base64 (44 characters), e.g. the output of `openssl rand -base64 32`',
  });

/**
 * The single source of truth for the environment: each entry has its schema (applied to the raw
 * string, absent values already removed) and its documentation. The zod object and `envDocs` are
 * both derived from it, so the README table cannot drift from what the code accepts.
 */
export const envSpec = {
  NODE_ENV: {
    schema: z.enum(nodeEnvs, { error: `must be one of ${nodeEnvs.join(', ')}` }).default('development'),
    description: 'Runtime mode. `production` requires an explicit encryption key and never writes key files.',
    default: 'development',
    requiredInProduction: false,
  },
  DATABASE_URL: {
    schema: postgresUrl.optional(),
    description:
      'PostgreSQL connection URL. When absent, an embedded PGlite database is kept under `<data dir>/pglite`.',
    default: 'embedded PGlite',
    requiredInProduction: false,
  },
  REDIS_URL: {
    schema: redisUrl.optional(),
    description:
      'Redis connection URL for queues. When absent, the main command starts a local redis-server if one is installed.',
    default: 'local redis-server, if installed',
    requiredInProduction: false,
  },
  HOST: {
    schema: z.string().min(1).default('127.0.0.1'),
    description:
      'Interface the HTTP server listens on. Use 0.0.0.0 to accept connections from other machines.',
    default: '127.0.0.1',
    requiredInProduction: false,
  },
  PORT: {
    schema: integerIn(0, 65535).default(3000),
    description: 'TCP port of the HTTP server (0 picks a free port).',
    default: '3000',
    requiredInProduction: false,
  },
  WAYMARK_DATA_DIR: {
    schema: z.string().min(1).optional(),
    description:
      'Directory for local state: the embedded database, the generated demo encryption key, a local Redis.',
    default: '`.data` under the repository root (or the current directory)',
    requiredInProduction: false,
  },
  WAYMARK_ENCRYPTION_KEY: {
    schema: base64Key.optional(),
    description:
      'Key that encrypts customer PII and connector credentials (AES-256-GCM), base64 of 32 bytes. Outside production a key is generated once and kept in `<data dir>/encryption.key` (mode 0600).',
    default: 'generated for the demo',
    requiredInProduction: true,
  },
  WAYMARK_BLIND_INDEX_KEY: {
    schema: base64Key.optional(),
    description:
      'Key of the phone-number blind index (HMAC-SHA256), base64 of 32 bytes. Derived from the encryption key (HKDF) when absent.',
    default: 'derived from WAYMARK_ENCRYPTION_KEY',
    requiredInProduction: false,
  },
  LOG_LEVEL: {
    schema: z.enum(logLevels, { error: `must be one of ${logLevels.join(', ')}` }).default('info'),
    description: 'Minimum severity written to the log.',
    default: 'info',
    requiredInProduction: false,
  },
  SESSION_TTL_HOURS: {
    schema: integerIn(1, 720).default(12),
    description: 'How long a signed-in browser session stays valid, in hours.',
    default: '12',
    requiredInProduction: false,
  },
  WAYMARK_DEMO_DATA: {
    schema: z.string().min(1).optional(),
    description:
      'Path of the bank-marketing CSV (bank-full.csv) seeded as demo customers on an empty database.',
    default: '`../shared/data/bank-marketing/bank-full.csv` beside the repository',
    requiredInProduction: false,
  },
  WAYMARK_ROLE: {
    schema: z.enum(processRoles, { error: `must be one of ${processRoles.join(', ')}` }).default('all'),
    description:
      'Which parts this process runs: `server` (HTTP API), `workers` (queue processors) or `all` (both).',
    default: 'all',
    requiredInProduction: false,
  },
  WAYMARK_PUBLISH_APPROVAL: {
    // Required by default, the demo included: a bank's compliance team expects maker–checker
    // unless someone decides otherwise, and the demo should show the flow it will run in production.
    schema: z
      .enum(publishApprovalModes, { error: `must be one of ${publishApprovalModes.join(', ')}` })
      .default('required'),
    description:
      "Whether publishing a journey needs an approver's sign-off (maker–checker, 审批): `required` (a planner requests approval of the exact draft revision, someone else with the approve permission approves it, then it can be published once) or `off` (planners publish directly).",
    default: 'required',
    requiredInProduction: false,
  },
  ...engineEnvSpec,
} as const;

export type EnvName = keyof typeof envSpec;

/** Documentation of every variable, in the order of `envSpec`: generate the README table from this. */
export const envDocs: readonly EnvDoc[] = Object.entries(envSpec).map(([name, spec]) => ({
  name,
  description: spec.description,
  default: spec.default,
  requiredInProduction: spec.requiredInProduction,
}));

/** Renders `envDocs` as a Markdown table (Variable | Default | Description). */
export function renderEnvDocsMarkdown(docs: readonly EnvDoc[] = envDocs): string {
  const cell = (s: string) => s.replaceAll('|', '\\|');
  const rows = docs.map(
    (d) =>
      `| \`${d.name}\` | ${cell(d.default)}${d.requiredInProduction ? ' (required in production)' : ''} | ${cell(d.description)} |`,
  );
  return ['| Variable | Default | Description |', '| --- | --- | --- |', ...rows].join('\n');
}
