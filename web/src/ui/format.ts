import type { Locale } from '../i18n/index.ts';

/** A number in the planner's locale, or a dash for anything that is not a number. */
export function formatNumber(value: unknown, locale: Locale, options?: Intl.NumberFormatOptions): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(locale, options).format(value);
}

/** A share such as 0.1234 as "12.3%". */
export function formatPercent(value: unknown, locale: Locale): string {
  return formatNumber(value, locale, { style: 'percent', maximumFractionDigits: 1 });
}

/** A moment as date and time in the planner's locale. */
export function formatDateTime(value: unknown, locale: Locale): string {
  if (typeof value !== 'string' && !(value instanceof Date)) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** "3 minutes ago" / "3 分钟前", for last-change columns. */
export function formatRelative(value: unknown, locale: Locale, now = Date.now()): string {
  if (typeof value !== 'string') return '—';
  const time = new Date(value).getTime();
  if (Number.isNaN(time)) return '—';
  const seconds = Math.round((time - now) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of steps) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(seconds, 'second');
}
