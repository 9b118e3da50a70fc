import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIsoDate, parseIsoDate } from '../src/iso-date.ts';
import { anyIsoDate } from '../src/testing.ts';

const anyInstant = fc.date({
  min: new Date('0001-01-01T00:00:00Z'),
  max: new Date('9999-12-31T23:59:59.999Z'),
  noInvalidDate: true,
});

// A day's margin keeps the local time of any offset inside years 0001–9999.
const innerInstant = fc.date({
  min: new Date('0001-01-02T00:00:00Z'),
  max: new Date('9999-12-30T23:59:59.999Z'),
  noInvalidDate: true,
});

describe('parseIsoDate', () => {
  it('reads what Date#toISOString writes as the same instant, for every year 0001–9999', () => {
    fc.assert(
      fc.property(anyInstant, (date) => {
        expect(parseIsoDate(date.toISOString())).toBe(date.getTime());
      }),
    );
  });

  it('moves the instant by the offset, with or without a colon', () => {
    fc.assert(
      fc.property(innerInstant, fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }), (date, offset) => {
        const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 23);
        const sign = offset < 0 ? '-' : '+';
        const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
        const mm = String(Math.abs(offset) % 60).padStart(2, '0');
        expect(parseIsoDate(`${local}${sign}${hh}:${mm}`)).toBe(date.getTime());
        expect(parseIsoDate(`${local}${sign}${hh}${mm}`)).toBe(date.getTime());
      }),
    );
  });

  it('agrees with Date.parse wherever Date.parse reads the same spelling as UTC', () => {
    fc.assert(
      fc.property(anyIsoDate, (text) => {
        const native = Date.parse(/T/.test(text) && !/(Z|[+-]\d\d:?\d\d)$/.test(text) ? `${text}Z` : text);
        // Date.parse keeps only milliseconds too, but V8 does not read ±HHMM offsets.
        if (!Number.isNaN(native)) expect(parseIsoDate(text)).toBe(native);
        expect(isIsoDate(text)).toBe(true);
      }),
    );
  });

  it('refuses impossible calendar dates and other spellings', () => {
    for (const text of [
      '2026-02-29',
      '2026-04-31',
      '2026-11-22T24:00',
      '0000-06-01',
      '2026-11-22T10:00+24:00',
      '2026-1-5',
    ]) {
      expect(parseIsoDate(text), text).toBeUndefined();
    }
    expect(parseIsoDate('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
  });
});
