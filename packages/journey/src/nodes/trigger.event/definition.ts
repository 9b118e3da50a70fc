import { describeCondition, eventConditionSchema } from '@waymark/conditions';
import { z } from 'zod';
import { eventName } from '../../graph/fields.ts';
import { defineNodeType, type NodeTypeDefinition } from '../../node-types/define.ts';
import { port } from '../../node-types/port.ts';

const configSchema = z.object({
  /** The event that enrolls the customer it happened to. */
  event: eventName,
  /** Only events whose properties match enroll (e.g. `amount ≥ 50000`). */
  condition: eventConditionSchema.optional(),
});
export type TriggerEventConfig = z.infer<typeof configSchema>;

/** A real-time moment (MOT): a large deposit, a salary credit, a maturing deposit. */
export const triggerEventNode = defineNodeType({
  type: 'trigger.event',
  category: 'trigger',
  icon: 'zap',
  label: { en: 'Event trigger', 'zh-CN': '事件触发' },
  description: {
    en: 'Enrolls a customer the moment an event happens to them, such as a large deposit.',
    'zh-CN': '客户发生某个事件（如大额入账）时立即进入旅程。',
  },
  configSchema,
  ports: [port('out', 'Next', '下一步', true)],
  pauses: false,
  summary(config, locale) {
    const when = locale === 'zh-CN' ? `发生 ${config.event} 时` : `When ${config.event} happens`;
    if (!config.condition) return when;
    const condition = describeCondition(config.condition, locale);
    return locale === 'zh-CN' ? `${when}（${condition}）` : `${when} (${condition})`;
  },
  defaults: () => ({ event: '' }),
}) satisfies NodeTypeDefinition<'trigger.event', TriggerEventConfig>;
