import { nodeNamesFor } from '@waymark/journey';
import { useMemo } from 'react';
import { useI18n } from '../../i18n/index.ts';
import { Banner } from '../../ui/banner.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { errorText } from '../../ui/error-text.ts';
import { formatNumber, formatPercent, formatRelative } from '../../ui/format.ts';
import type { JourneyGraph } from '../graph-types.ts';
import { DailyChart } from './daily-chart.tsx';
import type { LiveStats } from './use-live-stats.ts';
import { VariantResults } from './variant-results.tsx';

/**
 * Journey-wide live totals, each A/B split's results and entries and conversions per day, with a
 * clear "no data yet" before the first customer enters. `graph` names the splits as the canvas does.
 */
export function LivePanel({ live, graph }: { live: LiveStats; graph: JourneyGraph }) {
  const { t, locale } = useI18n();
  const names = useMemo(() => nodeNamesFor(graph, locale), [graph, locale]);
  const totals = live.stats?.totals ?? {};
  const rate = totals.entered ? (totals.converted ?? 0) / totals.entered : undefined;
  return (
    <section className="live-panel" aria-label={t('live.title')} data-testid="live-panel">
      <h3>{t('live.title')}</h3>
      {live.error ? (
        <Banner kind="warning">{t('live.unavailable', { reason: errorText(t, live.error) })}</Banner>
      ) : null}
      {!live.error && live.noData ? <EmptyState title={t('live.noData')} /> : null}
      {!live.noData ? (
        <dl className="live-totals">
          <div>
            <dt>{t('live.entered')}</dt>
            <dd>{formatNumber(totals.entered ?? 0, locale)}</dd>
          </div>
          <div>
            <dt>{t('live.active')}</dt>
            <dd>{formatNumber(totals.active ?? 0, locale)}</dd>
          </div>
          <div>
            <dt>{t('live.completed')}</dt>
            <dd>{formatNumber(totals.completed ?? 0, locale)}</dd>
          </div>
          <div>
            <dt>{t('live.converted')}</dt>
            <dd>
              {formatNumber(totals.converted ?? 0, locale)}{' '}
              <span className="muted">{formatPercent(rate, locale)}</span>
            </dd>
          </div>
        </dl>
      ) : null}
      {!live.noData && live.stats?.variants ? (
        <VariantResults variants={live.stats.variants} splitName={(id) => names(id) ?? id} />
      ) : null}
      {!live.noData && live.stats?.timeline ? <DailyChart timeline={live.stats.timeline} /> : null}
      {live.fetchedAt ? (
        <p className="muted small">
          {t('live.updated', { when: formatRelative(new Date(live.fetchedAt).toISOString(), locale) })}
        </p>
      ) : null}
    </section>
  );
}
