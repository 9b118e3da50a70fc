import { z } from 'zod';

/** Processor groups a workers process can run; `WAYMARK_WORKERS` picks a subset. */
export const processorGroups = [
  'events',
  'steps',
  'sends',
  'waits',
  'segments',
  'lifecycle',
  'receipts',
  'maintenance',
] as const;
export type ProcessorGroup = (typeof processorGroups)[number];

/** A per-channel message budget: at most `max` messages per `durationMs`. */
export interface RateLimit {
  max: number;
  durationMs: number;
}

const groupList = z
  .string()
  .transform((raw) =>
    raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z.enum(['all', ...processorGroups], {
        error: `must list processor groups, each one of all, ${processorGroups.join(', ')}`,
      }),
    ),
  )
  .transform((list) => (list.includes('all') ? [...processorGroups] : (list as ProcessorGroup[])));

const rateLimits = z.string().transform((raw, ctx) => {
  const limits: Record<string, RateLimit> = {};
  if (raw.trim() === 'none') return limits;
  for (const entry of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = /^([a-z]+)=(\d+)\/(s|min)$/.exec(entry);
    if (!match) {
      ctx.addIssue({
        code: 'custom',
        message: `has "${entry}", which should look like sms=200/s or webhook=600/min (or the whole value none)`,
      });
      return z.NEVER;
    }
    limits[match[1]!] = { max: Number(match[2]), durationMs: match[3] === 's' ? 1000 : 60_000 };
  }
  return limits;
});

const positiveInt = (fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: 'must be a whole number of at least 1' })
    .transform(Number)
    .refine((n) => n > 0, { error: 'must be a whole number of at least 1' })
    .prefault(String(fallback));

/**
 * The engine's variables: read by the workers process and by `npm start` when it runs the engine
 * (the server also needs the queue prefix). Part of `envSpec`, so the README table lists them.
 */
export const engineEnvSpec = {
  WAYMARK_WORKERS: {
    schema: groupList.prefault('all'),
    description: `Processor groups this process runs, comma-separated: \`all\` or any of ${processorGroups.map((g) => `\`${g}\``).join(', ')}. Run subsets in separate processes to scale them apart.`,
    default: 'all',
    requiredInProduction: false,
  },
  WAYMARK_QUEUE_PREFIX: {
    schema: z
      .string()
      .min(1, { error: 'must not be empty' })
      .max(64, { error: 'must be at most 64 characters' })
      .default('waymark'),
    description:
      'BullMQ key prefix shared by the server and every workers process of one deployment. On Redis Cluster use a hash tag, `{waymark}`.',
    default: 'waymark',
    requiredInProduction: false,
  },
  WAYMARK_STEP_CONCURRENCY: {
    schema: positiveInt(4),
    description: 'Step jobs (batches of enrollments) one workers process runs at once.',
    default: '4',
    requiredInProduction: false,
  },
  WAYMARK_EVENT_CONCURRENCY: {
    schema: positiveInt(8),
    description: 'Event jobs (batches of ingested events) one workers process runs at once.',
    default: '8',
    requiredInProduction: false,
  },
  WAYMARK_DELIVERY_CONCURRENCY: {
    schema: positiveInt(8),
    description: 'Delivery jobs per channel one workers process runs at once.',
    default: '8',
    requiredInProduction: false,
  },
  WAYMARK_RATE_LIMITS: {
    schema: rateLimits.prefault('sms=500/s'),
    description:
      'Message budgets per channel across all workers, e.g. `sms=200/s,webhook=600/min`, or `none`. A connector may set a tighter one of its own.',
    default: 'sms=500/s',
    requiredInProduction: false,
  },
  WAYMARK_SWEEP_INTERVAL_MS: {
    schema: positiveInt(30_000),
    description:
      'How often (ms) the sweeper rebuilds lost work from PostgreSQL and the reconciler settles unknown send outcomes.',
    default: '30000',
    requiredInProduction: false,
  },
  WAYMARK_LOCK_DURATION_MS: {
    schema: positiveInt(30_000),
    description:
      "How long (ms) a job's lock lasts: a crashed worker's jobs are taken over after about this long.",
    default: '30000',
    requiredInProduction: false,
  },
  WAYMARK_IN_FLIGHT_GRACE_MS: {
    schema: positiveInt(120_000),
    description:
      'A provider call older than this (ms) without an answer counts as interrupted: the provider is asked before anything is sent again.',
    default: '120000',
    requiredInProduction: false,
  },
  WAYMARK_SEND_RECHECK_MS: {
    schema: positiveInt(600_000),
    description: 'How often (ms) a customer held at a send re-checks a message whose delivery job was lost.',
    default: '600000',
    requiredInProduction: false,
  },
  WAYMARK_RECEIPT_POLL_INTERVAL_MS: {
    schema: positiveInt(300_000),
    description:
      'How often (ms) connectors that push no delivery receipts (WeCom customer contact) are asked whether their messages reached the customer.',
    default: '300000',
    requiredInProduction: false,
  },
  WAYMARK_STALE_ACTIVE_MS: {
    schema: positiveInt(120_000),
    description:
      'An enrollment left active this long (ms) without progress has lost its job and is restarted.',
    default: '120000',
    requiredInProduction: false,
  },
  WAYMARK_EVENT_GRACE_MS: {
    schema: positiveInt(120_000),
    description:
      'An event stored this long ago (ms) and still unprocessed has lost its job (e.g. a Redis flush) and is queued again.',
    default: '120000',
    requiredInProduction: false,
  },
  WAYMARK_JOURNEY_CACHE_MS: {
    schema: positiveInt(1_000),
    description:
      'How long (ms) a workers process trusts its list of live journeys. Publish, pause, resume and archive are announced at once; this only bounds a lost announcement.',
    default: '1000',
    requiredInProduction: false,
  },
  WAYMARK_CLOCK_OFFSET_MS: {
    schema: z
      .string()
      .regex(/^-?\d+$/, { error: 'must be a whole number of milliseconds' })
      .transform(Number)
      .prefault('0'),
    description: "For tests only: shifts the engine's clock by this many ms (time-travel end-to-end tests).",
    default: '0',
    requiredInProduction: false,
  },
} as const;

export type EngineEnvName = keyof typeof engineEnvSpec;
/** The engine's variables, parsed: e.g. `WAYMARK_WORKERS` is the list of groups to run. */
export type EngineEnv = { [K in EngineEnvName]: z.output<(typeof engineEnvSpec)[K]['schema']> };
