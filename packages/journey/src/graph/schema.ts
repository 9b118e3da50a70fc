import { z } from 'zod';
import { type JourneySettingsInput, settingsSchema } from './settings.ts';

/** Limits that keep validation and storage bounded; real journeys stay far below them. */
export const graphLimits = { nodes: 500, edges: 2000, idLength: 100 } as const;

const id = z.string().min(1).max(graphLimits.idLength);

/** A node as stored: the config is checked against its type's schema separately. */
export const nodeSchema = z.object({
  id,
  type: z.string().min(1).max(64),
  config: z.unknown(),
  position: z.object({ x: z.number().finite(), y: z.number().finite() }),
});

/** A connection from one output port (`sourceHandle`) of a node to another node. */
export const edgeSchema = z.object({
  id,
  source: id,
  sourceHandle: z.string().min(1).max(64),
  target: id,
});

/**
 * The shape of a journey graph. Parsing with it checks only the shape; `validate` checks the
 * meaning (configs, wiring, references) and reports every problem instead of stopping at one.
 */
export const graphSchema = z.object({
  nodes: z.array(nodeSchema).max(graphLimits.nodes),
  edges: z.array(edgeSchema).max(graphLimits.edges),
  settings: settingsSchema.default(settingsSchema.parse({})),
});

/** A node of a journey graph. */
export interface JourneyNode {
  id: string;
  type: string;
  config: unknown;
  position: { x: number; y: number };
}

/** A connection between two nodes of a journey graph. */
export type JourneyEdge = z.infer<typeof edgeSchema>;

/** A journey as the canvas edits it and the server stores it. */
export interface JourneyGraph {
  nodes: JourneyNode[];
  edges: JourneyEdge[];
  settings?: JourneySettingsInput;
}
