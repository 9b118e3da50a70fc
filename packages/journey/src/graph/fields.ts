import { z } from 'zod';
import type { LocalizedText } from '../i18n/locale.ts';

/**
 * Field schemas shared by node configs and settings, so the same rule (what an event name may
 * hold, what a time of day looks like) is written once. Custom messages are reason keys of
 * `problems/reasons.ts`, so a failed check reads well in every locale.
 */

/** Event names match the names the event API accepts (`large_deposit`, `card.txn`). */
export const eventName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'format.event-name');

/** A profile attribute name, with the same alphabet as the condition language's field names. */
export const attributeName = eventName;

/** A local wall-clock time, `HH:MM` on the 24-hour clock. */
export const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'format.time-of-day');

/** Minutes since midnight of an `HH:MM` string already checked by {@link timeOfDay}. */
export function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** Channels a send can use. Mirrors the `channel` column of templates and connectors. */
export const channels = ['sms', 'wecom', 'push', 'email', 'rm'] as const;
export type Channel = (typeof channels)[number];
export const channelSchema = z.enum(channels);

/** How each channel is named to a planner. */
export const channelLabels: Readonly<Record<Channel, LocalizedText>> = {
  sms: { en: 'SMS', 'zh-CN': '短信' },
  wecom: { en: 'WeCom', 'zh-CN': '企业微信' },
  push: { en: 'App push', 'zh-CN': 'App 推送' },
  email: { en: 'Email', 'zh-CN': '邮件' },
  rm: { en: 'RM message', 'zh-CN': '客户经理消息' },
};

/** Ids of things stored elsewhere (templates, segments, connectors): opaque, bounded strings. */
export const referenceId = z.string().min(1).max(128);

const knownZones = new Map<string, boolean>();

/**
 * True when the runtime knows `zone` as an IANA time zone. Uses Intl, so it works the same in
 * the browser and in Node (full ICU). Answers are cached: building a formatter costs ~0.2 ms, and
 * the canvas validates on every edit.
 */
export function isKnownTimeZone(zone: string): boolean {
  const cached = knownZones.get(zone);
  if (cached !== undefined) return cached;
  let known = true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    known = false;
  }
  // Bounded so that validating arbitrary input cannot grow the cache without limit.
  if (knownZones.size < 1000) knownZones.set(zone, known);
  return known;
}

/** An IANA time zone name such as `Asia/Shanghai`. */
export const timeZoneSchema = z.string().min(1).max(64).refine(isKnownTimeZone, 'format.time-zone');
