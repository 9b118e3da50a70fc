import type { JourneyEdge } from '../graph/schema.ts';
import { makeProblem, type Problem } from '../problems/problem.ts';
import type { CheckedNode } from './check-nodes.ts';

/**
 * Strongly connected components of a directed graph (Tarjan's algorithm, iterative so a long
 * chain cannot overflow the stack). Only components that contain a cycle are returned.
 */
export function cyclicComponents(
  ids: readonly string[],
  next: ReadonlyMap<string, readonly string[]>,
): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: { id: string; child: number }[] = [{ id: root, child: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const children = next.get(frame.id) ?? [];
      if (frame.child < children.length) {
        const child = children[frame.child++]!;
        if (!index.has(child)) {
          index.set(child, counter);
          low.set(child, counter++);
          stack.push(child);
          onStack.add(child);
          work.push({ id: child, child: 0 });
        } else if (onStack.has(child)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(child)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) !== index.get(frame.id)) continue;
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.id);
      const selfLoop = component.length === 1 && (next.get(frame.id) ?? []).includes(frame.id);
      if (component.length > 1 || selfLoop) components.push(component);
    }
  }
  return components;
}

/** One concrete loop through `start` inside `members`, as ids ending where it began. */
function loopThrough(
  start: string,
  members: ReadonlySet<string>,
  next: ReadonlyMap<string, readonly string[]>,
): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const target of next.get(id) ?? []) {
      if (!members.has(target)) continue;
      if (target === start) {
        // Walk back from the closing node; `start` has no predecessor, so the walk ends on it.
        const path = [id];
        for (let step = cameFrom.get(id); step !== undefined; step = cameFrom.get(step)) path.unshift(step);
        return id === start ? [start, start] : [...path, start];
      }
      if (cameFrom.has(target)) continue;
      cameFrom.set(target, id);
      queue.push(target);
    }
  }
  return [start, start];
}

/**
 * A loop must pass through a node that takes time (a wait), or a customer would go round it
 * forever within one step job. Removing pausing nodes leaves exactly the loops without one.
 */
export function checkCycles(
  byId: ReadonlyMap<string, CheckedNode>,
  edges: readonly JourneyEdge[],
): Problem[] {
  const instant = new Set(
    [...byId.values()].filter(({ analysis }) => !analysis.pauses).map(({ node }) => node.id),
  );
  const next = new Map<string, string[]>();
  for (const edge of edges) {
    if (!instant.has(edge.source) || !instant.has(edge.target)) continue;
    next.set(edge.source, [...(next.get(edge.source) ?? []), edge.target]);
  }
  const order = [...instant];
  return cyclicComponents(order, next).map((component) => {
    const members = new Set(component);
    const start = order.find((id) => members.has(id))!;
    const nodes = loopThrough(start, members, next);
    const nodeType = byId.get(start)!.node.type;
    return makeProblem('graph.cycle-without-wait', { nodes, nodeType }, { nodeId: start });
  });
}
