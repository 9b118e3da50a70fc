import { z } from 'zod';
import { defineNodeType, type NodeTypeDefinition } from '../../node-types/define.ts';
import { durationFields, formatDuration, notLongerThanAYear } from '../../node-types/duration.ts';
import { port } from '../../node-types/port.ts';

const configSchema = notLongerThanAYear(
  z.object({
    ...durationFields,
    /** After the wait, keep waiting until the journey's quiet hours are over. */
    untilSendWindow: z.boolean().optional(),
  }),
);
export type WaitDurationConfig = z.infer<typeof configSchema>;

/** Holds the customer for a fixed time. */
export const waitDurationNode = defineNodeType({
  type: 'wait.duration',
  category: 'wait',
  icon: 'hourglass',
  label: { en: 'Wait', 'zh-CN': '等待' },
  description: {
    en: 'Waits a number of minutes, hours or days, optionally until the next send window.',
    'zh-CN': '等待若干分钟、小时或天，可再等到下一个可发送时段。',
  },
  configSchema,
  ports: [port('out', 'Next', '下一步', true)],
  pauses: true,
  summary(config, locale) {
    const wait = `${locale === 'zh-CN' ? '等待' : 'Wait'} ${formatDuration(config, locale)}`;
    if (!config.untilSendWindow) return wait;
    return locale === 'zh-CN' ? `${wait}，并等到可发送时段` : `${wait}, then until the send window`;
  },
  defaults: () => ({ amount: 1, unit: 'days' as const }),
}) satisfies NodeTypeDefinition<'wait.duration', WaitDurationConfig>;
