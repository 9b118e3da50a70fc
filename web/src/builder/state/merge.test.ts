import { describe, expect, it } from 'vitest';
import type { JourneyGraph } from '../graph-types.ts';
import { type LocalDraft, readLocalDraft, reconcile, writeLocalDraft } from './local-draft.ts';
import { mergeGraphs } from './merge.ts';

const node = (id: string, config: unknown = {}, x = 0) => ({
  id,
  type: 'exit',
  config,
  position: { x, y: 0 },
});
const base: JourneyGraph = {
  nodes: [node('a'), node('b', { reason: 'done' })],
  edges: [{ id: 'e1', source: 'a', sourceHandle: 'out', target: 'b' }],
  settings: { timeZone: 'Asia/Shanghai' },
};

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
    map,
  };
}

describe('three-way merge of drafts', () => {
  it('keeps both sides when they changed different things', () => {
    const mine = { ...base, nodes: [...base.nodes, node('c')] };
    const theirs = { ...base, settings: { timeZone: 'Asia/Hong_Kong' } };
    const result = mergeGraphs(base, mine, theirs);
    expect(result.conflicts).toEqual([]);
    expect(result.graph.nodes.map((n) => n.id)).toEqual(['a', 'b', 'c']);
    expect(result.graph.settings.timeZone).toBe('Asia/Hong_Kong');
  });

  it('reports a conflict when both changed the same node, keeping mine', () => {
    const mine = { ...base, nodes: [node('a'), node('b', { reason: 'mine' })] };
    const theirs = { ...base, nodes: [node('a'), node('b', { reason: 'theirs' })] };
    const result = mergeGraphs(base, mine, theirs);
    expect(result.conflicts).toEqual([{ kind: 'node', id: 'b' }]);
    expect(result.graph.nodes[1]?.config).toEqual({ reason: 'mine' });
  });

  it('takes their move of a node I did not touch, and never calls a move a conflict', () => {
    const mine = { ...base, nodes: [node('a', {}, 5), node('b', { reason: 'done' })] };
    const theirs = { ...base, nodes: [node('a', {}, 9), node('b', { reason: 'done' }, 300)] };
    const result = mergeGraphs(base, mine, theirs);
    expect(result.conflicts).toEqual([]);
    expect(result.graph.nodes.map((n) => n.position.x)).toEqual([5, 300]);
  });

  it('drops my edge to a node they deleted', () => {
    const mine = {
      ...base,
      edges: [...base.edges, { id: 'e2', source: 'b', sourceHandle: 'out', target: 'a' }],
    };
    const theirs = { ...base, nodes: [node('a')], edges: [] };
    const result = mergeGraphs(base, mine, theirs);
    expect(result.graph.nodes.map((n) => n.id)).toEqual(['a']);
    expect(result.graph.edges).toEqual([]);
  });
});

describe('reconciling local work with the server on open', () => {
  const draft = (over: Partial<LocalDraft>): LocalDraft => ({
    journeyId: 'j1',
    baseRevision: 3,
    baseGraph: base,
    graph: base,
    name: 'Mine',
    savedAt: 0,
    ...over,
  });
  const changed = { ...base, nodes: [...base.nodes, node('c')] };

  it('uses the server when nothing was kept locally or the copy matches', () => {
    expect(reconcile({ revision: 3, graph: base, name: 'x' }, undefined).kind).toBe('server');
    expect(reconcile({ revision: 4, graph: changed, name: 'x' }, draft({ graph: changed })).kind).toBe(
      'server',
    );
  });

  it('restores unsaved work made on the current revision', () => {
    const result = reconcile({ revision: 3, graph: base, name: 'x' }, draft({ graph: changed }));
    expect(result).toMatchObject({ kind: 'restore', baseRevision: 3, name: 'Mine' });
  });

  it('merges unsaved work onto a newer revision when the changes do not overlap', () => {
    const theirs = { ...base, settings: { timeZone: 'UTC' } };
    const result = reconcile({ revision: 5, graph: theirs, name: 'x' }, draft({ graph: changed }));
    expect(result.kind).toBe('merged');
    if (result.kind === 'merged') {
      expect(result.baseRevision).toBe(5);
      expect(result.graph.nodes).toHaveLength(3);
      expect(result.graph.settings.timeZone).toBe('UTC');
    }
  });

  it('asks the planner when the same node changed on both sides', () => {
    const mine = { ...base, nodes: [node('a'), node('b', { reason: 'mine' })] };
    const theirs = { ...base, nodes: [node('a'), node('b', { reason: 'theirs' })] };
    const result = reconcile({ revision: 5, graph: theirs, name: 'x' }, draft({ graph: mine }));
    expect(result.kind).toBe('conflict');
  });

  it('stores and reads back a draft, and ignores a corrupt one', () => {
    const storage = memoryStorage();
    writeLocalDraft(storage, draft({ graph: changed }));
    expect(readLocalDraft(storage, 'j1')?.graph.nodes).toHaveLength(3);
    storage.map.set('waymark.draft.j1', '{"journeyId":"j1","graph":');
    expect(readLocalDraft(storage, 'j1')).toBeUndefined();
  });

  it('reports a full storage instead of throwing', () => {
    const full = {
      ...memoryStorage(),
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(writeLocalDraft(full, draft({}))).toBe(false);
  });
});
