import { digestOf } from '@waymark/queues';
import type { EngineResources } from '../runtime/resources.ts';
import { claimEffects, type EffectClaim } from '../sends/claim-effects.ts';
import { deliverInStep } from './deliver-in-step.ts';
import { loadStepContext, type StepContext } from './load-step-context.ts';
import { persistWalks } from './persist-walks.ts';
import { versionKey } from './version-cache.ts';
import { resumeWalk, type Walk, walkEnrollment } from './walk-enrollment.ts';

export interface StepSummary {
  loaded: number;
  moved: number;
  transitions: number;
  claimed: number;
  waiting: number;
  finished: number;
}

/** Rounds of "claim, then walk on": a suppressed send can lead straight into another send. */
const maxEffectRounds = 5;

/**
 * The step processor: moves a batch of enrollments forward as far as each can go. Reads the
 * batch's state in a few queries, walks every enrollment through its instantaneous nodes
 * (executors are pure), claims the messages the walks reached, persists everything with
 * conditional updates in one transaction, then hands out follow-up work with deterministic ids:
 * wake-up buckets for waits, delivery jobs for claimed messages.
 */
export async function advanceEnrollments(
  r: EngineResources,
  ids: readonly number[],
  options: AdvanceOptions = {},
): Promise<StepSummary> {
  const now = r.clock.now();
  return advanceLoaded(r, await loadStepContext(r, ids, now, !options.justEntered), now, options);
}

export interface AdvanceOptions {
  /**
   * Send the messages the step claims inside the step, before persisting (see `deliverInStep`):
   * no delivery job and one enrollment update per customer instead of two. What cannot be sent at
   * once (budgets, provider retries, paused journeys) goes through the channel queue as usual.
   */
  deliverInline?: boolean;
  /** The batch has just entered the journey: its claimed messages are not read up front (see `loadStepContext`). */
  justEntered?: boolean;
}

/** `advanceEnrollments` for a batch whose context the caller has already read. */
export async function advanceLoaded(
  r: EngineResources,
  ctx: StepContext,
  now: Date,
  advanceOptions: AdvanceOptions = {},
): Promise<StepSummary> {
  const options = {
    now,
    sendRecheckMs: r.settings.sendRecheckMs,
    pausedRecheckMs: r.settings.pausedRecheckMs,
    unknownGiveUpMs: r.settings.unknownGiveUpMs,
  };
  const versionOf = (w: Pick<Walk, 'enrollment'>) =>
    ctx.versions.get(versionKey(w.enrollment.journey_id, w.enrollment.version));
  let walks = ctx.enrollments.map((e) =>
    walkEnrollment(e, ctx.versions.get(versionKey(e.journey_id, e.version)), ctx, options),
  );

  let claimed = 0;
  const rewalk = (w: Walk) => resumeWalk(w, versionOf(w), ctx, options);
  for (let round = 0; round < maxEffectRounds; round++) {
    const claims: EffectClaim[] = [];
    for (const walk of walks) {
      const version = versionOf(walk);
      const customer = ctx.customers.get(walk.enrollment.customer_id);
      if (!walk.needs || !version || !customer) continue;
      const trigger = walk.enrollment.trigger_event_id
        ? ctx.triggerEvents.get(walk.enrollment.trigger_event_id)
        : undefined;
      claims.push({ walk: walk as EffectClaim['walk'], version, customer, trigger });
    }
    let progressed = false;
    if (claims.length > 0) {
      const known = await claimEffects(r, claims, now);
      for (const [key, message] of known) ctx.messages.set(key, message);
      claimed += [...known.values()].filter((m) => m.status === 'claimed').length;
      walks = walks.map((w) => (w.needs ? rewalk(w) : w));
      progressed = true;
    }
    if (advanceOptions.deliverInline) {
      const decided = await deliverInStep(r, walks, ctx, now);
      if (decided.size > 0) {
        walks = walks.map((w) => (w.awaitingMessage && decided.has(w.awaitingMessage) ? rewalk(w) : w));
        progressed = true;
      }
    }
    if (!progressed) break;
  }

  const moved = await persistWalks(r, walks, now);
  const committed = walks.filter((w) => moved.has(w.enrollment.id));
  await scheduleFollowUps(r, committed, ctx.messages, now);
  return {
    loaded: ctx.enrollments.length,
    moved: moved.size,
    transitions: committed.reduce((n, w) => n + w.transitions.length, 0),
    claimed,
    waiting: committed.filter((w) => w.state.status === 'waiting').length,
    finished: committed.filter((w) => w.state.status !== 'waiting' && w.state.status !== 'active').length,
  };
}

async function scheduleFollowUps(
  r: EngineResources,
  committed: readonly Walk[],
  messages: ReadonlyMap<string, { id: number; status: string; channel: string }>,
  now: Date,
): Promise<void> {
  const wakeAts = committed.flatMap((w) =>
    w.state.status === 'waiting' && w.state.wakeAt ? [w.state.wakeAt] : [],
  );
  await r.producers.wakeups.schedule(wakeAts, now);

  const byChannel = new Map<string, number[]>();
  for (const w of committed) {
    const message = w.awaitingMessage ? messages.get(w.awaitingMessage) : undefined;
    if (!message || (message.status !== 'claimed' && message.status !== 'queued')) continue;
    const ids = byChannel.get(message.channel);
    if (ids) ids.push(message.id);
    else byChannel.set(message.channel, [message.id]);
  }
  for (const [channel, ids] of byChannel) {
    for (let i = 0; i < ids.length; i += r.settings.deliveryBatchSize) {
      const slice = ids.slice(i, i + r.settings.deliveryBatchSize);
      // The recheck slot lets a re-woken send re-queue a delivery lost with Redis, yet keeps
      // repeated steps within one slot from queueing it twice.
      const slot = Math.floor(now.getTime() / r.settings.sendRecheckMs);
      await r.producers.deliveries.deliver(channel as never, slice, `${slot}.${digestOf(slice)}`);
    }
  }
}
