import type { JourneyEdge, JourneyNode } from '../graph/schema.ts';
import type { ConfigOf, NodeType } from '../registry.ts';

const columnWidth = 280;
const rowHeight = 140;

/** A node whose config is type-checked against its type, laid out on a grid (column, row). */
export function node<K extends NodeType>(
  id: string,
  type: K,
  config: ConfigOf<K>,
  column: number,
  row: number,
): JourneyNode {
  return { id, type, config, position: { x: column * columnWidth, y: row * rowHeight } };
}

/** An edge with a readable, deterministic id. */
export function edge(source: string, sourceHandle: string, target: string): JourneyEdge {
  return { id: `${source}.${sourceHandle}->${target}`, source, sourceHandle, target };
}
