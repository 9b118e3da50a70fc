import { z } from 'zod';
import { defineNodeType, type NodeTypeDefinition } from '../../node-types/define.ts';
import { port } from '../../node-types/port.ts';

const configSchema = z.object({
  kind: z.enum(['call', 'visit']),
  /** Hours the relationship manager has before the task expires. */
  slaHours: z.number().int().min(1).max(720),
  /** Talking points shown with the task (Handlebars, rendered with the customer's profile). */
  script: z.string().max(4000),
});
export type RmTaskConfig = z.infer<typeof configSchema>;

/** Hands the customer to their relationship manager (客户经理) and continues with the recorded outcome. */
export const rmTaskNode = defineNodeType({
  type: 'rm.task',
  category: 'action',
  icon: 'phone-call',
  label: { en: 'RM task', 'zh-CN': '客户经理任务' },
  description: {
    en: 'Assigns a call or visit to the customer’s relationship manager and continues with the outcome.',
    'zh-CN': '给客户的客户经理派发电话或拜访任务，并按结果继续。',
  },
  configSchema,
  ports: [
    port('converted', 'Converted', '已转化', true),
    port('not-interested', 'Not interested', '无意向', false),
    port('expired', 'Expired', '已超时', false),
  ],
  // The customer stays here until the manager records an outcome or the SLA runs out.
  pauses: true,
  summary(config, locale) {
    if (locale === 'zh-CN')
      return `${config.kind === 'call' ? '电话' : '拜访'}任务 · 时限 ${config.slaHours} 小时`;
    return `${config.kind === 'call' ? 'Call' : 'Visit'} task · SLA ${config.slaHours} h`;
  },
  defaults: () => ({ kind: 'call' as const, slaHours: 48, script: '' }),
}) satisfies NodeTypeDefinition<'rm.task', RmTaskConfig>;
