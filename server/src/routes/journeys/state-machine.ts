import type { schema } from '@waymark/db';
import { appError } from '../../errors/app-error.ts';

type Status = schema.JourneyStatus;

/** What a planner can do to a journey besides editing its draft. */
export type LifecycleAction = 'publish' | 'pause' | 'resume' | 'archive';

/** From which states each action is allowed, and the state it leads to. */
const transitions: Record<LifecycleAction, { from: readonly Status[]; to: Status }> = {
  publish: { from: ['draft', 'live', 'paused'], to: 'live' },
  pause: { from: ['live'], to: 'paused' },
  resume: { from: ['paused'], to: 'live' },
  archive: { from: ['draft', 'live', 'paused'], to: 'archived' },
};

const why: Record<LifecycleAction, Partial<Record<Status, string>>> = {
  publish: { archived: 'An archived journey cannot be published again; duplicate it instead.' },
  pause: {
    draft: 'A draft journey is not running, so it cannot be paused: publish it first.',
    paused: 'The journey is already paused.',
    archived: 'An archived journey cannot be paused.',
  },
  resume: {
    draft: 'A draft journey has never run: publish it to start it.',
    live: 'The journey is already running.',
    archived: 'An archived journey cannot be resumed.',
  },
  archive: { archived: 'The journey is already archived.' },
};

/**
 * The status after `action`, or a 409 `journey.illegal-transition` saying why it is not allowed
 * from `current` (with the current status in the answer).
 */
export function nextStatus(current: Status, action: LifecycleAction): Status {
  const rule = transitions[action];
  if (rule.from.includes(current)) return rule.to;
  throw appError(
    'journey.illegal-transition',
    why[action][current] ?? `Cannot ${action} a ${current} journey.`,
    {
      extensions: { currentStatus: current, action },
    },
  );
}
