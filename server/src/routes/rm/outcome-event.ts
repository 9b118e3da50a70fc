import { rmTaskOutcomeEvent } from '@waymark/journey/runtime';

/** What a relationship manager can record; each is an output port of the rm.task node. */
export const rmTaskOutcomes = ['converted', 'not-interested'] as const;
export type RmTaskOutcome = (typeof rmTaskOutcomes)[number];

/** One visit of one enrollment to one rm.task node: the deadline tells two visits of a loop apart. */
export interface TaskVisit {
  enrollmentId: number;
  nodeId: string;
  dueAt: Date;
}

/**
 * The id of the outcome event of a task visit. The same for every attempt at recording it, so the
 * events table's unique event id makes a double click (or two tabs) record one outcome only.
 */
export function outcomeEventId(visit: TaskVisit): string {
  return `${rmTaskOutcomeEvent}:${visit.enrollmentId}:${visit.nodeId}:${visit.dueAt.getTime()}`;
}

/**
 * The properties of an outcome event. The engine reads `enrollmentId`, `nodeId` and `outcome`
 * (see the rm.task executor); the rest lets the workbench list recorded tasks from the events alone.
 */
export interface OutcomeProperties extends Record<string, unknown> {
  enrollmentId: number;
  nodeId: string;
  outcome: RmTaskOutcome;
  journeyId: string;
  version: number;
  kind: 'call' | 'visit';
  dueAt: string;
  recordedBy: string;
  note?: string;
}

/** Reads a stored outcome back; null for events this workbench did not write. */
export function readOutcome(properties: Record<string, unknown>): OutcomeProperties | null {
  const { enrollmentId, nodeId, outcome, journeyId, version, kind, dueAt, recordedBy, note } = properties;
  if (
    typeof enrollmentId !== 'number' ||
    typeof nodeId !== 'string' ||
    (outcome !== 'converted' && outcome !== 'not-interested') ||
    typeof journeyId !== 'string' ||
    typeof version !== 'number' ||
    (kind !== 'call' && kind !== 'visit') ||
    typeof dueAt !== 'string' ||
    typeof recordedBy !== 'string'
  ) {
    return null;
  }
  return {
    enrollmentId,
    nodeId,
    outcome,
    journeyId,
    version,
    kind,
    dueAt,
    recordedBy,
    ...(typeof note === 'string' && { note }),
  };
}

export { rmTaskOutcomeEvent };
