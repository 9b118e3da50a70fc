import { z } from 'zod';

/** Processor groups a worker process can run; `WAYMARK_WORKERS` picks a subset. */
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
        error: `each entry must be one of all, ${processorGroups.join(', ')}`,
      }),
    ),
  )
  .transform((list) => (list.includes('all') ? [...processorGroups] : (list as ProcessorGroup[])));

const rateLimits = z.string().transform((raw, ctx) => {
  const limits: Record<string, { max: number; durationMs: number }> = {};
  if (raw.trim() === 'none') return limits;
  for (const entry of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = /^([a-z]+)=(\d+)\/(s|min)$/.exec(entry);
    if (!match) {
      ctx.addIssue({
        code: 'custom',
        message: `"${entry}" should look like sms=200/s or webhook=600/min, or none`,
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
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .refine((n) => n > 0, 'must be at least 1')
    .prefault(String(fallback));

/** The worker process's own variables (database and Redis URLs come from @waymark/config). */
export const workerEnvSchema = z.object({
  WAYMARK_WORKERS: groupList.prefault('all'),
  WAYMARK_QUEUE_PREFIX: z.string().min(1).max(64).default('waymark'),
  WAYMARK_STEP_CONCURRENCY: positiveInt(4),
  WAYMARK_EVENT_CONCURRENCY: positiveInt(8),
  WAYMARK_DELIVERY_CONCURRENCY: positiveInt(8),
  WAYMARK_RATE_LIMITS: rateLimits.prefault('sms=500/s'),
  WAYMARK_SWEEP_INTERVAL_MS: positiveInt(30_000),
  /** How long a job's lock lasts: a crashed worker's jobs are taken over after about this long. */
  WAYMARK_LOCK_DURATION_MS: positiveInt(30_000),
  /** A message handed to a provider this long ago without an answer counts as an interrupted call. */
  WAYMARK_IN_FLIGHT_GRACE_MS: positiveInt(120_000),
  /** How often a customer parked at a send re-checks a message whose delivery job was lost. */
  WAYMARK_SEND_RECHECK_MS: positiveInt(600_000),
  /** An enrollment left active this long without progress has lost its job and is restarted. */
  WAYMARK_STALE_ACTIVE_MS: positiveInt(120_000),
  /** An event stored this long ago and still unprocessed lost its job; the sweeper queues it again. */
  WAYMARK_EVENT_GRACE_MS: positiveInt(120_000),
  /** How long a worker trusts its list of live journeys when no change announcement reaches it. */
  WAYMARK_JOURNEY_CACHE_MS: positiveInt(1_000),
  /** Test hook: shift the worker's clock (a time-travel end-to-end test starts children with it). */
  WAYMARK_CLOCK_OFFSET_MS: z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number)
    .prefault('0'),
});
export type WorkerEnv = z.output<typeof workerEnvSchema>;

/** Parses the worker variables, listing every problem in one message. */
export function parseWorkerEnv(env: Record<string, string | undefined>): WorkerEnv {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''),
  );
  const parsed = workerEnvSchema.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
  throw new Error(`Invalid worker configuration:\n${lines.join('\n')}`);
}
