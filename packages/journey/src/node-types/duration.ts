import { z } from 'zod';
import type { Locale } from '../i18n/locale.ts';

export const durationUnits = ['minutes', 'hours', 'days'] as const;
export type DurationUnit = (typeof durationUnits)[number];

const minutesPer: Record<DurationUnit, number> = { minutes: 1, hours: 60, days: 1440 };

/** Longest wait a journey may hold a customer for in one node: a year. */
export const maxDurationMinutes = 366 * 1440;

/** The fields of a duration, for configs that hold them at the top level. */
export const durationFields = {
  amount: z.number().int().min(1).max(maxDurationMinutes),
  unit: z.enum(durationUnits),
};
export type Duration = { amount: number; unit: DurationUnit };

/** Rejects durations over a year; chain it after an object that holds {@link durationFields}. */
export function notLongerThanAYear<T extends Duration>(schema: z.ZodType<T>): z.ZodType<T> {
  return schema.refine((duration) => durationMinutes(duration) <= maxDurationMinutes, {
    message: 'format.duration-too-long',
    path: ['amount'],
  });
}

/** An amount of minutes, hours or days, at least one minute and at most a year. */
export const durationSchema = notLongerThanAYear(z.object(durationFields));

/** The duration in minutes (what the engine adds to "now"). */
export function durationMinutes(duration: Duration): number {
  return duration.amount * minutesPer[duration.unit];
}

const unitWords: Record<DurationUnit, { one: string; many: string; zh: string }> = {
  minutes: { one: 'minute', many: 'minutes', zh: '分钟' },
  hours: { one: 'hour', many: 'hours', zh: '小时' },
  days: { one: 'day', many: 'days', zh: '天' },
};

/** "3 days" / "3 天". */
export function formatDuration(duration: Duration, locale: Locale): string {
  const words = unitWords[duration.unit];
  if (locale === 'zh-CN') return `${duration.amount} ${words.zh}`;
  return `${duration.amount} ${duration.amount === 1 ? words.one : words.many}`;
}
