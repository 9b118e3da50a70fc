import { z } from 'zod';
import { referenceId, timeOfDay } from '../../graph/fields.ts';
import { defineNodeType, type NodeTypeDefinition } from '../../node-types/define.ts';
import { port } from '../../node-types/port.ts';

/** ISO weekday numbers: 1 = Monday … 7 = Sunday. */
const weekday = z.number().int().min(1).max(7);

const scheduleSchema = z.discriminatedUnion('kind', [
  /** Members enter once, when the journey goes live (or at `at`, when given). */
  z.object({
    kind: z.literal('once'),
    at: z.iso.datetime({ offset: true, error: 'format.date-time' }).optional(),
  }),
  /** Members not yet enrolled enter every day at `time` (the journey's time zone). */
  z.object({ kind: z.literal('daily'), time: timeOfDay }),
  z.object({
    kind: z.literal('weekly'),
    weekdays: z.array(weekday).min(1).max(7),
    time: timeOfDay,
  }),
]);

const configSchema = z.object({
  segmentId: referenceId,
  schedule: scheduleSchema,
});
export type TriggerSegmentConfig = z.infer<typeof configSchema>;

const weekdayNames = {
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  'zh-CN': ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
} as const;

/** Everyone in a saved audience (客群), once or on a schedule. */
export const triggerSegmentNode = defineNodeType({
  type: 'trigger.segment',
  category: 'trigger',
  icon: 'users',
  label: { en: 'Segment trigger', 'zh-CN': '客群触发' },
  description: {
    en: 'Enrolls the members of a segment, once or on a daily or weekly schedule.',
    'zh-CN': '让客群中的客户进入旅程，可一次性或按每日、每周计划执行。',
  },
  configSchema,
  ports: [port('out', 'Next', '下一步', true)],
  pauses: false,
  summary({ schedule }, locale) {
    const zh = locale === 'zh-CN';
    switch (schedule.kind) {
      case 'once':
        return zh ? '客群成员 · 一次性' : 'Segment members · once';
      case 'daily':
        return zh ? `客群成员 · 每天 ${schedule.time}` : `Segment members · daily at ${schedule.time}`;
      case 'weekly': {
        const days = schedule.weekdays.map((day) => weekdayNames[locale][day - 1]).join(zh ? '、' : ', ');
        return zh ? `客群成员 · 每${days} ${schedule.time}` : `Segment members · ${days} at ${schedule.time}`;
      }
    }
  },
  defaults: () => ({ segmentId: '', schedule: { kind: 'once' as const } }),
  validate(config, context) {
    if (context.segmentExists(config.segmentId)) return [];
    return [{ code: 'ref.segment-missing', path: ['segmentId'], params: { segmentId: config.segmentId } }];
  },
}) satisfies NodeTypeDefinition<'trigger.segment', TriggerSegmentConfig>;
