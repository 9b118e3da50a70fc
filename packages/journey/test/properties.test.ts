import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ProblemCode, problemCodes, validate } from '../src/index.ts';
import { arbitraryValidJourney } from '../src/testing/index.ts';
import { injectors } from './support/defects.ts';
import { baseGraph, context } from './support/fixtures.ts';

const runs = { numRuns: 300 };

/** Replaces one value somewhere inside a JSON tree with `replacement`. */
function mutateAt(value: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') return replacement;
  const entries = Object.entries(value);
  if (entries.length === 0) return replacement;
  const [head, ...rest] = path;
  const index = (head ?? 0) % entries.length;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...value };
  const [key, child] = entries[index]!;
  (copy as Record<string, unknown>)[key] = mutateAt(child, rest, replacement);
  return copy;
}

describe('validate on arbitrary input', () => {
  it('never throws and only reports catalogued problems, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc.anything({ withNullPrototype: true, withMap: true, withSet: true, withBigInt: true }),
        (input) => {
          const problems = validate(input, context);
          for (const problem of problems) expect(problemCodes).toContain(problem.code);
          expect(problems.map((problem) => problem.code)).not.toContain('graph.validation-failed');
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('never throws on graphs with one value replaced by anything', () => {
    fc.assert(
      fc.property(
        arbitraryValidJourney({ maxSteps: 8 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.anything(),
        ({ graph, context: world }, path, replacement) => {
          const problems = validate(mutateAt(graph, path, replacement), world);
          expect(problems.map((problem) => problem.code)).not.toContain('graph.validation-failed');
        },
      ),
      runs,
    );
  });

  it('never throws on a deeply nested condition', () => {
    let condition: unknown = { type: 'tag', op: 'has', tag: 'vip' };
    for (let depth = 0; depth < 20_000; depth++) condition = { type: 'not', condition };
    const graph = baseGraph();
    graph.nodes[1]!.config = { condition };
    const problems = validate(graph, context);
    expect(problems).toContainEqual(expect.objectContaining({ code: 'node.invalid-config', nodeId: 'f' }));
  });
});

describe('generated valid journeys', () => {
  it('pass with zero problems', () => {
    fc.assert(
      fc.property(arbitraryValidJourney(), ({ graph, context: world }) => {
        expect(validate(graph, world)).toEqual([]);
      }),
      runs,
    );
  });

  const injected = Object.entries(injectors) as [ProblemCode, NonNullable<(typeof injectors)[ProblemCode]>][];

  it('cover every problem code a planner can cause', () => {
    const covered = injected.map(([code]) => code).sort();
    expect(covered).toEqual(problemCodes.filter((code) => code !== 'graph.validation-failed'));
  });

  for (const [code, inject] of injected) {
    it(`report ${code} when that defect is injected`, () => {
      fc.assert(
        fc.property(
          arbitraryValidJourney({ maxSteps: 8 }),
          fc.infiniteStream(fc.nat()),
          (journey, choices) => {
            const stream = choices[Symbol.iterator]();
            const pick = (n: number) => (stream.next().value as number) % n;
            const defect = inject(journey, pick);
            const problems = validate(defect.graph, defect.context);
            const matching = problems.filter((problem) => problem.code === code);
            expect(matching.length, JSON.stringify(problems)).toBeGreaterThan(0);
            if (defect.nodeIds) {
              expect(matching.some((problem) => defect.nodeIds!.includes(problem.nodeId!))).toBe(true);
            }
          },
        ),
        { numRuns: 100 },
      );
    });
  }
});
