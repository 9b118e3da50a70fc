import type { EdgeCase } from './edge-cases.ts';
import { leaf, storing } from './edge-cases.ts';

const d = (op: string, value?: unknown) => leaf('date', op, value);
const exists = d('exists');

/** Dates, judged at 2026-11-23T06:00:00Z: instants, zones, day windows and what is not a date. */
export const dateCases: EdgeCase[] = [
  ...storing('2026-11-20', [
    [d('before', '2026-11-21'), true],
    [d('after', '2026-11-19'), true],
    [d('after', '2026-11-20'), false],
    [d('before', '2026-11-20T00:00:00Z'), false],
    [d('after', '2026-11-19T23:59:59.999Z'), true],
    [d('withinLastDays', 7), true],
    [d('withinLastDays', 3), false],
    [d('olderThanDays', 3), true],
    [d('olderThanDays', 2), true],
    [d('olderThanDays', 4), false],
    [exists, true],
  ]),
  // Day windows are 24-hour periods: (now - n days, now] and (-inf, now - n days].
  ...storing('2026-11-16T06:00:00Z', [
    [d('withinLastDays', 7), false],
    [d('olderThanDays', 7), true],
  ]),
  ...storing('2026-11-16T06:00:00.001Z', [
    [d('withinLastDays', 7), true],
    [d('olderThanDays', 7), false],
  ]),
  ...storing('2026-11-23T06:00:00Z', [
    [d('withinLastDays', 1), true],
    [d('olderThanDays', 0), true],
  ]),
  ...storing('2026-11-23T06:00:00.001Z', [
    [d('withinLastDays', 1), false],
    [d('olderThanDays', 0), false],
    [d('after', '2026-11-23T06:00:00Z'), true],
  ]),
  ...storing('2026-11-24', [
    [d('withinLastDays', 7), false],
    [d('olderThanDays', 0), false],
    [d('after', '2026-11-23'), true],
  ]),
  // Offsets move the instant; a time without a zone is UTC, never the machine's zone.
  ...storing('2026-11-22T10:00:00+08:00', [
    [d('before', '2026-11-22T02:00:00.001Z'), true],
    [d('after', '2026-11-22T01:59:59.999Z'), true],
    [d('after', '2026-11-22T02:00:00Z'), false],
    [d('before', '2026-11-22T02:00:00Z'), false],
  ]),
  ...storing('2026-11-22T10:00:00+0800', [
    [d('after', '2026-11-22T01:59:59Z'), true],
    [exists, true],
  ]),
  ...storing('2026-11-21T22:30:00-03:30', [
    [d('after', '2026-11-22T01:59:59Z'), true],
    [d('before', '2026-11-22T02:00:01Z'), true],
  ]),
  ...storing('2026-11-22T10:00', [
    [d('after', '2026-11-22T09:59:59Z'), true],
    [d('before', '2026-11-22T10:00:01Z'), true],
  ]),
  ...storing('2026-11-22', [
    [d('after', '2026-11-21T23:59:59+00:00'), true],
    [d('before', '2026-11-22T08:00:00+08:00'), false],
  ]),
  // Fractions finer than a millisecond are cut off, as a JS Date does.
  ...storing('2026-11-22T10:00:00.1239Z', [
    [d('after', '2026-11-22T10:00:00.123Z'), false],
    [d('before', '2026-11-22T10:00:00.123Z'), false],
    [d('after', '2026-11-22T10:00:00.122Z'), true],
  ]),
  ...storing('2026-11-22T10:00:00.999999999Z', [
    [d('before', '2026-11-22T10:00:01Z'), true],
    [d('after', '2026-11-22T10:00:00.999Z'), false],
  ]),
  ...storing('2026-11-22T10:00:00.5Z', [
    [d('after', '2026-11-22T10:00:00.499Z'), true],
    [d('before', '2026-11-22T10:00:00.501Z'), true],
  ]),
  ...storing('2024-02-29', [[exists, true]]),
  ...storing('2000-02-29', [[exists, true]]),
  ...storing('2100-02-29', [
    [exists, false],
    [d('notExists'), true],
  ]),
  ...storing('2026-02-29', [[exists, false]]),
  ...storing('2026-02-30', [
    [exists, false],
    [d('before', '2030-01-01'), false],
  ]),
  ...storing('2026-04-31', [[exists, false]]),
  ...storing('2026-13-01', [[exists, false]]),
  ...storing('2026-00-10', [[exists, false]]),
  ...storing('2026-11-00', [[exists, false]]),
  ...storing('2026-11-22T24:00:00Z', [[exists, false]]),
  ...storing('2026-11-22T10:60Z', [[exists, false]]),
  ...storing('2026-11-22T10:00:60Z', [[exists, false]]),
  ...storing('2026-11-22T10:00+24:00', [[exists, false]]),
  ...storing('2026-11-22T10:00+23:59', [
    [exists, true],
    [d('before', '2026-11-21T10:02Z'), true],
  ]),
  ...storing('0000-01-01', [[exists, false]]),
  ...storing('0001-01-01', [
    [exists, true],
    [d('before', '0001-01-02'), true],
  ]),
  // Two-digit years stay two-digit years (Date.UTC would read them as 19xx).
  ...storing('0099-06-01', [
    [d('before', '0100-01-01'), true],
    [d('before', '1900-01-01'), true],
  ]),
  ...storing('9999-12-31T23:59:59.999-23:59', [
    [exists, true],
    [d('after', '9999-12-31'), true],
  ]),
  ...storing('2026-11-22 10:00', [[exists, false]]),
  ...storing('20261122', [[exists, false]]),
  ...storing('2026-11-22T10', [[exists, false]]),
  ...storing('2026-11-22T10:00+08', [[exists, false]]),
  ...storing('2026-11-22t10:00z', [[exists, false]]),
  ...storing('2026-11-22\n', [[exists, false]]),
  ...storing(' 2026-11-22', [[exists, false]]),
  ...storing('2026-11-22T10:00:00.1234567890Z', [[exists, false]]),
  ...storing('２０２６-11-22', [[exists, false]]),
  ...storing(20261122, [
    [exists, false],
    [d('notExists'), true],
  ]),
  ...storing(true, [[exists, false]]),
];
