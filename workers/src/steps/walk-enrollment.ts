import {
  type CustomerSnapshot,
  type Effect,
  type EffectOutcome,
  executeNode,
  type ProfileChange,
  stableUnit,
} from '@waymark/journey/runtime';
import { parkReasons } from '../runtime/park-reasons.ts';
import type { CompiledVersion } from './compiled-version.ts';
import { type EnrollmentRow, messageKey } from './enrollment-row.ts';
import { effectOf, type StepContext } from './load-step-context.ts';

/** Where an enrollment ends up after one walk. */
export interface EnrollmentState {
  node: string;
  status: EnrollmentRow['status'];
  wakeAt: Date | null;
  waitingEvent: string | null;
  abPath: Record<string, string>;
  exitReason: string | null;
  /** Passes through send nodes on loops after this walk; null when the walk passed none. */
  visits: Record<string, number> | null;
}

/** The result of walking one enrollment as far as it can go without waiting. */
export interface Walk {
  enrollment: EnrollmentRow;
  state: EnrollmentState;
  /** Passes out of nodes, each with the A/B path the customer was on as they left (see `abPathKey`). */
  transitions: { nodeId: string; port: string; path: string }[];
  profile: ProfileChange[];
  /** An effect the node needs before it can decide; the caller performs it and walks again. */
  needs: { nodeId: string; key: string; effect: Effect } | undefined;
  /** The message the enrollment now waits for, when it is parked at a send. */
  awaitingMessage: string | undefined;
  /** The customer as the walk left them (profile updates of this walk applied): what a message renders with. */
  customer: CustomerSnapshot | undefined;
  /**
   * Where the walk stood when it reached an effect it could not pass yet (before parking there):
   * `resumeWalk` carries on from here once the effect is claimed or decided, instead of walking
   * the nodes before it again.
   */
  resumeAt: Pick<EnrollmentState, 'node' | 'status' | 'wakeAt' | 'waitingEvent'> | undefined;
  changed: boolean;
}

export interface WalkOptions {
  now: Date;
  sendRecheckMs: number;
  pausedRecheckMs: number;
  unknownGiveUpMs: number;
}

/** Nodes one walk may run: enough for any sane journey, small enough to stop a defect that spins. */
const maxNodesPerWalk = 100;

/**
 * Runs the enrollment's nodes from where it stands until a wait, an unperformed effect, or the
 * end. Pure apart from reading `ctx`: nothing is written here, so a walk can be repeated (after
 * the effect is performed) and is only made real by the conditional update that persists it.
 */
export function walkEnrollment(
  enrollment: EnrollmentRow,
  version: CompiledVersion | undefined,
  ctx: StepContext,
  options: WalkOptions,
): Walk {
  const walk: Walk = {
    customer: undefined,
    enrollment,
    state: {
      node: enrollment.current_node,
      status: enrollment.status,
      wakeAt: enrollment.wake_at ? new Date(enrollment.wake_at) : null,
      waitingEvent: enrollment.waiting_event,
      abPath: { ...enrollment.ab_path },
      exitReason: null,
      visits: null,
    },
    transitions: [],
    profile: [],
    needs: undefined,
    awaitingMessage: undefined,
    resumeAt: undefined,
    changed: false,
  };
  const row = ctx.customers.get(enrollment.customer_id);
  if (!row)
    return fail(walk, `customer-missing: customer ${enrollment.customer_id} is not in the customer base`);
  if (!version)
    return fail(walk, 'version-missing: the journey version this customer entered no longer exists');
  walk.customer = {
    id: row.id,
    attributes: { ...row.attributes },
    tags: [...row.tags],
    consent: row.consent,
  };
  return runWalk(walk, version, ctx, options);
}

/**
 * Carries a walk on from the effect it stopped at, now that `ctx` knows more about that effect
 * (claimed, or decided). The same as walking the enrollment again from the start, since the nodes
 * before the effect read nothing that changed, but without running them again.
 */
