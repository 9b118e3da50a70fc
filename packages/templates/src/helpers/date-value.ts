import { refuse } from './define-helper.ts';
import { describeValue } from './values.ts';

/** Calendar fields as a customer reads them on a wall clock. `weekday` is 0 = Sunday. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

/**
 * A date given to the `date` helper: either an instant (shown in the render's time zone) or wall
 * time already (a date without a zone, such as a maturity date `2025-06-30`, is a calendar date:
 * shifting it by a zone would show the wrong day to customers west of UTC).
 */
export type DateInput = { kind: 'instant'; epochMs: number } | { kind: 'wall'; wall: WallTime };

const isoDate =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
// ±8.64e15 ms is the range a JS Date can hold.
const maxEpochMs = 8.64e15;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function weekdayOf(year: number, month: number, day: number): number {
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date.getUTCDay();
}

/** Reads a Date, epoch milliseconds, or ISO 8601 text (`YYYY-MM-DD`, optionally with a time and zone). */
export function toDateInput(value: unknown): DateInput {
  if (value instanceof Date) {
    const epochMs = value.getTime();
    if (Number.isNaN(epochMs)) refuse('needs a date, but got an invalid date');
    return { kind: 'instant', epochMs };
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Math.abs(value) > maxEpochMs)
      refuse(`needs a date, but got ${describeValue(value)}`);
    return { kind: 'instant', epochMs: value };
  }
  if (typeof value !== 'string') return refuse(`needs a date, but got ${describeValue(value)}`);

  const match = isoDate.exec(value.trim());
  if (match === null) return refuse(`needs a date like "2025-06-30", but got ${describeValue(value)}`);
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(s ?? 0);
  const valid =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59;
  if (!valid) refuse(`needs a real calendar date, but got ${describeValue(value)}`);

  if (zone === undefined) {
    return {
      kind: 'wall',
      wall: { year, month, day, hour, minute, second, weekday: weekdayOf(year, month, day) },
    };
  }
  const millis = Number((fraction ?? '0').padEnd(3, '0').slice(0, 3));
  const utc = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millis));
  utc.setUTCFullYear(year);
  let epochMs = utc.getTime();
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
    epochMs -= sign * offsetMinutes * 60_000;
  }
  return { kind: 'instant', epochMs };
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let format = partFormatters.get(timeZone);
  if (format === undefined) {
    if (partFormatters.size > 100) partFormatters.clear();
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
      hourCycle: 'h23',
      era: 'short',
    });
    partFormatters.set(timeZone, format);
  }
  return format;
}

const weekdayIndex: Readonly<Record<string, number>> = {
  Sun: 0,
  Mon: 1,
  Tue: 2,
  Wed: 3,
  Thu: 4,
  Fri: 5,
  Sat: 6,
};

/** The last instant read per zone: a batch shows the same `now` to every customer. */
const lastWallTime = new Map<string, { epochMs: number; wall: Readonly<WallTime> }>();

/**
 * The wall-clock fields of an instant in an IANA time zone. Intl's formatToParts costs about
 * 15 µs, more than the rest of a short render, so the last answer per zone is kept.
 */
export function wallTimeIn(epochMs: number, timeZone: string): Readonly<WallTime> {
  const last = lastWallTime.get(timeZone);
  if (last !== undefined && last.epochMs === epochMs) return last.wall;
  const wall = Object.freeze(readWallTime(epochMs, timeZone));
  if (lastWallTime.size > 100) lastWallTime.clear();
  lastWallTime.set(timeZone, { epochMs, wall });
  return wall;
}

function readWallTime(epochMs: number, timeZone: string): WallTime {
  const fields: Record<string, string> = {};
  for (const part of partsFormatter(timeZone).formatToParts(epochMs)) fields[part.type] = part.value;
  const yearOfEra = Number(fields.year);
  return {
    // Years before 1 AD come back as "BC" years of the era; turn them into astronomical years.
    year: fields.era === 'BC' ? 1 - yearOfEra : yearOfEra,
    month: Number(fields.month),
    day: Number(fields.day),
    hour: Number(fields.hour) % 24,
    minute: Number(fields.minute),
    second: Number(fields.second),
    weekday: weekdayIndex[fields.weekday ?? ''] ?? 0,
  };
}
