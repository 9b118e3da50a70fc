import { isKnownTimeZone, type TemplateLocale } from '../locale.ts';
import { type DateInput, toDateInput, type WallTime, wallTimeIn } from './date-value.ts';
import { defineHelper, refuse } from './define-helper.ts';
import { describeValue, optionalSetting, required } from './values.ts';

/** Named formats, rendered by Intl in the template's language. */
const namedStyles = {
  short: { dateStyle: 'short' },
  medium: { dateStyle: 'medium' },
  long: { dateStyle: 'long' },
  full: { dateStyle: 'full' },
  time: { timeStyle: 'short' },
  datetime: { dateStyle: 'long', timeStyle: 'short' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

type NamedStyle = keyof typeof namedStyles;

const weekdays: Readonly<Record<TemplateLocale, { long: readonly string[]; short: readonly string[] }>> = {
  'zh-CN': {
    long: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
    short: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
  },
  en: {
    long: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    short: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  },
};

// Longest tokens first so that "MM" is not read as two "M"s; `[...]` is literal text.
const tokenPattern = /\[([^\]]*)]|dddd|ddd|YYYY|YY|MM|M|DD|D|HH|H|mm|m|ss|s/g;
const maxPatternLength = 100;

function pad(value: number, width: number): string {
  const sign = value < 0 ? '-' : '';
  return sign + String(Math.abs(value)).padStart(width, '0');
}

function formatToken(token: string, wall: WallTime, locale: TemplateLocale): string {
  switch (token) {
    case 'YYYY':
      return pad(wall.year, 4);
    case 'YY':
      return pad(Math.abs(wall.year) % 100, 2);
    case 'MM':
      return pad(wall.month, 2);
    case 'M':
      return String(wall.month);
    case 'DD':
      return pad(wall.day, 2);
    case 'D':
      return String(wall.day);
    case 'HH':
      return pad(wall.hour, 2);
    case 'H':
      return String(wall.hour);
    case 'mm':
      return pad(wall.minute, 2);
    case 'm':
      return String(wall.minute);
    case 'ss':
      return pad(wall.second, 2);
    case 's':
      return String(wall.second);
    case 'dddd':
      return weekdays[locale].long[wall.weekday] ?? '';
    case 'ddd':
      return weekdays[locale].short[wall.weekday] ?? '';
    default:
      return token;
  }
}

/** Formats with a pattern such as `YYYY-MM-DD`, `MM月DD日` or `YYYY/M/D HH:mm`; text in `[ ]` is kept as is. */
export function formatPattern(pattern: string, wall: WallTime, locale: TemplateLocale): string {
  let sawToken = false;
  const text = pattern.replace(tokenPattern, (token: string, literal: string | undefined) => {
    if (literal !== undefined) return literal;
    sawToken = true;
    return formatToken(token, wall, locale);
  });
  if (!sawToken) {
    refuse(
      `needs a date pattern such as 'YYYY-MM-DD', 'MM月DD日' or a style (${Object.keys(namedStyles).join(', ')}), but got "${pattern}"`,
    );
  }
  return text;
}

const styleFormatters = new Map<string, Intl.DateTimeFormat>();

function formatStyle(style: NamedStyle, input: DateInput, locale: TemplateLocale, timeZone: string): string {
  // Wall time is formatted as if it were UTC, so Intl shows exactly the fields it holds.
  const zone = input.kind === 'wall' ? 'UTC' : timeZone;
  const key = `${locale}|${style}|${zone}`;
  let format = styleFormatters.get(key);
  if (format === undefined) {
    if (styleFormatters.size > 200) styleFormatters.clear();
    format = new Intl.DateTimeFormat(locale, { ...namedStyles[style], timeZone: zone });
    styleFormatters.set(key, format);
  }
  if (input.kind === 'instant') return format.format(input.epochMs);
  const { year, month, day, hour, minute, second } = input.wall;
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  date.setUTCFullYear(year);
  return format.format(date);
}

function isNamedStyle(pattern: string): pattern is NamedStyle {
  return Object.hasOwn(namedStyles, pattern);
}

/**
 * `{{date value [pattern]}}`: a date in the render's time zone (Asia/Shanghai unless the render or
 * `tz="…"` says otherwise). Patterns use YYYY YY MM M DD D HH H mm m ss s dddd ddd; the styles
 * short / medium / long / full / time / datetime follow the template's language.
 */
export const dateHelper = defineHelper({
  name: 'date',
  minArgs: 1,
  maxArgs: 2,
  hashKeys: ['format', 'tz'],
  summary: "A date: 'YYYY-MM-DD', 'MM月DD日', 'long' (2025年6月30日 / June 30, 2025); shown in Beijing time.",
  example: "{{date event.maturityDate 'MM月DD日'}}",
  run(args, hash, { locale, timeZone }) {
    const input = toDateInput(required(args, 0));
    const patternSetting = optionalSetting(args[1], hash.format) ?? 'YYYY-MM-DD';
    if (
      typeof patternSetting !== 'string' ||
      patternSetting.length === 0 ||
      patternSetting.length > maxPatternLength
    ) {
      return refuse(`needs a date pattern such as 'YYYY-MM-DD', but got ${describeValue(patternSetting)}`);
    }
    const zone = hash.tz === undefined ? timeZone : hash.tz;
    if (!isKnownTimeZone(zone)) {
      return refuse(`needs an IANA time zone such as "Asia/Shanghai", but got ${describeValue(zone)}`);
    }
    if (isNamedStyle(patternSetting)) return formatStyle(patternSetting, input, locale, zone);
    const wall = input.kind === 'wall' ? input.wall : wallTimeIn(input.epochMs, zone);
    return formatPattern(patternSetting, wall, locale);
  },
});
