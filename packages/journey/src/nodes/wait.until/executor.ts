import { minutesOfDay } from '../../graph/fields.ts';
import type { Executor } from '../../runtime.ts';

/**
 * Waits until a moment: a date, the next local time of day, or a date held in the profile.
 * A moment already past lets the customer through at once; a profile date that is missing or
 * unreadable exits the customer with the reason (waiting forever would hide the problem).
 */
export const waitUntilExecutor: Executor<'wait.until'> = ({ node, enrollment, customer, settings, now }) => {
  if (enrollment.wakeAt) {
    return now.getTime() >= enrollment.wakeAt.getTime()
      ? { kind: 'advance', port: 'out' }
      : { kind: 'wait', until: enrollment.wakeAt };
  }
  const config = node.config;
  let until: Date;
  switch (config.kind) {
    case 'date':
      until = new Date(config.at);
      break;
    case 'timeOfDay':
      until = nextLocalTime(now, config.time, settings.timeZone, config.weekdays);
      break;
    case 'attribute': {
      const raw = customer.attributes[config.attribute];
      const day = typeof raw === 'string' ? /^(\d{4})-(\d{2})-(\d{2})/.exec(raw) : null;
      if (!day)
        return { kind: 'exit', reason: `missing-date: the profile has no date in "${config.attribute}"` };
      const minutes = minutesOfDay(config.time ?? '00:00');
      until = zonedDate(
        {
          year: Number(day[1]),
          month: Number(day[2]),
          day: Number(day[3]) + config.offsetDays,
          hour: Math.floor(minutes / 60),
          minute: minutes % 60,
        },
        settings.timeZone,
      );
      break;
    }
  }
  return until.getTime() <= now.getTime() ? { kind: 'advance', port: 'out' } : { kind: 'wait', until };
};

/** Wall-clock fields of an instant in a time zone; `weekday` 1 = Monday … 7 = Sunday. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();
const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function localParts(at: Date, timeZone: string): LocalParts {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formats.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(at)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: weekdays[parts.weekday ?? 'Mon'] ?? 1,
  };
}

/** The instant a local wall-clock time names in a zone (days may overflow: the 32nd rolls over). */
export function zonedDate(
  local: { year: number; month: number; day: number; hour: number; minute: number },
  timeZone: string,
): Date {
  const wanted = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  let guess = wanted;
  // Two corrections settle the zone offset, including across a daylight-saving change.
  for (let i = 0; i < 2; i++) {
    const seen = localParts(new Date(guess), timeZone);
    const seenAsUtc = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute);
    guess += wanted - seenAsUtc;
  }
  return new Date(guess);
}

/** The first instant after `after` whose local time is `time` (`HH:MM`), on one of `days` if given. */
export function nextLocalTime(after: Date, time: string, timeZone: string, days?: readonly number[]): Date {
  const today = localParts(after, timeZone);
  const minutes = minutesOfDay(time);
  for (let offset = 0; offset <= 8; offset++) {
    const candidate = zonedDate(
      {
        year: today.year,
        month: today.month,
        day: today.day + offset,
        hour: Math.floor(minutes / 60),
        minute: minutes % 60,
      },
      timeZone,
    );
    if (candidate.getTime() <= after.getTime()) continue;
    if (days && !days.includes(localParts(candidate, timeZone).weekday)) continue;
    return candidate;
  }
  throw new Error(`No ${time} within a week in ${timeZone}`);
}

/** Whether `at` falls in the quiet window (which may wrap midnight, 21:00–08:00). */
export function isInQuietHours(quiet: { start: string; end: string }, at: Date, timeZone: string): boolean {
  const local = localParts(at, timeZone);
  const m = local.hour * 60 + local.minute;
  const start = minutesOfDay(quiet.start);
  const end = minutesOfDay(quiet.end);
  if (start === end) return false;
  return start < end ? m >= start && m < end : m >= start || m < end;
}

/** When the quiet window that `at` falls in ends. */
export function quietHoursEnd(quiet: { start: string; end: string }, at: Date, timeZone: string): Date {
  return nextLocalTime(at, quiet.end, timeZone);
}
