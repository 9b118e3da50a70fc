import type { ReactFlowInstance } from '@xyflow/react';
import type { JourneyGraph } from '../graph-types.ts';
import { graphBounds } from './layout.ts';

/** Never zoom in past 100% to fit: a small journey should look normal, not blown up. */
const maxFitZoom = 1;
const minZoom = 0.1;
const padding = 0.1;

/**
 * Centres the journey and zooms so all of it is in view (at most 100%), from the graph's own
 * positions, so it works before the canvas has drawn or measured any node.
 */
export function fitGraph(
  flow: Pick<ReactFlowInstance, 'setCenter'>,
  graph: JourneyGraph,
  duration = 0,
): void {
  const bounds = graphBounds(graph);
  const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
  if (!bounds || !pane || pane.width === 0 || pane.height === 0) return;
  const zoom = Math.max(
    minZoom,
    Math.min(
      maxFitZoom,
      pane.width / (bounds.width * (1 + padding)),
      pane.height / (bounds.height * (1 + padding)),
    ),
  );
  void flow.setCenter(bounds.x + bounds.width / 2, bounds.y + bounds.height / 2, { zoom, duration });
}
