/** Tunables of the engine; defaults suit production, tests shorten the waits. */
export interface EngineSettings {
  /** Enrollments advanced in one step job. */
  stepBatchSize: number;
  /** Messages per delivery job (a batching connector splits them into calls of its own batch size). */
  deliveryBatchSize: number;
  /** How long an enrollment parked at a send waits before the sweeper re-checks its message. */
  sendRecheckMs: number;
  /** An `active` enrollment untouched this long has lost its job; the sweeper re-queues it. */
  staleActiveMs: number;
  /** A message `queued` (handed to a provider) this long ago without an answer is treated as interrupted. */
  inFlightGraceMs: number;
  /** How long an unknown outcome may stay unsettled before the enrollment moves on. */
  unknownGiveUpMs: number;
  /**
   * An event stored this long ago and still not processed has lost its job (a Redis flush); the
   * sweeper queues it again. Compared with the database's clock, which stamps `received_at`.
   */
  unprocessedEventGraceMs: number;
  /** How often a customer held by a paused journey is re-checked (resume also releases them at once). */
  pausedRecheckMs: number;
  /** Rows per page for sweeps, wake-ups and segment enrollment. */
  pageSize: number;
  /**
   * How long the engine's list of journeys is trusted (ms). Lifecycle changes are announced and
   * drop it at once (journey-changes.ts); this bounds staleness only if an announcement is lost.
   */
  journeyCacheMs: number;
  /** How old the counts an adaptive split (auto-winner, bandit) decides on may be (ms). */
  splitStatsMaxAgeMs: number;
  /** How often connectors that push no delivery receipts are asked about messages still `sent` (ms). */
  receiptPollIntervalMs: number;
  /** How long after sending they are asked; a message still `sent` then stays `sent` (ms). */
  receiptPollMaxAgeMs: number;
  /** Per-channel message budgets: `{ sms: { max: 500, durationMs: 1000 } }`. */
  channelRateLimits: Record<string, { max: number; durationMs: number }>;
}

export const defaultEngineSettings: EngineSettings = {
  stepBatchSize: 500,
  deliveryBatchSize: 500,
  sendRecheckMs: 10 * 60_000,
  staleActiveMs: 2 * 60_000,
  inFlightGraceMs: 2 * 60_000,
  unknownGiveUpMs: 60 * 60_000,
  unprocessedEventGraceMs: 2 * 60_000,
  pausedRecheckMs: 60 * 60_000,
  pageSize: 1000,
  journeyCacheMs: 1000,
  splitStatsMaxAgeMs: 5000,
  // WeCom limits how often send results may be read, and an RM confirms a task within hours, not seconds.
  receiptPollIntervalMs: 5 * 60_000,
  receiptPollMaxAgeMs: 3 * 86_400_000,
  channelRateLimits: {},
};
