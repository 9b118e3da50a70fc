import type { JourneyNode } from './graph/schema.ts';
import type { AnyNodeTypeDefinition, PortSpec } from './node-types/define.ts';
import { type FieldIssue, safeParseFields } from './problems/zod-issues.ts';
import { nodeDefinition } from './registry.ts';

/** What the registry says about one node of a graph. */
export interface NodeAnalysis {
  definition: AnyNodeTypeDefinition | undefined;
  /** The parsed config, when it matches the type's schema. */
  config: unknown;
  configValid: boolean;
  configIssues: FieldIssue[];
  /** Output ports; undefined when they cannot be known (unknown type, or ports derived from an invalid config). */
  ports: readonly PortSpec[] | undefined;
  /**
   * Whether a pass through the node takes time. An unknown type or an unreadable config counts as
   * pausing, so a defect already reported does not also raise a cycle alarm.
   */
  pauses: boolean;
}

/** Parses a node's config with its type's schema and derives its ports. Never throws. */
export function analyzeNode(node: Pick<JourneyNode, 'type' | 'config'>): NodeAnalysis {
  const definition = typeof node.type === 'string' ? nodeDefinition(node.type) : undefined;
  if (!definition)
    return {
      definition,
      config: undefined,
      configValid: false,
      configIssues: [],
      ports: undefined,
      pauses: true,
    };
  const parsed = safeParseFields(definition.configSchema, node.config);
  if (!parsed.ok) {
    return {
      definition,
      config: undefined,
      configValid: false,
      configIssues: parsed.issues,
      ports: Array.isArray(definition.ports) ? definition.ports : undefined,
      pauses: typeof definition.pauses === 'boolean' ? definition.pauses : true,
    };
  }
  const ports = typeof definition.ports === 'function' ? definition.ports(parsed.value) : definition.ports;
  const pauses =
    typeof definition.pauses === 'function' ? definition.pauses(parsed.value) : definition.pauses;
  return { definition, config: parsed.value, configValid: true, configIssues: [], ports, pauses };
}
