import { z } from 'zod';
import { attributeName, timeOfDay } from '../../graph/fields.ts';
import { defineNodeType, type NodeTypeDefinition } from '../../node-types/define.ts';
import { port } from '../../node-types/port.ts';

const configSchema = z.discriminatedUnion('kind', [
  /** A fixed moment, such as the start of a campaign. */
  z.object({ kind: z.literal('date'), at: z.iso.datetime({ offset: true, error: 'format.date-time' }) }),
  /** The next occurrence of a local time (journey time zone), optionally only on some weekdays (1 = Monday). */
  z.object({
    kind: z.literal('timeOfDay'),
    time: timeOfDay,
    weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7).optional(),
  }),
  /** A date held in the profile, shifted by whole days: "3 days before `deposit_maturity_date`". */
  z.object({
    kind: z.literal('attribute'),
    attribute: attributeName,
    offsetDays: z.number().int().min(-366).max(366),
    time: timeOfDay.optional(),
  }),
]);
export type WaitUntilConfig = z.infer<typeof configSchema>;

type WaitUntilCode = 'wait.date-past';

function describeOffset(attribute: string, offsetDays: number, zh: boolean): string {
  if (offsetDays === 0) return zh ? `${attribute} 当天` : `the day of ${attribute}`;
  const days = Math.abs(offsetDays);
  if (zh) return `${attribute} ${offsetDays < 0 ? '前' : '后'} ${days} 天`;
  return `${days} day${days === 1 ? '' : 's'} ${offsetDays < 0 ? 'before' : 'after'} ${attribute}`;
}

/** Holds the customer until a moment: a date, a time of day, or a date in their profile. */
export const waitUntilNode = defineNodeType({
  type: 'wait.until',
  category: 'wait',
  icon: 'calendar-clock',
  label: { en: 'Wait until', 'zh-CN': '等待至' },
  description: {
    en: 'Waits until a date, the next time of day, or a date in the customer’s profile.',
    'zh-CN': '等待到指定日期、下一个时间点，或客户资料中的某个日期。',
  },
  configSchema,
  ports: [port('out', 'Next', '下一步', true)],
  // Only "next time of day" always lies in the future; a date may already have passed, and a loop
  // through it would spin.
  pauses: (config) => config.kind === 'timeOfDay',
  summary(config, locale) {
    const zh = locale === 'zh-CN';
    switch (config.kind) {
      case 'date':
        return zh ? `等待至 ${config.at}` : `Wait until ${config.at}`;
      case 'timeOfDay':
        return zh ? `等待至下一个 ${config.time}` : `Wait until the next ${config.time}`;
      case 'attribute': {
        const day = describeOffset(config.attribute, config.offsetDays, zh);
        const at = config.time ? ` ${config.time}` : '';
        return zh ? `等待至 ${day}${at}` : `Wait until ${day}${at}`;
      }
    }
  },
  defaults: () => ({ kind: 'timeOfDay' as const, time: '09:00' }),
  validate(config, context) {
    if (config.kind !== 'date' || !context.now) return [];
    if (Date.parse(config.at) > context.now.getTime()) return [];
    return [{ code: 'wait.date-past', path: ['at'], params: { at: config.at } }];
  },
  problems: {
    'wait.date-past': {
      en: '{node} is set to {at}, which has already passed.',
      'zh-CN': '{node}设置的时间 {at} 已经过去。',
    },
  },
}) satisfies NodeTypeDefinition<'wait.until', WaitUntilConfig, WaitUntilCode>;
