import type { TFunction } from 'i18next';
import { getCustomer, type TimelineEntry } from '../api/customers.ts';
import { navigate } from '../app/router.ts';
import { useAsync } from '../app/use-async.ts';
import type { FieldCatalog } from '../fields/field-catalog.ts';
import { useFieldCatalog } from '../fields/use-field-catalog.ts';
import { type Locale, useI18n } from '../i18n/index.ts';
import { Banner } from '../ui/banner.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { errorText } from '../ui/error-text.ts';
import { formatDateTime, formatNumber } from '../ui/format.ts';

/** Attributes in the catalog's order first (age, balance, job…), then any others by name. */
function orderedAttributes(attributes: Record<string, unknown>, catalog: FieldCatalog): [string, unknown][] {
  const fields = catalog.attributes;
  const rank = (key: string) => {
    const index = fields.findIndex((field) => field.name === key);
    return index === -1 ? fields.length : index;
  };
  return Object.entries(attributes).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

function formatValue(value: unknown, t: TFunction, locale: Locale): string {
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'number') return formatNumber(value, locale);
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function describeEntry(entry: TimelineEntry, t: TFunction): string {
  if (entry.kind === 'event') {
    const properties = Object.entries(entry.properties ?? {})
      .map(([key, value]) => `${key}=${String(value)}`)
      .join(', ');
    return properties ? `${entry.name} (${properties})` : (entry.name ?? '');
  }
  if (entry.kind === 'message') {
    const channel = t(`channels.${entry.channel}`, { defaultValue: entry.channel ?? '' });
    const status = t(`timeline.status.${entry.status}`, { defaultValue: entry.status ?? '' });
    return [
      channel,
      status,
      entry.variant ? `${t('timeline.variant')} ${entry.variant}` : '',
      entry.reason ?? '',
    ]
      .filter(Boolean)
      .join(' · ');
  }
  if (entry.kind === 'enrollment') {
    const status = t(`timeline.status.${entry.status}`, { defaultValue: entry.status ?? '' });
    return [`v${entry.version ?? ''}`, status, entry.exitReason ?? ''].filter(Boolean).join(' · ');
  }
  return '';
}

/** One customer's profile, consent and timeline of what journeys did with them. */
export function CustomerPage({ customerId }: { customerId: string }) {
  const { t, locale } = useI18n();
  const catalog = useFieldCatalog();
  const result = useAsync(() => getCustomer(customerId), [customerId]);
  const customer = result.data;
  return (
    <main className="page">
      <div className="page-header">
        <button type="button" className="button ghost" onClick={() => navigate('/customers')}>
          ← {t('customers.title')}
        </button>
        <h1>
          {customer?.name ?? customerId} <span className="muted mono">{customerId}</span>
        </h1>
      </div>
      {result.error ? <Banner kind="error">{errorText(t, result.error)}</Banner> : null}
      {customer ? (
        <div className="profile-grid">
          <section className="panel">
            <h3>{t('customers.profile')}</h3>
            <dl className="facts">
              <dt>{t('customers.phone')}</dt>
              <dd className="mono">{customer.phone ?? '—'}</dd>
              <dt>{t('customers.email')}</dt>
              <dd className="mono">{customer.email ?? '—'}</dd>
              <dt>{t('customers.idNumber')}</dt>
              <dd className="mono">{customer.idNumber ?? '—'}</dd>
              <dt>{t('customers.branch')}</dt>
              <dd>{customer.branch ?? '—'}</dd>
              {orderedAttributes(customer.attributes, catalog).map(([key, value]) => (
                <div key={key} className="fact">
                  <dt>{catalog.attributeLabel(key, locale)}</dt>
                  <dd>{formatValue(value, t, locale)}</dd>
                </div>
              ))}
            </dl>
            <h3>{t('customers.tags')}</h3>
            <p>
              {customer.tags.length === 0 ? <span className="muted">—</span> : null}
              {customer.tags.map((tag) => (
                <span key={tag} className="badge">
                  {tag}
                </span>
              ))}
            </p>
            <h3>{t('customers.consent')}</h3>
            {Object.keys(customer.consent ?? {}).length === 0 ? (
              <p className="muted">{t('customers.noOptOuts')}</p>
            ) : null}
            <ul className="plain-list">
              {Object.entries(customer.consent ?? {}).map(([channel, allowed]) => (
                <li key={channel}>
                  {t(`channels.${channel}`, { defaultValue: channel })}:{' '}
                  {allowed ? t('customers.consentGiven') : t('customers.consentWithdrawn')}
                </li>
              ))}
            </ul>
          </section>
          <section className="panel">
            <h3>{t('customers.timeline')}</h3>
            {customer.timeline.length === 0 ? <EmptyState title={t('customers.noTimeline')} /> : null}
            <ol className="timeline">
              {customer.timeline.map((entry) => (
                <li key={`${entry.kind}-${entry.id}`}>
                  <time className="muted">{formatDateTime(entry.at, locale)}</time>
                  <span className="badge">{t(`timeline.${entry.kind}`, { defaultValue: entry.kind })}</span>
                  <span>{describeEntry(entry, t)}</span>
                  {entry.journeyId ? (
                    <a
                      href={`/journeys/${entry.journeyId}`}
                      onClick={(event) => {
                        event.preventDefault();
                        navigate(`/journeys/${entry.journeyId}`);
                      }}
                    >
                      {t('timeline.openJourney')}
                    </a>
                  ) : null}
                </li>
              ))}
            </ol>
          </section>
        </div>
      ) : null}
    </main>
  );
}
