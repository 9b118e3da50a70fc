import { z } from 'zod';
import { defineNodeType, type NodeTypeDefinition } from '../../node-types/define.ts';

const configSchema = z.object({
  /** Recorded on the enrollment, so reports can say why customers left ("converted", "opted out"). */
  reason: z.string().max(200),
});
export type ExitConfig = z.infer<typeof configSchema>;

/** Ends the journey for the customer. */
export const exitNode = defineNodeType({
  type: 'exit',
  category: 'logic',
  icon: 'log-out',
  label: { en: 'Exit', 'zh-CN': '结束' },
  description: {
    en: 'Ends the journey for the customer and records why.',
    'zh-CN': '客户在此结束旅程，并记录原因。',
  },
  configSchema,
  ports: [],
  pauses: false,
  summary(config, locale) {
    const reason = config.reason.trim();
    if (locale === 'zh-CN') return reason ? `结束：${reason}` : '结束';
    return reason ? `Exit: ${reason}` : 'Exit';
  },
  defaults: () => ({ reason: '' }),
}) satisfies NodeTypeDefinition<'exit', ExitConfig>;
