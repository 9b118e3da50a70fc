import { describeCondition, eventConditionSchema } from '@waymark/conditions';
import { z } from 'zod';
import { eventName } from '../../graph/fields.ts';
import { defineNodeType, type NodeTypeDefinition } from '../../node-types/define.ts';
import { durationSchema, formatDuration } from '../../node-types/duration.ts';
import { port } from '../../node-types/port.ts';

const configSchema = z.object({
  event: eventName,
  /** Only events whose properties match count (e.g. `product = wealth`). */
  condition: eventConditionSchema.optional(),
  /** How long to wait before leaving through "timeout". */
  timeout: durationSchema,
});
export type WaitEventConfig = z.infer<typeof configSchema>;

/** Waits for the customer to do something, or gives up after a timeout: whichever comes first. */
export const waitEventNode = defineNodeType({
  type: 'wait.event',
  category: 'wait',
  icon: 'bell-ring',
  label: { en: 'Wait for event', 'zh-CN': '等待事件' },
  description: {
    en: 'Waits for an event such as a purchase; continues on “timeout” if it does not happen in time.',
    'zh-CN': '等待客户发生某个事件（如购买），超时未发生则走“超时”分支。',
  },
  configSchema,
  ports: [port('matched', 'Happened', '已发生', true), port('timeout', 'Timeout', '超时', false)],
  pauses: true,
  summary(config, locale) {
    const zh = locale === 'zh-CN';
    const within = formatDuration(config.timeout, locale);
    const condition = config.condition ? describeCondition(config.condition, locale) : undefined;
    const event = condition
      ? zh
        ? `${config.event}（${condition}）`
        : `${config.event} (${condition})`
      : config.event;
    return zh ? `最多等待 ${within}：${event}` : `Wait up to ${within} for ${event}`;
  },
  defaults: () => ({ event: '', timeout: { amount: 7, unit: 'days' as const } }),
}) satisfies NodeTypeDefinition<'wait.event', WaitEventConfig>;
