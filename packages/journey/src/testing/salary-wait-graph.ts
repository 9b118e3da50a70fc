import type { JourneyGraph } from '../graph/schema.ts';

/**
 * On a salary credit, wait two days, then leave: the smallest valid journey that needs nothing
 * else to exist (no template, segment or connector), so a test can request approval for it or
 * publish it at once. `across` draws it left to right, which gives "Tidy layout" work to do.
 */
export function salaryWaitGraph(layout: 'down' | 'across' = 'down'): JourneyGraph {
  const at = (step: number) => (layout === 'down' ? { x: 0, y: step * 160 } : { x: step * 400, y: 0 });
  return {
    nodes: [
      { id: 'start', type: 'trigger.event', config: { event: 'salary_credit' }, position: at(0) },
      { id: 'pause', type: 'wait.duration', config: { amount: 2, unit: 'days' }, position: at(1) },
      { id: 'end', type: 'exit', config: { reason: 'done' }, position: at(2) },
    ],
    edges: [
      { id: 'e1', source: 'start', sourceHandle: 'out', target: 'pause' },
      { id: 'e2', source: 'pause', sourceHandle: 'out', target: 'end' },
    ],
    settings: {},
  };
}
