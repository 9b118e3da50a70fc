import { conditionSchema, describeCondition } from '@waymark/conditions';
import { z } from 'zod';
import { defineNodeType, type NodeTypeDefinition } from '../../node-types/define.ts';
import { port } from '../../node-types/port.ts';

const configSchema = z.object({
  /** Judged on the customer's profile, tags, event history and the triggering event. */
  condition: conditionSchema,
});
export type FilterConfig = z.infer<typeof configSchema>;

/** Sends customers down "yes" or "no" by a condition. */
export const filterNode = defineNodeType({
  type: 'filter',
  category: 'logic',
  icon: 'filter',
  label: { en: 'Filter', 'zh-CN': '条件筛选' },
  description: {
    en: 'Checks a condition on the customer and continues on "yes" or "no".',
    'zh-CN': '判断客户是否满足条件，分别走“是”或“否”分支。',
  },
  configSchema,
  // An unwired "no" is the usual way to drop non-matching customers, so only "yes" is required.
  ports: [port('yes', 'Yes', '是', true), port('no', 'No', '否', false)],
  pauses: false,
  summary: (config, locale) => describeCondition(config.condition, locale),
  defaults: () => ({ condition: { type: 'all' as const, conditions: [] } }),
}) satisfies NodeTypeDefinition<'filter', FilterConfig>;
