import fc from 'fast-check';
import type { Condition, EventCondition } from './schema.ts';

/**
 * Trees of `leaf` joined by all / any / not, at most `maxDepth` groups deep. `minChildren: 0`
 * also yields empty groups (always true / never true), which decide nothing about data.
 */
export function conditionTree<C extends Condition | EventCondition>(
  leaf: fc.Arbitrary<C>,
  { maxDepth, minChildren }: { maxDepth: number; minChildren: 0 | 1 },
): fc.Arbitrary<C> {
  const group = (type: 'all' | 'any', children: fc.Arbitrary<C>) =>
    fc
      .array(children, { minLength: minChildren, maxLength: 3 })
      .map((conditions) => ({ type, conditions }) as unknown as C);
  const { node } = fc.letrec<{ node: C }>((tie) => ({
    node: fc.oneof(
      { maxDepth, depthSize: 'small', withCrossShrink: true },
      { arbitrary: leaf, weight: 5 },
      { arbitrary: group('all', tie('node')), weight: 2 },
      { arbitrary: group('any', tie('node')), weight: 2 },
      { arbitrary: tie('node').map((condition) => ({ type: 'not', condition }) as unknown as C), weight: 1 },
    ),
  }));
  return node;
}
