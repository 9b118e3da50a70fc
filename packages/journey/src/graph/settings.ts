import { conditionSchema } from '@waymark/conditions';
import { z } from 'zod';
import { eventName, timeOfDay, timeZoneSchema } from './fields.ts';

/** Where a journey's local times (quiet hours, daily schedules, "next 09:30") are read. */
export const defaultTimeZone = 'Asia/Shanghai';

/** What counts as success for the journey: the event, and how long after entry it counts. */
export const goalSchema = z.object({
  event: eventName,
  /** On the goal event's properties and the customer (e.g. `amount ≥ 10000`). */
  condition: conditionSchema.optional(),
  windowDays: z.number().int().min(1).max(365),
  /** Business value of one conversion in CNY, for ROI reports. */
  value: z.number().min(0).max(1e12).optional(),
});
export type JourneyGoal = z.infer<typeof goalSchema>;

/** When a customer who has been through the journey may enter it again. */
export const reEntrySchema = z.discriminatedUnion('policy', [
  z.object({ policy: z.literal('once') }),
  z.object({ policy: z.literal('afterDays'), days: z.number().int().min(1).max(3650) }),
  z.object({ policy: z.literal('always') }),
]);
export type ReEntryPolicy = z.infer<typeof reEntrySchema>;

export const settingsSchema = z.object({
  goal: goalSchema.optional(),
  reEntry: reEntrySchema.default({ policy: 'once' }),
  /** Stop the journey for a customer as soon as they convert. */
  exitOnGoal: z.boolean().default(false),
  /** Caps on how many customers may enter, to bound a campaign's cost. */
  entryLimit: z
    .object({
      total: z.number().int().min(1).optional(),
      perDay: z.number().int().min(1).optional(),
    })
    .optional(),
  /** No message leaves in this local window; it may wrap midnight (21:00–08:00). */
  quietHours: z.object({ start: timeOfDay, end: timeOfDay }).optional(),
  /** At most `maxMessages` messages from this journey per customer in any `perDays` days. */
  frequencyCap: z
    .object({
      maxMessages: z.number().int().min(1).max(1000),
      perDays: z.number().int().min(1).max(365),
    })
    .optional(),
  timeZone: timeZoneSchema.default(defaultTimeZone),
});

/** Journey settings with defaults applied (re-entry once, no goal exit, Asia/Shanghai). */
export type JourneySettings = z.output<typeof settingsSchema>;
/** Journey settings as stored or sent: every field with a default may be left out. */
export type JourneySettingsInput = z.input<typeof settingsSchema>;
