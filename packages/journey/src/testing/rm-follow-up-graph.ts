import type { JourneyGraph } from '../graph/schema.ts';

/**
 * The journey RM-task tests run: a large deposit (`deposit`) hands the customer to their
 * relationship manager for a 48-hour call (`call`, talking points `script`), then one exit per
 * outcome: `won` (converted), `lost` (not interested), `late` (expired), with reasons
 * `rm converted`, `rm not interested`, `rm expired`. Valid as drawn, so it can be published.
 */
export function rmFollowUpGraph(script: string): JourneyGraph {
  return {
    nodes: [
      { id: 'deposit', type: 'trigger.event', config: { event: 'large_deposit' }, position: { x: 0, y: 0 } },
      {
        id: 'call',
        type: 'rm.task',
        config: { kind: 'call', slaHours: 48, script },
        position: { x: 0, y: 120 },
      },
      { id: 'won', type: 'exit', config: { reason: 'rm converted' }, position: { x: -200, y: 240 } },
      { id: 'lost', type: 'exit', config: { reason: 'rm not interested' }, position: { x: 0, y: 240 } },
      { id: 'late', type: 'exit', config: { reason: 'rm expired' }, position: { x: 200, y: 240 } },
    ],
    edges: [
      { id: 'e1', source: 'deposit', sourceHandle: 'out', target: 'call' },
      { id: 'e2', source: 'call', sourceHandle: 'converted', target: 'won' },
      { id: 'e3', source: 'call', sourceHandle: 'not-interested', target: 'lost' },
      { id: 'e4', source: 'call', sourceHandle: 'expired', target: 'late' },
    ],
    settings: {},
  };
}
