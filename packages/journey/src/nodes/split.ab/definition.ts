import { z } from 'zod';
import { defineNodeType, type NodeTypeDefinition, type PortSpec } from '../../node-types/define.ts';
import { port } from '../../node-types/port.ts';

/** The port (and A/B path value) of customers held back from any message. */
export const controlPortId = 'control';

const variantId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,32}$/, 'format.variant-id')
  .refine((id) => id !== controlPortId, 'format.reserved-variant-id');

const variantSchema = z.object({
  id: variantId,
  label: z.string().min(1).max(40),
  /** Share of entering customers in percent; weights and the control group add up to 100. */
  weight: z.number().int().min(0).max(100),
});

const configSchema = z.object({
  variants: z
    .array(variantSchema)
    .min(1)
    .max(10)
    .refine(
      (variants) => new Set(variants.map((variant) => variant.id)).size === variants.length,
      'format.duplicate-ids',
    ),
  /** A hold-out group that receives no message, to measure lift. */
  control: z.object({ weight: z.number().int().min(0).max(100) }).optional(),
  /**
   * `fixed` keeps the weights; `auto-winner` sends everyone to the best variant once it is
   * significant; `bandit` keeps shifting weight towards the variants that convert.
   */
  mode: z.enum(['fixed', 'auto-winner', 'bandit']),
});
export type SplitAbConfig = z.infer<typeof configSchema>;

/** Sum of all weights, control group included. */
export function totalWeight(config: SplitAbConfig): number {
  return config.variants.reduce((sum, variant) => sum + variant.weight, config.control?.weight ?? 0);
}

/** Randomly (but stably per customer) divides traffic between variants and an optional control group. */
export const splitAbNode = defineNodeType({
  type: 'split.ab',
  category: 'logic',
  icon: 'split',
  label: { en: 'A/B split', 'zh-CN': 'A/B 分流' },
  description: {
    en: 'Divides customers between variants by weight, with an optional control group that gets no message.',
    'zh-CN': '按权重把客户分到各个方案，可设置不发送任何消息的对照组。',
  },
  configSchema,
  ports(config) {
    const variants: PortSpec[] = config.variants.map((variant) => ({
      id: variant.id,
      label: { en: variant.label, 'zh-CN': variant.label },
      required: true,
    }));
    // Control customers usually just wait for the goal, so leaving the port unwired is fine.
    return config.control ? [...variants, port(controlPortId, 'Control', '对照组', false)] : variants;
  },
  pauses: false,
  summary(config, locale) {
    const parts = config.variants.map((variant) => `${variant.label} ${variant.weight}%`);
    if (config.control) parts.push(`${locale === 'zh-CN' ? '对照组' : 'Control'} ${config.control.weight}%`);
    return parts.join(' · ');
  },
  defaults: () => ({
    variants: [
      { id: 'A', label: 'A', weight: 50 },
      { id: 'B', label: 'B', weight: 50 },
    ],
    mode: 'fixed' as const,
  }),
  validate(config) {
    const total = totalWeight(config);
    if (total === 100) return [];
    return [{ code: 'split.weights-sum', path: ['variants'], params: { total } }];
  },
  problems: {
    'split.weights-sum': {
      en: 'The weights of {node} add up to {total}%, but must add up to 100% (control group included).',
      'zh-CN': '{node}的权重合计为 {total}%，加上对照组必须正好为 100%。',
    },
  },
}) satisfies NodeTypeDefinition<'split.ab', SplitAbConfig, 'split.weights-sum'>;
