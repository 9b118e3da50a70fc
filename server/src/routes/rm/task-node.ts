import { defaultTimeZone, nodeDefinition } from '@waymark/journey';

/** What the workbench needs of an rm.task node of a published version. */
export interface TaskNode {
  kind: 'call' | 'visit';
  slaHours: number;
  script: string;
  /** The journey's time zone: dates in the talking points are written in it, as in its messages. */
  timeZone: string;
}

const rmTaskConfig = nodeDefinition('rm.task')?.configSchema;

/**
 * The rm.task node `nodeId` of a stored graph, or null when the graph has no such node or it is
 * of another type. Versions are frozen and were validated at publish, so a config that no longer
 * parses is treated as absent rather than trusted.
 */
export function taskNodeOf(graph: unknown, nodeId: string): TaskNode | null {
  const { nodes, settings } = (graph ?? {}) as { nodes?: unknown; settings?: { timeZone?: unknown } };
  if (!Array.isArray(nodes) || !rmTaskConfig) return null;
  const node = nodes.find(
    (n): n is { id: string; type: string; config: unknown } =>
      typeof n === 'object' && n !== null && (n as { id?: unknown }).id === nodeId,
  );
  if (node?.type !== 'rm.task') return null;
  const parsed = rmTaskConfig.safeParse(node.config);
  if (!parsed.success) return null;
  const config = parsed.data as { kind: 'call' | 'visit'; slaHours: number; script: string };
  const timeZone = typeof settings?.timeZone === 'string' ? settings.timeZone : defaultTimeZone;
  return { kind: config.kind, slaHours: config.slaHours, script: config.script, timeZone };
}

/** When the task was handed to the manager: its deadline less the SLA the node gives. */
export function assignedAtOf(dueAt: Date, node: TaskNode): Date {
  return new Date(dueAt.getTime() - node.slaHours * 3_600_000);
}
