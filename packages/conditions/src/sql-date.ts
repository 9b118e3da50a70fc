import { isoDateGroup, isoDatePattern } from './iso-date.ts';

const g = isoDateGroup;
const part = (group: number) => `wm_m.m[${group}]::int`;
const partOrZero = (group: number) => `coalesce(wm_m.m[${group}]::int, 0)`;

// The same calendar rules as parseIsoDate, written so that nothing can raise an error: every cast
// reads digits the pattern already matched, and make_timestamp only runs once the parts are valid.
const daysInMonth = `CASE ${part(g.month)} WHEN 2 THEN CASE WHEN (${part(g.year)} % 4 = 0 AND ${part(g.year)} % 100 <> 0) OR ${part(g.year)} % 400 = 0 THEN 29 ELSE 28 END WHEN 4 THEN 30 WHEN 6 THEN 30 WHEN 9 THEN 30 WHEN 11 THEN 30 ELSE 31 END`;
const valid = [
  `${part(g.year)} >= 1`,
  `${part(g.month)} BETWEEN 1 AND 12`,
  `${part(g.day)} BETWEEN 1 AND ${daysInMonth}`,
  `${partOrZero(g.hour)} <= 23`,
  `${partOrZero(g.minute)} <= 59`,
  `${partOrZero(g.second)} <= 59`,
  `${partOrZero(g.offsetHours)} <= 23`,
  `${partOrZero(g.offsetMinutes)} <= 59`,
].join(' AND ');
const millis = `coalesce(rpad(left(wm_m.m[${g.fraction}], 3), 3, '0'), '0')::int`;
const offsetMinutes = `(CASE wm_m.m[${g.offsetSign}] WHEN '-' THEN -1 ELSE 1 END) * (${partOrZero(g.offsetHours)} * 60 + ${partOrZero(g.offsetMinutes)})`;
// Whole milliseconds times an interval stay exact, where a fractional-seconds double would not.
const instant = `make_timestamp(${part(g.year)}, ${part(g.month)}, ${part(g.day)}, ${partOrZero(g.hour)}, ${partOrZero(g.minute)}, 0) AT TIME ZONE 'UTC' + (${partOrZero(g.second)} * 1000 + ${millis} - ${offsetMinutes} * 60000) * interval '1 millisecond'`;

/**
 * A two-valued SQL test of the date held in the jsonb expression `json`: `predicate` receives the
 * SQL of the instant (a timestamptz) and is false when the value is not a date by the rules of
 * `iso-date.ts`.
 */
export function dateTest(json: string, predicate: (instant: string) => string): string {
  const text = `CASE WHEN jsonb_typeof(${json}) = 'string' THEN ${json} #>> '{}' END`;
  const instantOrNull = `SELECT CASE WHEN ${valid} THEN ${instant} END AS ts FROM regexp_match(${text}, '${isoDatePattern}') AS wm_m(m)`;
  return `COALESCE((SELECT ${predicate('wm_d.ts')} FROM (${instantOrNull}) AS wm_d), false)`;
}