export function resumeWalk(
  walk: Walk,
  version: CompiledVersion | undefined,
  ctx: StepContext,
  options: WalkOptions,
): Walk {
  const at = walk.resumeAt;
  if (!at || !version || !walk.customer) return walkEnrollment(walk.enrollment, version, ctx, options);
  const { customer } = walk;
  return runWalk(
    {
      customer: { ...customer, attributes: { ...customer.attributes }, tags: [...customer.tags] },
      enrollment: walk.enrollment,
      state: {
        ...walk.state,
        ...at,
        abPath: { ...walk.state.abPath },
        visits: walk.state.visits && { ...walk.state.visits },
        exitReason: null,
      },
      transitions: [...walk.transitions],
      profile: [...walk.profile],
      needs: undefined,
      awaitingMessage: undefined,
      resumeAt: undefined,
      changed: false,
    },
    version,
    ctx,
    options,
  );
}

function runWalk(walk: Walk, version: CompiledVersion, ctx: StepContext, options: WalkOptions): Walk {
  const { now } = options;
  const { enrollment, state } = walk;
  const customer = walk.customer as CustomerSnapshot;
  const random = unitRandomFor(enrollment.customer_id);
  let path = abPathKey(state.abPath);
  const paused = ctx.journeyStatus.get(enrollment.journey_id) === 'paused';
  const trigger = enrollment.trigger_event_id
    ? ctx.triggerEvents.get(enrollment.trigger_event_id)
    : undefined;
  const events = ctx.events.get(enrollment.customer_id) ?? [];
  // One input for every node of the walk: only the wait time and A/B path change between nodes.
  const enrollmentInput = {
    id: enrollment.id,
    journeyId: enrollment.journey_id,
    version: enrollment.version,
    entrySeq: enrollment.entry_seq,
    enteredAt: new Date(enrollment.entered_at),
    wakeAt: state.wakeAt,
    abPath: state.abPath,
  };

  for (let step = 0; step < maxNodesPerWalk; step++) {
    const node = version.nodes.get(state.node);
    if (!node) return fail(walk, `node-missing: node "${state.node}" is not in version ${version.version}`);
    if (node.problem) return fail(walk, `node-invalid: ${node.problem}`);
    const onLoop = version.effectNodesOnCycles.has(node.id);
    let key = '';
    let effect: EffectOutcome | undefined;
    if (node.performs) {
      // The pass number counts passes already persisted, as the message keys of earlier passes did.
      const visit = 1 + (onLoop ? (enrollment.visits?.[node.id] ?? 0) : 0);
      key = messageKey(enrollment.id, node.id, enrollment.entry_seq, visit);
      effect = effectOf(ctx.messages.get(key), now, options.unknownGiveUpMs);
    }
    enrollmentInput.wakeAt = state.wakeAt;
    let result: ReturnType<typeof executeNode>;
    try {
      result = executeNode(node.type, {
        node,
        customer,
        enrollment: enrollmentInput,
        triggerEvent: trigger,
        events,
        effect,
        settings: version.settings,
        now,
        splitStats:
          node.type === 'split.ab' ? ctx.splitStats.get(`${enrollment.journey_id}:${node.id}`) : undefined,
        random,
      });
    } catch (error) {
      return fail(walk, `node-error: node "${node.id}" could not run: ${(error as Error).message}`);
    }

    switch (result.kind) {
      case 'advance': {
        if (result.abChoice) {
          state.abPath[result.abChoice.splitNodeId] = result.abChoice.variant;
          path = abPathKey(state.abPath);
        }
        walk.transitions.push({ nodeId: node.id, port: result.port, path });
        if (onLoop) countPass(state, enrollment, node.id);
        if (result.profile) {
          walk.profile.push(result.profile);
          applyProfile(customer, result.profile);
        }
        const target = version.next(node.id, result.port);
        Object.assign(state, { wakeAt: null, waitingEvent: null, status: 'active' });
        if (!target) {
          Object.assign(state, {
            status: 'completed',
            exitReason: `path-end: left "${node.id}" through "${result.port}"`,
          });
          return finish(walk);
        }
        state.node = target;
        continue;
      }
      case 'wait':
        Object.assign(state, { status: 'waiting', wakeAt: result.until, waitingEvent: null });
        return finish(walk);
      case 'waitForEvent':
        Object.assign(state, { status: 'waiting', wakeAt: result.deadline, waitingEvent: result.event });
        return finish(walk);
      case 'exit':
        Object.assign(state, {
          status: 'completed',
          wakeAt: null,
          waitingEvent: null,
          exitReason: result.reason,
        });
        return finish(walk);
      case 'perform': {
        if (!node.performs) {
          return fail(
            walk,
            `node-error: node type "${node.type}" performs an effect but is not an effect node type`,
          );
        }
        walk.resumeAt = {
          node: state.node,
          status: state.status,
          wakeAt: state.wakeAt,
          waitingEvent: state.waitingEvent,
        };
        if (effect) {
          // Claimed earlier and still on its way: park until delivery decides (or the recheck).
          walk.awaitingMessage = key;
          Object.assign(state, {
            status: 'waiting',
            waitingEvent: parkReasons.message,
            wakeAt: new Date(now.getTime() + options.sendRecheckMs),
          });
          return finish(walk);
        }
        if (paused) {
          Object.assign(state, {
            status: 'waiting',
            waitingEvent: parkReasons.resume,
            wakeAt: new Date(now.getTime() + options.pausedRecheckMs),
          });
          return finish(walk);
        }
        walk.needs = { nodeId: node.id, key, effect: result.effect };
        return finish(walk);
      }
    }
  }
  return fail(walk, `loop-without-wait: more than ${maxNodesPerWalk} nodes ran without a wait`);
}

