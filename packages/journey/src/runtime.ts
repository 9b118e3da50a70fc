/**
 * @waymark/journey/runtime: how nodes execute. Server-only by convention (the browser never walks
 * customers through a journey), though the executors themselves are pure: each is a function of
 * (node config, customer snapshot, enrollment, now, stable random) and returns what should happen
 * next. The engine performs effects (claiming a message) and persists the outcome.
 */
import type { CustomerEvent } from '@waymark/conditions';
import type { JourneySettings } from './graph/settings.ts';
import { exitExecutor } from './nodes/exit/executor.ts';
import { filterExecutor } from './nodes/filter/executor.ts';
import { rmTaskExecutor } from './nodes/rm.task/executor.ts';
import { sendExecutor } from './nodes/send/executor.ts';
import { splitAbExecutor } from './nodes/split.ab/executor.ts';
import { triggerEventExecutor } from './nodes/trigger.event/executor.ts';
import { triggerSegmentExecutor } from './nodes/trigger.segment/executor.ts';
import { updateExecutor } from './nodes/update/executor.ts';
import { waitDurationExecutor } from './nodes/wait.duration/executor.ts';
import { waitEventExecutor } from './nodes/wait.event/executor.ts';
import { waitUntilExecutor } from './nodes/wait.until/executor.ts';
import { webhookExecutor } from './nodes/webhook/executor.ts';
import { type ConfigOf, isNodeType, type NodeType } from './registry.ts';

/** The customer as an executor sees them: profile, tags and consent, no PII. */
export interface CustomerSnapshot {
  id: string;
  attributes: Record<string, unknown>;
  tags: readonly string[];
  consent: Readonly<Partial<Record<string, boolean>>>;
}

/** Where the enrollment stands when its current node runs. */
export interface EnrollmentSnapshot {
  id: number;
  journeyId: string;
  version: number;
  entrySeq: number;
  enteredAt: Date;
  /**
   * Set only when the enrollment was parked at this very node (a wait ends, a deferred send):
   * null means it has just arrived.
   */
  wakeAt: Date | null;
  /** A/B variant per split node taken so far. */
  abPath: Readonly<Record<string, string>>;
}

/** What became of the effect this node asked for (the message of a send or a webhook call). */
export interface EffectOutcome {
  status: 'pending' | 'sent' | 'delivered' | 'failed' | 'suppressed' | 'unknown';
  /** True when an unknown outcome has stayed unsettled past the engine's patience. */
  unknownTooLong: boolean;
}

/** Per-variant counts of one split, for the auto-winner and bandit modes. */
export type SplitStats = Readonly<Record<string, { entered: number; converted: number }>>;

/** Everything an executor may read. */
export interface ExecutionInput<Config> {
  node: { id: string; config: Config };
  customer: CustomerSnapshot;
  enrollment: EnrollmentSnapshot;
  /** The event that enrolled the customer, for conditions on its properties. */
  triggerEvent: CustomerEvent | undefined;
  /** Customer events the node may need (what a wait.event waits for, counts of a filter). */
  events: readonly CustomerEvent[];
  /** Present once the engine has performed (or is performing) this node's effect. */
  effect: EffectOutcome | undefined;
  settings: JourneySettings;
  now: Date;
  /** Stats of the split being executed, when the engine loaded them. */
  splitStats?: SplitStats | undefined;
  /** A number in [0, 1) fixed by `salt` and the customer: the same customer always draws the same. */
  random(salt: string): number;
}

/** A profile change an `update` node asks for, applied by the engine with the step. */
export interface ProfileChange {
  setAttributes: Readonly<Record<string, string | number | boolean | null>>;
  addTags: readonly string[];
  removeTags: readonly string[];
}

/** Something outside the engine's memory that must happen before the node can decide its port. */
export type Effect =
  | {
      kind: 'send';
      channel: string;
      connectorId: string;
      content:
        | { kind: 'template'; templateId: string }
        | { kind: 'inline'; body: string; subject?: string | undefined };
      /** The A/B variant whose content was picked, recorded on the message. */
      variant: string | undefined;
    }
  | {
      kind: 'call';
      url: string;
      method: string;
      bodyTemplate: string | undefined;
      timeoutSeconds: number | undefined;
    };

/** What an executor decides. */
export type StepResult =
  | {
      kind: 'advance';
      port: string;
      abChoice?: { splitNodeId: string; variant: string };
      profile?: ProfileChange;
    }
  | { kind: 'wait'; until: Date }
  | { kind: 'waitForEvent'; event: string; deadline: Date }
  | { kind: 'exit'; reason: string }
  | { kind: 'perform'; effect: Effect };

/** The executor of one node type. */
export type Executor<K extends NodeType> = (input: ExecutionInput<ConfigOf<K>>) => StepResult;

/** Every node type's executor: a type without one does not compile. */
export const executors = {
  'trigger.event': triggerEventExecutor,
  'trigger.segment': triggerSegmentExecutor,
  filter: filterExecutor,
  'split.ab': splitAbExecutor,
  send: sendExecutor,
  'rm.task': rmTaskExecutor,
  update: updateExecutor,
  webhook: webhookExecutor,
  'wait.duration': waitDurationExecutor,
  'wait.until': waitUntilExecutor,
  'wait.event': waitEventExecutor,
  exit: exitExecutor,
} satisfies { [K in NodeType]: Executor<K> };

/**
 * Runs the executor of `type` on a config already parsed with that type's schema. Throws for a
 * type this version does not know (the engine records the enrollment as failed with the reason).
 */
export function executeNode(type: string, input: ExecutionInput<unknown>): StepResult {
  if (!isNodeType(type)) throw new Error(`Node type "${type}" is not known to this version`);
  const executor = executors[type] as (input: ExecutionInput<unknown>) => StepResult;
  return executor(input);
}

/**
 * A stable number in [0, 1) from a string (FNV-1a then a murmur finalizer): the same split node
 * and customer always draw the same number, so a retried step never changes a branch.
 */
export function stableUnit(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
}

export { rmTaskOutcomeEvent } from './nodes/rm.task/executor.ts';
export {
  isInQuietHours,
  localParts,
  nextLocalTime,
  quietHoursEnd,
  zonedDate,
} from './nodes/wait.until/executor.ts';
