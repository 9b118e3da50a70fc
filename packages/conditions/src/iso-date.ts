/**
 * What counts as a date in the condition language, shared by the schema, `evaluate` and `toSql`
 * so that the browser, the server and Postgres read exactly the same strings as the same instants.
 *
 * A date is a string `YYYY-MM-DD`, optionally followed by `THH:MM`, `:SS`, a fraction of 1–9
 * digits, and a zone `Z`, `±HH:MM` or `±HHMM`. The calendar must be real (no 2026-02-30, no hour
 * 24, year 0001–9999). A missing time is midnight and a missing zone is UTC: never the machine's
 * zone, which differs between a planner's browser, the server and the database session.
 * Fractions finer than a millisecond are cut off, because a JS Date holds milliseconds.
 *
 * The pattern only uses `[0-9]` (not `\d`) so it means the same in JS and in Postgres' regular
 * expressions, and it is safe inside a standard SQL string literal.
 */
export const isoDatePattern =
  '^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:T([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.]([0-9]{1,9}))?)?(?:(Z)|([+-])([0-9]{2}):?([0-9]{2}))?)?$';

const isoDateRegex = new RegExp(isoDatePattern);

/** Capture groups of {@link isoDatePattern}, 1-based as in both regex engines. */
export const isoDateGroup = {
  year: 1,
  month: 2,
  day: 3,
  hour: 4,
  minute: 5,
  second: 6,
  fraction: 7,
  zulu: 8,
  offsetSign: 9,
  offsetHours: 10,
  offsetMinutes: 11,
} as const;

/** Days in a month of the proleptic Gregorian calendar (what both JS and Postgres use). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The instant a date string names, in epoch milliseconds, or `undefined` when the string is not
 * a date by the rules above.
 */
export function parseIsoDate(text: string): number | undefined {
  const match = isoDateRegex.exec(text);
  if (!match) return undefined;
  const part = (group: number) => Number(match[group] ?? '0');
  const year = part(isoDateGroup.year);
  const month = part(isoDateGroup.month);
  const day = part(isoDateGroup.day);
  const hour = part(isoDateGroup.hour);
  const minute = part(isoDateGroup.minute);
  const second = part(isoDateGroup.second);
  const offsetHours = part(isoDateGroup.offsetHours);
  const offsetMinutes = part(isoDateGroup.offsetMinutes);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return undefined;
  const millis = Number((match[isoDateGroup.fraction] ?? '').padEnd(3, '0').slice(0, 3));
  const offsetSign = match[isoDateGroup.offsetSign] === '-' ? -1 : 1;
  const minutes = hour * 60 + minute - offsetSign * (offsetHours * 60 + offsetMinutes);
  return daysFromCivil(year, month, day) * 86_400_000 + minutes * 60_000 + second * 1000 + millis;
}

// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm): plain
// arithmetic, faster than a Date per value and without Date.UTC mapping years 0–99 to 19xx.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** True when `text` is a date by the rules of the condition language. */
export function isIsoDate(text: string): boolean {
  return parseIsoDate(text) !== undefined;
}
