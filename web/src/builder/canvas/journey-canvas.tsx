import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  type Connection,
  Controls,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  MiniMap,
  type NodeChange,
  type OnSelectionChangeParams,
  ReactFlow,
  useReactFlow,
  type Viewport,
} from '@xyflow/react';
import { type DragEvent, startTransition, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../../i18n/index.ts';
import type { JourneyGraph } from '../graph-types.ts';
import { fitGraph } from './fit.ts';
import { type JourneyFlowNode, JourneyNodeView } from './journey-node.tsx';
import { nodeHeight, nodeWidth } from './layout.ts';
import { paletteDragType } from './palette.tsx';
import {
  createNodeDataCache,
  type NodeDecorations,
  reconcileFlowEdges,
  reconcileFlowNodes,
  toFlowEdges,
} from './to-flow.ts';

const nodeTypes = { journey: JourneyNodeView };
/** Below this zoom, nodes are drawn plain (see `zoomedOut`). */
const farZoom = 0.45;
const minimapColors: Record<string, string> = {
  trigger: '#7b3fe4',
  logic: '#d97706',
  action: '#1f5fbf',
  wait: '#0f8b8d',
};
/*
 * Props React Flow receives are module constants, never fresh objects: the canvas re-renders on
 * every drag frame, and a new `defaultEdgeOptions` object costs a store update (every node, edge
 * and handle re-checks its selector), a new `nodeColor` function redraws all 200 minimap nodes, a
 * new key list re-binds the key listeners.
 */
const minimapNodeColor = (node: JourneyFlowNode) => minimapColors[node.data.category] ?? '#999';
const defaultEdgeOptions = { type: 'smoothstep' } as const;
const proOptions = { hideAttribution: true } as const;
const multiSelectionKeyCode = ['Shift', 'Meta', 'Control'];

export interface CanvasSelection {
  nodes: string[];
  edges: string[];
}

interface JourneyCanvasProps {
  graph: JourneyGraph;
  decorations: NodeDecorations;
  problemEdges: ReadonlySet<string>;
  /** Live counts through each connection, formatted; only in live view. */
  countsByEdge?: ReadonlyMap<string, string> | undefined;
  selection: CanvasSelection;
  readOnly: boolean;
  onSelectionChange: (selection: CanvasSelection) => void;
  onMoveNodes: (positions: Map<string, { x: number; y: number }>) => void;
  onConnect: (source: string, sourceHandle: string, target: string) => void;
  canConnect: (source: string, sourceHandle: string, target: string) => boolean;
  onDropType: (type: string, position: { x: number; y: number }) => void;
}

/**
 * The React Flow canvas. The graph stays the single source of truth: the canvas keeps a working
 * copy of node positions only while a drag is in progress and hands the result back on release,
 * so a drag is one undo step and the rest of the editor never re-renders per frame.
 */
export function JourneyCanvas(props: JourneyCanvasProps) {
  const { graph, decorations, problemEdges, countsByEdge, selection, readOnly } = props;
  const { t } = useI18n();
  // The canvas renders on every drag frame; translating costs more than the rest of its render.
  const labels = useMemo(() => ({ canvas: t('editor.canvas'), minimap: t('editor.minimap') }), [t]);
  const flow = useReactFlow();
  const dataCache = useRef(createNodeDataCache());
  const selectedNodes = useMemo(() => new Set(selection.nodes), [selection.nodes]);
  const selectedEdges = useMemo(() => new Set(selection.edges), [selection.edges]);
  const [nodes, setNodes] = useState<JourneyFlowNode[]>([]);
  const [edges, setEdges] = useState<Edge[]>([]);
  // Fit the view to what the journey already holds when it opens; an empty canvas keeps zoom 1 so
  // the first drops land where the planner lets go, and later drops never re-zoom the canvas.
  const [opening] = useState(() => (graph.nodes.length > 0 ? graph : undefined));
  useEffect(() => {
    if (!opening) return;
    // Wait a frame so the panels around the canvas have their final size before fitting.
    const frame = requestAnimationFrame(() => fitGraph(flow, opening));
    return () => cancelAnimationFrame(frame);
  }, [flow, opening]);

  useEffect(() => {
    setNodes((previous) =>
      reconcileFlowNodes(
        previous,
        graph,
        (node) => dataCache.current(node, decorations),
        selectedNodes,
        !readOnly,
      ),
    );
  }, [graph, decorations, selectedNodes, readOnly]);

  useEffect(() => {
    setEdges((previous) =>
      reconcileFlowEdges(previous, toFlowEdges(graph, selectedEdges, problemEdges, countsByEdge)),
    );
  }, [graph, selectedEdges, problemEdges, countsByEdge]);

  // Zoomed far out, node faces are too small to read: draw them plainer (no summary, exit labels,
  // shadows) and drop the background dots (a few pixels apart there, and re-drawn on every frame of
  // a pan, a third of the raster work of an auto-pan), which keeps dragging smooth on large
  // journeys. Only crossing the threshold re-renders.
  const [zoomedOut, setZoomedOut] = useState(false);
  const onMove = useCallback(
    (_event: unknown, viewport: Viewport) => setZoomedOut(viewport.zoom < farZoom),
    [],
  );

  const onNodesChange = useCallback((changes: NodeChange<JourneyFlowNode>[]) => {
    // Removal goes through the editor (history, message); everything else is canvas-local.
    const local = changes.filter((change) => change.type !== 'remove');
    if (local.length > 0) setNodes((current) => applyNodeChanges(local, current));
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const local = changes.filter((change) => change.type !== 'remove');
    if (local.length > 0) setEdges((current) => applyEdgeChanges(local, current));
  }, []);

  const { onSelectionChange: reportSelection, onMoveNodes } = props;
  const onSelectionChange = useCallback(
    ({ nodes: n, edges: e }: OnSelectionChangeParams) => {
      reportSelection({ nodes: n.map((node) => node.id), edges: e.map((edge) => edge.id) });
    },
    [reportSelection],
  );

  const onNodeDragStop = useCallback(
    (_event: unknown, _node: JourneyFlowNode, dragged: JourneyFlowNode[]) => {
      // The canvas already shows the step where it was dropped; the editor's update (history,
      // validation, autosave, inspector) renders as a transition, in slices after the drop's
      // frame, rather than making that frame wait for it.
      const positions = new Map(dragged.map((node) => [node.id, node.position]));
      startTransition(() => onMoveNodes(positions));
    },
    [onMoveNodes],
  );

  const { onConnect: connect, canConnect } = props;
  const onConnect = useCallback(
    (connection: Connection) => {
      if (connection.source && connection.target && connection.sourceHandle) {
        connect(connection.source, connection.sourceHandle, connection.target);
      }
    },
    [connect],
  );
  // React Flow drops a refused connection silently; say why, in words, when it ended on a step.
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid === true || !state.fromHandle || state.fromHandle.type !== 'source') return;
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      const under = point ? document.elementFromPoint(point.clientX, point.clientY) : null;
      const targetId =
        state.toNode?.id ?? under?.closest('.react-flow__node')?.getAttribute('data-id') ?? undefined;
      if (!targetId || !state.fromHandle.id) return;
      connect(state.fromHandle.nodeId, state.fromHandle.id, targetId);
    },
    [connect],
  );
  const isValidConnection = useCallback(
    (connection: Connection | Edge) =>
      Boolean(connection.sourceHandle) &&
      canConnect(connection.source, connection.sourceHandle as string, connection.target),
    [canConnect],
  );

  const { onDropType } = props;
  const onDragOver = useCallback((event: DragEvent) => {
    if (event.dataTransfer.types.includes(paletteDragType)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  }, []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(paletteDragType);
      if (!type || readOnly) return;
      event.preventDefault();
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      onDropType(type, { x: at.x - nodeWidth / 2, y: at.y - nodeHeight / 2 });
    },
    [flow, onDropType, readOnly],
  );

  return (
    <ReactFlow<JourneyFlowNode>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onSelectionChange={onSelectionChange}
      onNodeDragStop={onNodeDragStop}
      onConnect={onConnect}
      onConnectEnd={onConnectEnd}
      onMove={onMove}
      className={zoomedOut ? 'zoomed-out' : undefined}
      isValidConnection={isValidConnection}
      onDragOver={onDragOver}
      onDrop={onDrop}
      nodesConnectable={!readOnly}
      elementsSelectable
      deleteKeyCode={null}
      selectionKeyCode={null}
      multiSelectionKeyCode={multiSelectionKeyCode}
      onlyRenderVisibleElements={graph.nodes.length > 120}
      minZoom={0.1}
      maxZoom={2}
      defaultEdgeOptions={defaultEdgeOptions}
      proOptions={proOptions}
      aria-label={labels.canvas}
    >
      {zoomedOut ? null : <Background gap={16} color="#d7dce3" />}
      <MiniMap pannable zoomable nodeColor={minimapNodeColor} ariaLabel={labels.minimap} />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}
