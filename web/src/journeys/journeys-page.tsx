import { useState } from 'react';
import { type JourneyStatus, listJourneys } from '../api/journeys.ts';
import { navigate, queryParam, useLocation } from '../app/router.ts';
import { useAsync, useDebounced } from '../app/use-async.ts';
import { useI18n } from '../i18n/index.ts';
import { Banner } from '../ui/banner.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { errorText } from '../ui/error-text.ts';
import { formatNumber, formatPercent, formatRelative } from '../ui/format.ts';
import { ApprovalBriefChip } from './approval-brief-chip.tsx';
import { NewJourneyDialog } from './new-journey-dialog.tsx';

const statuses: readonly JourneyStatus[] = ['draft', 'live', 'paused', 'archived'];

/** Every journey with its state and results; search, filter by status, create one. */
export function JourneysPage() {
  const { t, locale } = useI18n();
  const location = useLocation();
  const [query, setQuery] = useState(queryParam(location, 'q') ?? '');
  const [status, setStatus] = useState(queryParam(location, 'status') ?? '');
  const [creating, setCreating] = useState(false);
  const settled = useDebounced(query.trim(), 250);
  const result = useAsync(() => listJourneys({ q: settled, status }), [settled, status]);

  function changeStatus(next: string) {
    setStatus(next);
    navigate(next ? `/journeys?status=${next}` : '/journeys', { replace: true });
  }

  return (
    <main className="page">
      <div className="page-header">
        <h1>{t('journeys.title')}</h1>
        <button type="button" className="button primary" onClick={() => setCreating(true)}>
          + {t('journeys.new')}
        </button>
      </div>
      <div className="toolbar">
        <input
          type="search"
          className="grow"
          placeholder={t('journeys.searchPlaceholder')}
          aria-label={t('journeys.search')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <select
          aria-label={t('journeys.statusFilter')}
          value={status}
          onChange={(e) => changeStatus(e.target.value)}
        >
          <option value="">{t('journeys.allStatuses')}</option>
          {statuses.map((value) => (
            <option key={value} value={value}>
              {t(`status.${value}`)}
            </option>
          ))}
        </select>
      </div>
      {result.error ? (
        <Banner
          kind="error"
          action={
            <button type="button" className="button small" onClick={result.reload}>
              {t('common.retry')}
            </button>
          }
        >
          {errorText(t, result.error)}
        </Banner>
      ) : null}
      {result.data && result.data.length === 0 ? (
        <EmptyState title={settled || status ? t('journeys.noneMatching') : t('journeys.none')}>
          {!settled && !status ? t('journeys.noneHint') : null}
        </EmptyState>
      ) : null}
      {result.data && result.data.length > 0 ? (
        <table className="table" aria-label={t('journeys.title')}>
          <thead>
            <tr>
              <th>{t('journeys.name')}</th>
              <th>{t('journeys.status')}</th>
              <th className="num">{t('journeys.liveVersion')}</th>
              <th className="num">{t('journeys.entered')}</th>
              <th className="num">{t('journeys.active')}</th>
              <th className="num">{t('journeys.converting')}</th>
              <th className="num">{t('journeys.conversionRate')}</th>
              <th>{t('journeys.lastChange')}</th>
            </tr>
          </thead>
          <tbody>
            {result.data.map((journey) => (
              <tr key={journey.id} className="clickable" onClick={() => navigate(`/journeys/${journey.id}`)}>
                <td>
                  <a
                    href={`/journeys/${journey.id}`}
                    onClick={(event) => {
                      event.preventDefault();
                    }}
                  >
                    {journey.name}
                  </a>
                </td>
                <td>
                  <span className="badges">
                    <span className={`badge badge-${journey.status}`}>{t(`status.${journey.status}`)}</span>
                    {journey.approval ? <ApprovalBriefChip approval={journey.approval} /> : null}
                  </span>
                </td>
                <td className="num">{journey.liveVersion ? `v${journey.liveVersion}` : '—'}</td>
                <td className="num">{formatNumber(journey.totals?.entered, locale)}</td>
                <td className="num">{formatNumber(journey.totals?.active, locale)}</td>
                <td className="num">{formatNumber(journey.totals?.converted, locale)}</td>
                <td className="num">{formatPercent(journey.totals?.conversionRate, locale)}</td>
                <td className="muted">{formatRelative(journey.updatedAt, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {result.loading && !result.data ? <p className="muted">{t('common.loading')}</p> : null}
      {creating ? <NewJourneyDialog onClose={() => setCreating(false)} /> : null}
    </main>
  );
}
