import type { SplitAbConfig } from '../nodes/split.ab/definition.ts';

type Variant = SplitAbConfig['variants'][number];

/**
 * An A/B split node as tests write it: variants A and B at 50/50 with fixed weights unless told
 * otherwise, and a control group when `control` gives its weight.
 */
export function abSplitNode(
  id = 'ab',
  options: { variants?: Variant[]; control?: number; mode?: SplitAbConfig['mode'] } = {},
): { id: string; type: 'split.ab'; config: SplitAbConfig } {
  const variants = options.variants ?? [
    { id: 'A', label: 'A', weight: 50 },
    { id: 'B', label: 'B', weight: 50 },
  ];
  return {
    id,
    type: 'split.ab',
    config: {
      variants,
      ...(options.control === undefined ? {} : { control: { weight: options.control } }),
      mode: options.mode ?? 'fixed',
    },
  };
}
