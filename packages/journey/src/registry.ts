import type { AnyNodeTypeDefinition, NodeTypeDefinition } from './node-types/define.ts';
import { checkNodeTypeDefinitions } from './node-types/registry-check.ts';
import { exitNode } from './nodes/exit/definition.ts';
import { filterNode } from './nodes/filter/definition.ts';
import { rmTaskNode } from './nodes/rm.task/definition.ts';
import { sendNode } from './nodes/send/definition.ts';
import { splitAbNode } from './nodes/split.ab/definition.ts';
import { triggerEventNode } from './nodes/trigger.event/definition.ts';
import { triggerSegmentNode } from './nodes/trigger.segment/definition.ts';
import { updateNode } from './nodes/update/definition.ts';
import { waitDurationNode } from './nodes/wait.duration/definition.ts';
import { waitEventNode } from './nodes/wait.event/definition.ts';
import { waitUntilNode } from './nodes/wait.until/definition.ts';
import { webhookNode } from './nodes/webhook/definition.ts';

/**
 * Every node type the product ships, in palette order. Adding a type is one folder under
 * `nodes/` and one line here.
 */
export const nodeTypes = [
  triggerEventNode,
  triggerSegmentNode,
  filterNode,
  splitAbNode,
  sendNode,
  rmTaskNode,
  updateNode,
  webhookNode,
  waitDurationNode,
  waitUntilNode,
  waitEventNode,
  exitNode,
] as const;

type AnyShipped = (typeof nodeTypes)[number];

/** The id of a shipped node type (`'send'`, `'wait.event'`, …). */
export type NodeType = AnyShipped['type'];

/** The parsed config of a node type, e.g. `ConfigOf<'split.ab'>`. */
export type ConfigOf<K extends NodeType> =
  Extract<AnyShipped, { type: K }> extends NodeTypeDefinition<K, infer Config, string> ? Config : never;

/** The problem codes node types declare in their definitions. */
export type NodeProblemCode = AnyShipped extends infer D
  ? D extends { problems?: infer Messages }
    ? keyof NonNullable<Messages> & string
    : never
  : never;

// Checked once at load: a broken definition is a programming error and must stop the process early.
const byType: ReadonlyMap<string, AnyNodeTypeDefinition> = checkNodeTypeDefinitions(nodeTypes);

/** The definition of a node type, or undefined for a type this version does not know. */
export function nodeDefinition(type: string): AnyNodeTypeDefinition | undefined {
  return byType.get(type);
}

/** True when `type` names a shipped node type. */
export function isNodeType(type: unknown): type is NodeType {
  return typeof type === 'string' && byType.has(type);
}