// Module functions rather than closures made per walk: a walk runs for every customer.

/** Marks whether the walk changed anything the conditional update must persist. */
function finish(walk: Walk): Walk {
  const { enrollment, state } = walk;
  walk.changed =
    walk.transitions.length > 0 ||
    state.node !== enrollment.current_node ||
    state.status !== enrollment.status ||
    state.wakeAt?.getTime() !== (enrollment.wake_at ? new Date(enrollment.wake_at).getTime() : undefined) ||
    state.waitingEvent !== enrollment.waiting_event;
  return walk;
}

function fail(walk: Walk, reason: string): Walk {
  Object.assign(walk.state, { status: 'failed', wakeAt: null, waitingEvent: null, exitReason: reason });
  return finish(walk);
}

/**
 * The A/B path as counters store it: '' before any split, else the choices as JSON in split order
 * of their ids (`{"ab":"B"}`), so the same path always has the same key.
 */
export function abPathKey(abPath: Record<string, string>): string {
  const splits = Object.keys(abPath);
  if (splits.length === 0) return '';
  if (splits.length === 1) return JSON.stringify(abPath);
  return JSON.stringify(Object.fromEntries(splits.sort().map((id) => [id, abPath[id]])));
}

function countPass(state: EnrollmentState, enrollment: EnrollmentRow, nodeId: string): void {
  state.visits ??= { ...enrollment.visits };
  state.visits[nodeId] = (state.visits[nodeId] ?? 0) + 1;
}

/** The split's stable draw for one customer (made once per walk, used by every split it passes). */
function unitRandomFor(customerId: string): (salt: string) => number {
  return (salt) => stableUnit(`${salt}:${customerId}`);
}

function applyProfile(customer: CustomerSnapshot, change: ProfileChange): void {
  for (const [name, value] of Object.entries(change.setAttributes)) {
    if (value === null) delete customer.attributes[name];
    else customer.attributes[name] = value;
  }
  const tags = new Set(customer.tags);
  for (const t of change.addTags) tags.add(t);
  for (const t of change.removeTags) tags.delete(t);
  customer.tags = [...tags];
}
