/**
 * The smallest "round" number at or above `value`, so a chart's top gridline carries a label a
 * person reads at once (600 → 600, 437 → 500, 61 → 80); the steps are close enough that the
 * tallest bar always fills at least two thirds of its band. Never below 1, so an all-zero series
 * still has a scale.
 */
export function niceCeiling(value: number): number {
  if (!(value > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
}

/**
 * Indices of the days that get a date under the axis: today and then every `step` days back, with
 * a step (a whole number of weeks past a week) that keeps about five labels whatever the window.
 * The same weekday recurs, which makes weekly rhythms easy to spot.
 */
export function labelledDays(count: number, maxLabels = 5): number[] {
  if (count <= 0) return [];
  const step = count <= maxLabels ? 1 : count <= 7 ? 2 : 7 * Math.ceil(count / (7 * maxLabels));
  const out: number[] = [];
  for (let index = count - 1; index >= 0; index -= step) out.unshift(index);
  return out;
}

/** The bar of one day in a band of a chart: where it starts and how tall it is, in SVG units. */
export interface Bar {
  x: number;
  width: number;
  y: number;
  height: number;
}

/**
 * Places one bar per value in a band `top`..`top + height`, from `left` over `width`, scaled to
 * `max`. A value above zero is at least one unit tall so a single conversion stays visible.
 */
export function barsFor(
  values: readonly number[],
  band: { left: number; width: number; top: number; height: number; max: number },
): Bar[] {
  const slot = values.length > 0 ? band.width / values.length : 0;
  const barWidth = Math.max(1, slot * 0.72);
  return values.map((value, index) => {
    const height = value > 0 ? Math.max(1, (value / band.max) * band.height) : 0;
    return {
      x: band.left + index * slot + (slot - barWidth) / 2,
      width: barWidth,
      y: band.top + band.height - height,
      height,
    };
  });
}
