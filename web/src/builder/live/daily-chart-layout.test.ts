import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { barsFor, labelledDays, niceCeiling } from './daily-chart-layout.ts';

describe('daily chart layout', () => {
  it('rounds a scale up to a number a person reads at once', () => {
    expect([0, 1, 3, 61, 437, 600, 1001, 2400].map(niceCeiling)).toEqual([1, 1, 3, 80, 500, 600, 1500, 2500]);
  });

  it('never rounds a scale below its value, nor more than half as much again above it', () => {
    fc.assert(
      fc.property(fc.double({ min: 1.0001, max: 1e9, noNaN: true }), (value) => {
        const top = niceCeiling(value);
        expect(top).toBeGreaterThanOrEqual(value);
        expect(top).toBeLessThanOrEqual(value * 1.5);
      }),
    );
  });

  it('labels today and every week back on a 30-day chart', () => {
    expect(labelledDays(30)).toEqual([1, 8, 15, 22, 29]);
    expect(labelledDays(4)).toEqual([0, 1, 2, 3]);
    expect(labelledDays(0)).toEqual([]);
  });

  it('keeps at most five date labels, always today, on any window the API allows', () => {
    for (let days = 1; days <= 366; days++) {
      const labels = labelledDays(days);
      expect(labels.length, `${days} days`).toBeLessThanOrEqual(5);
      expect(labels.at(-1)).toBe(days - 1);
      expect(labels[0]).toBeGreaterThanOrEqual(0);
    }
  });

  it('places one bar per day inside its band, taller for more, at least a unit for any count', () => {
    const band = { left: 30, width: 300, top: 10, height: 50, max: 100 };
    const bars = barsFor([0, 1, 50, 100], band);
    expect(bars).toHaveLength(4);
    expect(bars.map((bar) => bar.height)).toEqual([0, 1, 25, 50]);
    for (const bar of bars) {
      expect(bar.x).toBeGreaterThanOrEqual(band.left);
      expect(bar.x + bar.width).toBeLessThanOrEqual(band.left + band.width);
      expect(bar.y + bar.height).toBe(band.top + band.height);
    }
    expect(bars[1]!.x).toBeGreaterThan(bars[0]!.x);
  });
});
