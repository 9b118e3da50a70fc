import type { JourneyGraph } from '../graph-types.ts';
import { newId } from './ids.ts';

type GraphNode = JourneyGraph['nodes'][number];
type GraphEdge = JourneyGraph['edges'][number];

/** Marks clipboard text as ours, so pasting a random JSON document is recognised as such. */
export const clipboardKind = 'waymark/journey-nodes';
export const clipboardVersion = 1;
/** More nodes than any real journey has; a larger paste is almost certainly not a journey. */
export const maxPastedNodes = 1000;

export interface ClipboardPayload {
  kind: typeof clipboardKind;
  version: typeof clipboardVersion;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** Why a paste was refused; each reason has a planner-facing message in the locale files. */
export type PasteFailure =
  | 'empty'
  | 'not-json'
  | 'not-journey'
  | 'too-many'
  | 'unknown-type'
  | 'nothing-to-paste';

export type PasteResult =
  | { ok: true; nodes: GraphNode[]; edges: GraphEdge[] }
  | { ok: false; reason: PasteFailure; detail?: string };

/** The selected nodes and the edges between them, as clipboard text. */
export function copySelection(graph: JourneyGraph, selectedIds: ReadonlySet<string>): string {
  const nodes = graph.nodes.filter((node) => selectedIds.has(node.id));
  const edges = graph.edges.filter((edge) => selectedIds.has(edge.source) && selectedIds.has(edge.target));
  const payload: ClipboardPayload = { kind: clipboardKind, version: clipboardVersion, nodes, edges };
  return JSON.stringify(payload);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readNode(value: unknown): GraphNode | undefined {
  if (!isRecord(value)) return undefined;
  const { id, type, config, position } = value;
  if (typeof id !== 'string' || typeof type !== 'string' || !isRecord(position)) return undefined;
  const { x, y } = position;
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y))
    return undefined;
  return { id, type, config: config ?? {}, position: { x, y } };
}

function readEdge(value: unknown): GraphEdge | undefined {
  if (!isRecord(value)) return undefined;
  const { id, source, sourceHandle, target } = value;
  if (typeof id !== 'string' || typeof source !== 'string' || typeof target !== 'string') return undefined;
  return { id, source, target, sourceHandle: typeof sourceHandle === 'string' ? sourceHandle : 'out' };
}

/**
 * Reads clipboard text into nodes ready to add: fresh ids (so a paste never collides with what
 * is on the canvas), positions shifted by `offset`, and only the edges whose both ends were
 * copied. Anything else (garbage, someone else's JSON, unknown node types) is refused with a
 * reason instead of corrupting the graph.
 */
export function parsePaste(
  text: string,
  options: { isKnownType: (type: string) => boolean; offset?: { x: number; y: number } },
): PasteResult {
  if (text.trim() === '') return { ok: false, reason: 'empty' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not-json' };
  }
  // A bare graph ({nodes, edges}) is accepted too: planners paste exported drafts.
  if (!isRecord(value) || !Array.isArray(value.nodes)) return { ok: false, reason: 'not-journey' };
  if (value.kind !== undefined && value.kind !== clipboardKind) return { ok: false, reason: 'not-journey' };
  if (value.nodes.length > maxPastedNodes) return { ok: false, reason: 'too-many' };
  const nodes: GraphNode[] = [];
  for (const raw of value.nodes) {
    const node = readNode(raw);
    if (!node) return { ok: false, reason: 'not-journey' };
    if (!options.isKnownType(node.type)) return { ok: false, reason: 'unknown-type', detail: node.type };
    nodes.push(node);
  }
  if (nodes.length === 0) return { ok: false, reason: 'nothing-to-paste' };

  const offset = options.offset ?? { x: 40, y: 40 };
  const idMap = new Map<string, string>();
  for (const node of nodes) idMap.set(node.id, newId('n'));
  const pastedNodes = nodes.map((node) => ({
    ...node,
    id: idMap.get(node.id) as string,
    config: structuredClone(node.config),
    position: { x: node.position.x + offset.x, y: node.position.y + offset.y },
  }));
  const rawEdges = Array.isArray(value.edges) ? value.edges : [];
  const pastedEdges: GraphEdge[] = [];
  for (const raw of rawEdges) {
    const edge = readEdge(raw);
    if (!edge) continue;
    const source = idMap.get(edge.source);
    const target = idMap.get(edge.target);
    if (source && target) pastedEdges.push({ ...edge, id: newId('e'), source, target });
  }
  return { ok: true, nodes: pastedNodes, edges: pastedEdges };
}
