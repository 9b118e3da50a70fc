import type { z } from 'zod';
import type { MessageParam } from '../i18n/fill.ts';
import type { Locale, LocalizedText } from '../i18n/locale.ts';
import type { ReferenceLookups } from './context.ts';

/** Palette sections, in the order the palette shows them. */
export const nodeCategories = ['trigger', 'logic', 'action', 'wait'] as const;
export type NodeCategory = (typeof nodeCategories)[number];

/**
 * An output port of a node. An enrollment leaving through a port with no edge completes the
 * journey there; `required` ports must be wired because ending there would be a planning mistake
 * (a filter's "yes", a send's "sent").
 */
export interface PortSpec {
  id: string;
  label: LocalizedText;
  required: boolean;
}

/** A node upstream of the one being checked, with its config parsed when it is valid. */
export interface UpstreamNode {
  id: string;
  type: string;
  config: unknown;
  configValid: boolean;
}

/** What a node type's own checks may consult: references in the world, and the graph upstream. */
export interface NodeCheckContext extends ReferenceLookups {
  /** Every node from which this node can be reached, computed on first use. */
  ancestors(): readonly UpstreamNode[];
}

/** Codes every node type may return from `validate` without declaring them itself. */
export const sharedNodeProblemCodes = [
  'ref.template-missing',
  'ref.template-channel-mismatch',
  'ref.connector-missing',
  'ref.connector-channel-mismatch',
  'ref.segment-missing',
] as const;
export type SharedNodeProblemCode = (typeof sharedNodeProblemCodes)[number];

/** A defect a node type's own check found in a config that already matches its schema. */
export interface NodeIssue<Code extends string = string> {
  code: Code;
  /** Path inside the node's config. */
  path?: (string | number)[];
  params?: Record<string, MessageParam>;
}

/**
 * Everything the product knows about one node type, universal (browser and Node). The executor
 * lives beside it in `executor.ts` and is wired up by the server-only runtime entry point.
 */
export interface NodeTypeDefinition<
  Type extends string = string,
  Config = unknown,
  Codes extends string = never,
> {
  /** Stable id stored in graphs: never rename one that has shipped. */
  type: Type;
  category: NodeCategory;
  /** A Lucide icon name the canvas and the palette draw. */
  icon: string;
  label: LocalizedText;
  /** One sentence for the palette tooltip. */
  description: LocalizedText;
  configSchema: z.ZodType<Config>;
  /** Output ports, fixed or derived from the config (a split has one per variant). */
  ports: readonly PortSpec[] | ((config: NoInfer<Config>) => readonly PortSpec[]);
  /**
   * True when every pass through the node takes time (a wait), so a loop through it cannot spin.
   * A cycle in the graph must pass through such a node.
   */
  pauses: boolean | ((config: NoInfer<Config>) => boolean);
  /** One line for the node's face on the canvas: "Wait 3 days", "A 50% · B 50%". */
  summary(config: NoInfer<Config>, locale: Locale): string;
  /** The config a node gets when dragged from the palette. */
  defaults(): NoInfer<Config>;
  /** Checks beyond the schema: cross-field rules and references to templates, segments, connectors. */
  validate?(
    config: NoInfer<Config>,
    context: NodeCheckContext,
  ): readonly NodeIssue<NoInfer<Codes> | SharedNodeProblemCode>[];
  /** Messages for the codes this type's `validate` returns, in every locale. */
  problems?: Readonly<Record<Codes, LocalizedText>>;
}

/**
 * Declares a node type. The identity at runtime; at compile time it infers the config type from
 * the schema (so `summary`, `ports` and `validate` are typed) and keeps the type id literal.
 */
export function defineNodeType<const Type extends string, Config, Codes extends string = never>(
  definition: NodeTypeDefinition<Type, Config, Codes>,
): NodeTypeDefinition<Type, Config, Codes> {
  return definition;
}

/** A definition of any node type, as the registry holds them. */
// biome-ignore lint/suspicious/noExplicitAny: configs differ per type; the registry is heterogeneous by design.
export type AnyNodeTypeDefinition = NodeTypeDefinition<string, any, string>;
