import { isoDatePattern } from './iso-date.ts';

// Postgres reads dates by the rules of iso-date.ts in four steps, each a subquery fenced with
// OFFSET 0 so that it runs once per row instead of being inlined into every use:
//   wm_t  the JSON string as text (NULL for another JSON type)
//   wm_z  its length and the length of its zone suffix ('Z', '±HH:MM', '±HHMM' or none)
//   wm_p  after the pattern matched: the parts as integers, read at fixed positions
//   wm_d  the instant when the parts form a real calendar date and time
// regexp_match with capture groups would be simpler but costs ~30 µs a row on Postgres 15;
// a plain `~` test plus substr keeps a date leaf near 3 µs. Nothing here can raise an error: every
// cast reads digits the pattern already matched, and make_timestamp only runs on valid parts.

const zoneLength = `CASE WHEN wm_z.n <= 16 THEN 0 WHEN right(wm_z.t, 1) = 'Z' THEN 1 WHEN substr(wm_z.t, wm_z.n - 5, 1) IN ('+', '-') THEN 6 WHEN substr(wm_z.t, wm_z.n - 4, 1) IN ('+', '-') THEN 5 ELSE 0 END`;

const at = (from: number, length: number) => `substr(wm_z.t, ${from}, ${length})::int`;
const hasOffset = 'wm_z.zl >= 5';
// p[1..10]: year, month, day, hour, minute, second, millisecond, offset hours, offset minutes, offset sign.
const parts = [
  at(1, 4),
  at(6, 2),
  at(9, 2),
  `CASE WHEN wm_z.n > 10 THEN ${at(12, 2)} ELSE 0 END`,
  `CASE WHEN wm_z.n > 10 THEN ${at(15, 2)} ELSE 0 END`,
  `CASE WHEN substr(wm_z.t, 17, 1) = ':' THEN ${at(18, 2)} ELSE 0 END`,
  `CASE WHEN substr(wm_z.t, 20, 1) = '.' THEN rpad(left(substr(wm_z.t, 21, wm_z.n - wm_z.zl - 20), 3), 3, '0')::int ELSE 0 END`,
  `CASE WHEN ${hasOffset} THEN substr(wm_z.t, wm_z.n - wm_z.zl + 2, 2)::int ELSE 0 END`,
  `CASE WHEN ${hasOffset} THEN right(wm_z.t, 2)::int ELSE 0 END`,
  `CASE WHEN ${hasOffset} AND substr(wm_z.t, wm_z.n - wm_z.zl + 1, 1) = '-' THEN -1 ELSE 1 END`,
].join(', ');

const p = (i: number) => `wm_p.p[${i}]`;
const leapYear = `(${p(1)} % 4 = 0 AND ${p(1)} % 100 <> 0) OR ${p(1)} % 400 = 0`;
const daysInMonth = `CASE ${p(2)} WHEN 2 THEN CASE WHEN ${leapYear} THEN 29 ELSE 28 END WHEN 4 THEN 30 WHEN 6 THEN 30 WHEN 9 THEN 30 WHEN 11 THEN 30 ELSE 31 END`;
const valid = `${p(1)} >= 1 AND ${p(2)} BETWEEN 1 AND 12 AND ${p(3)} BETWEEN 1 AND ${daysInMonth} AND ${p(4)} <= 23 AND ${p(5)} <= 59 AND ${p(6)} <= 59 AND ${p(8)} <= 23 AND ${p(9)} <= 59`;
// Whole milliseconds times an interval stay exact, where fractional seconds in a double would not.
const instant = `make_timestamp(${p(1)}, ${p(2)}, ${p(3)}, 0, 0, 0) AT TIME ZONE 'UTC' + ((${p(4)} * 60 + ${p(5)} - ${p(10)} * (${p(8)} * 60 + ${p(9)})) * 60000 + ${p(6)} * 1000 + ${p(7)}) * interval '1 millisecond'`;

/**
 * A two-valued SQL test of the date held in the jsonb expression `json`: `predicate` receives the
 * SQL of the instant (a timestamptz) and the result is false when the value is not a date by the
 * rules of `iso-date.ts`.
 */
export function dateTest(json: string, predicate: (instant: string) => string): string {
  const text = `SELECT CASE WHEN jsonb_typeof(${json}) = 'string' THEN ${json} #>> '{}' END AS t OFFSET 0`;
  const lengths = `SELECT wm_t.t, length(wm_t.t) AS n FROM (${text}) AS wm_t OFFSET 0`;
  const zone = `SELECT wm_l.t, wm_l.n, ${zoneLength.replaceAll('wm_z.', 'wm_l.')} AS zl FROM (${lengths}) AS wm_l OFFSET 0`;
  const partsRow = `SELECT CASE WHEN wm_z.t ~ '${isoDatePattern}' THEN ARRAY[${parts}] END AS p FROM (${zone}) AS wm_z OFFSET 0`;
  const instantRow = `SELECT CASE WHEN ${valid} THEN ${instant} END AS ts FROM (${partsRow}) AS wm_p OFFSET 0`;
  return `COALESCE((SELECT ${predicate('wm_d.ts')} FROM (${instantRow}) AS wm_d), false)`;
}
