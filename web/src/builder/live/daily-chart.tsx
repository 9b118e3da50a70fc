import type { TimelineDay } from '../../api/journeys.ts';
import { useI18n } from '../../i18n/index.ts';
import { formatNumber } from '../../ui/format.ts';
import { type Bar, barsFor, labelledDays, niceCeiling } from './daily-chart-layout.ts';

// The drawing's own units; the SVG scales to the panel's width and keeps this aspect.
const width = 320;
const plot = { left: 34, right: width - 8 };
const enteredBand = { top: 8, height: 56 };
const convertedBand = { top: 82, height: 34 };
const axisBaseline = 132;
const height = 138;

/**
 * Entries and conversions per day as two bands of bars over one date axis: conversions are
 * usually a small share of entries, so each band has its own scale and both stay readable.
 * Every day is one group with a tooltip giving its exact numbers.
 */
export function DailyChart({ timeline }: { timeline: readonly TimelineDay[] }) {
  const { t, locale } = useI18n();
  if (timeline.length === 0) return null;
  const band = { left: plot.left, width: plot.right - plot.left };
  const enteredMax = niceCeiling(Math.max(...timeline.map((day) => day.entered)));
  const convertedMax = niceCeiling(Math.max(...timeline.map((day) => day.converted)));
  const entered = barsFor(
    timeline.map((day) => day.entered),
    { ...band, ...enteredBand, max: enteredMax },
  );
  const converted = barsFor(
    timeline.map((day) => day.converted),
    { ...band, ...convertedBand, max: convertedMax },
  );
  const slot = band.width / timeline.length;
  const shortDay = dayFormat(locale, { month: 'numeric', day: 'numeric' });
  const longDay = dayFormat(locale, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' });
  const compact = (value: number) => formatNumber(value, locale, { notation: 'compact' });
  const sum = (key: 'entered' | 'converted') => timeline.reduce((total, day) => total + day[key], 0);

  return (
    <figure className="daily-chart" data-testid="daily-chart">
      <figcaption>
        <span className="daily-chart-title">{t('live.perDay', { days: timeline.length })}</span>
        <span className="daily-chart-legend">
          <span>
            <i className="swatch swatch-entered" />
            {t('live.entered')} {formatNumber(sum('entered'), locale)}
          </span>
          <span>
            <i className="swatch swatch-converted" />
            {t('live.converted')} {formatNumber(sum('converted'), locale)}
          </span>
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={t('live.chartLabel', { days: timeline.length })}
      >
        <BandAxis top={enteredBand.top} height={enteredBand.height} label={compact(enteredMax)} />
        <BandAxis top={convertedBand.top} height={convertedBand.height} label={compact(convertedMax)} />
        {timeline.map((day, index) => (
          <g key={day.day} className="chart-day" data-day={day.day}>
            <title>
              {t('live.dayTooltip', {
                day: longDay(day.day),
                entered: formatNumber(day.entered, locale),
                converted: formatNumber(day.converted, locale),
                value: formatNumber(day.value, locale),
              })}
            </title>
            <rect
              className="chart-hit"
              x={plot.left + index * slot}
              y={enteredBand.top}
              width={slot}
              height={convertedBand.top + convertedBand.height - enteredBand.top}
            />
            <BarRect bar={entered[index]} className="bar-entered" />
            <BarRect bar={converted[index]} className="bar-converted" />
          </g>
        ))}
        {labelledDays(timeline.length).map((index) => {
          const x = plot.left + (index + 0.5) * slot;
          return (
            <text
              key={index}
              className="chart-axis-label"
              x={Math.min(Math.max(x, plot.left + 12), plot.right - 12)}
              y={axisBaseline}
              textAnchor="middle"
            >
              {shortDay(timeline[index]?.day ?? '')}
            </text>
          );
        })}
      </svg>
    </figure>
  );
}

/** A band's baseline, its top gridline and the value that gridline stands for. */
function BandAxis({ top, height: bandHeight, label }: { top: number; height: number; label: string }) {
  return (
    <g className="chart-axis">
      <line className="chart-grid" x1={plot.left} x2={plot.right} y1={top} y2={top} />
      <line
        className="chart-baseline"
        x1={plot.left}
        x2={plot.right}
        y1={top + bandHeight}
        y2={top + bandHeight}
      />
      <text className="chart-axis-label" x={plot.left - 4} y={top} textAnchor="end" dominantBaseline="middle">
        {label}
      </text>
      <text
        className="chart-axis-label"
        x={plot.left - 4}
        y={top + bandHeight}
        textAnchor="end"
        dominantBaseline="middle"
      >
        0
      </text>
    </g>
  );
}

function BarRect({ bar, className }: { bar: Bar | undefined; className: string }) {
  if (!bar || bar.height === 0) return null;
  return <rect className={className} x={bar.x} y={bar.y} width={bar.width} height={bar.height} />;
}

/** Formats a `YYYY-MM-DD` calendar day as written, whatever the browser's own time zone. */
function dayFormat(locale: string, options: Intl.DateTimeFormatOptions): (day: string) => string {
  const format = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
  return (day) => {
    const date = new Date(`${day}T00:00:00Z`);
    return Number.isNaN(date.getTime()) ? day : format.format(date);
  };
}
