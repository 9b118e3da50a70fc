import {
  canConnect,
  formatProblem,
  type Locale,
  nodeDefinition,
  nodeNamesFor,
  outputPorts,
} from '@waymark/journey';
import { useReactFlow } from '@xyflow/react';
import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import type { EditorDoc } from './autosave/use-autosave.ts';
import { fitGraph } from './canvas/fit.ts';
import type { CanvasSelection } from './canvas/journey-canvas.tsx';
import { autoLayout, exitOrder, nodeHeight, nodeWidth } from './canvas/layout.ts';
import type { JourneyGraph } from './graph-types.ts';
import type { Notice } from './notices.tsx';
import { copySelection, parsePaste } from './state/clipboard.ts';
import {
  addNodes,
  connect,
  createNode,
  dropEdgesFromMissingPorts,
  moveNodes,
  removeElements,
  updateNodeConfig,
  updateSettings,
} from './state/graph-ops.ts';
import type { HistoryControls } from './state/use-history.ts';

interface CommandDeps {
  history: HistoryControls<EditorDoc>;
  selection: CanvasSelection;
  setSelection: (selection: CanvasSelection) => void;
  readOnly: boolean;
  locale: Locale;
  t: TFunction;
  notify: (kind: Notice['kind'], text: string, action?: Notice['action']) => void;
}

/**
 * Everything the planner can do to the graph, as plain callbacks shared by the toolbar, the
 * keyboard shortcuts, the palette and the canvas. Each edit is one undo step and says what it did.
 */
export function useEditorCommands({
  history,
  selection,
  setSelection,
  readOnly,
  locale,
  t,
  notify,
}: CommandDeps) {
  const flow = useReactFlow();
  const { apply } = history;
  const graph = history.present.graph;

  const editGraph = useCallback(
    (edit: (graph: JourneyGraph) => JourneyGraph, group?: string) => {
      if (readOnly) return;
      apply((doc) => {
        const next = edit(doc.graph);
        return next === doc.graph ? doc : { ...doc, graph: next };
      }, group);
    },
    [apply, readOnly],
  );

  const viewportCentre = useCallback(() => {
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
    const centre = pane
      ? { x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 }
      : { x: 400, y: 300 };
    const at = flow.screenToFlowPosition(centre);
    return { x: at.x - nodeWidth / 2, y: at.y - nodeHeight / 2 };
  }, [flow]);

  const addNode = useCallback(
    (type: string, position?: { x: number; y: number }) => {
      const definition = nodeDefinition(type);
      if (!definition || readOnly) return;
      const node = createNode(type, definition.defaults(), position ?? viewportCentre());
      editGraph((g) => addNodes(g, [node]));
      setSelection({ nodes: [node.id], edges: [] });
    },
    [editGraph, readOnly, setSelection, viewportCentre],
  );

  const tryConnect = useCallback(
    (source: string, sourceHandle: string, target: string) => {
      const verdict = canConnect(graph, source, sourceHandle, target);
      if (!verdict.ok) {
        // Named as on the canvas; worked out only when a connection is refused.
        const reason = formatProblem(verdict.problem, locale, nodeNamesFor(graph, locale));
        notify('error', t('editor.connectionRefused', { reason }));
        return;
      }
      editGraph((g) => connect(g, source, sourceHandle, target));
    },
    [editGraph, graph, locale, notify, t],
  );

  const isConnectable = useCallback(
    (source: string, sourceHandle: string, target: string) =>
      canConnect(graph, source, sourceHandle, target).ok,
    [graph],
  );

  const deleteSelection = useCallback(() => {
    if (readOnly || (selection.nodes.length === 0 && selection.edges.length === 0)) return;
    const result = removeElements(graph, new Set(selection.nodes), new Set(selection.edges));
    editGraph(() => result.graph);
    setSelection({ nodes: [], edges: [] });
    notify('info', t('editor.deleted', { nodes: result.removedNodes, edges: result.removedEdges }), {
      label: t('editor.undoAction'),
      run: history.undo,
    });
  }, [editGraph, graph, history.undo, notify, readOnly, selection, setSelection, t]);

  const copyText = useCallback((): string | undefined => {
    if (selection.nodes.length === 0) return undefined;
    notify('info', t('editor.copied', { nodes: selection.nodes.length }));
    return copySelection(graph, new Set(selection.nodes));
  }, [graph, notify, selection.nodes, t]);

  const pasteText = useCallback(
    (text: string) => {
      if (readOnly) return;
      const result = parsePaste(text, { isKnownType: (type) => nodeDefinition(type) !== undefined });
      if (!result.ok) {
        notify('error', t(`paste.${result.reason}`, { detail: result.detail ?? '' }));
        return;
      }
      editGraph((g) => addNodes(g, result.nodes, result.edges));
      setSelection({ nodes: result.nodes.map((node) => node.id), edges: [] });
      notify('success', t('editor.pasted', { nodes: result.nodes.length }), {
        label: t('editor.undoAction'),
        run: history.undo,
      });
    },
    [editGraph, history.undo, notify, readOnly, setSelection, t],
  );

  const move = useCallback(
    (positions: Map<string, { x: number; y: number }>) => editGraph((g) => moveNodes(g, positions)),
    [editGraph],
  );

  const setNodeConfig = useCallback(
    (nodeId: string, config: unknown, group?: string) =>
      editGraph((g) => {
        const next = updateNodeConfig(g, nodeId, config);
        const node = next.nodes.find((candidate) => candidate.id === nodeId);
        const ports = node ? outputPorts(node) : [];
        // Keep wiring while a config is mid-edit (ports unknown); prune once the exits are known.
        return ports.length > 0
          ? dropEdgesFromMissingPorts(next, nodeId, new Set(ports.map((p) => p.id)))
          : next;
      }, group ?? `config:${nodeId}`),
    [editGraph],
  );

  const setSettings = useCallback(
    (settings: Record<string, unknown>, group?: string) =>
      editGraph((g) => updateSettings(g, settings), group ?? 'settings'),
    [editGraph],
  );

  const setName = useCallback(
    (name: string) => {
      if (!readOnly) apply((doc) => ({ ...doc, name }), 'name');
    },
    [apply, readOnly],
  );

  const tidy = useCallback(() => {
    const laidOut = moveNodes(graph, autoLayout(graph, exitOrder(graph)));
    editGraph(() => laidOut);
    fitGraph(flow, laidOut, 200);
  }, [editGraph, flow, graph]);

  const fit = useCallback(() => fitGraph(flow, graph, 200), [flow, graph]);

  const focusNode = useCallback(
    (nodeId: string) => {
      const node = graph.nodes.find((candidate) => candidate.id === nodeId);
      setSelection({ nodes: [nodeId], edges: [] });
      if (node) {
        void flow.setCenter(node.position.x + nodeWidth / 2, node.position.y + nodeHeight / 2, {
          zoom: Math.max(flow.getZoom(), 0.9),
          duration: 250,
        });
      }
    },
    [flow, graph.nodes, setSelection],
  );

  const selectAll = useCallback(
    () => setSelection({ nodes: graph.nodes.map((n) => n.id), edges: graph.edges.map((e) => e.id) }),
    [graph, setSelection],
  );

  return {
    addNode,
    tryConnect,
    isConnectable,
    deleteSelection,
    copyText,
    pasteText,
    move,
    setNodeConfig,
    setSettings,
    setName,
    tidy,
    fit,
    focusNode,
    selectAll,
  };
}

export type EditorCommands = ReturnType<typeof useEditorCommands>;
