import { useState } from 'react';
import { searchCustomers } from '../api/customers.ts';
import { navigate, queryParam, useLocation } from '../app/router.ts';
import { useAsync, useDebounced } from '../app/use-async.ts';
import { useI18n } from '../i18n/index.ts';
import { Banner } from '../ui/banner.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { errorText } from '../ui/error-text.ts';
import { formatNumber } from '../ui/format.ts';

/** Search customers by id, name or phone; personal data arrives masked from the server. */
export function CustomersPage() {
  const { t, locale } = useI18n();
  const location = useLocation();
  const [query, setQuery] = useState(queryParam(location, 'q') ?? '');
  const settled = useDebounced(query.trim(), 250);
  const result = useAsync(() => searchCustomers(settled), [settled]);

  return (
    <main className="page">
      <div className="page-header">
        <h1>{t('customers.title')}</h1>
      </div>
      <div className="toolbar">
        <input
          type="search"
          className="grow"
          placeholder={t('customers.searchPlaceholder')}
          aria-label={t('customers.search')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
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
      {result.data && result.data.items.length === 0 ? <EmptyState title={t('customers.none')} /> : null}
      {result.data && result.data.items.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th>{t('customers.id')}</th>
              <th>{t('customers.name')}</th>
              <th>{t('customers.phone')}</th>
              <th className="num">{t('attributes.age')}</th>
              <th>{t('attributes.job')}</th>
              <th className="num">{t('attributes.balance')}</th>
              <th>{t('customers.tags')}</th>
            </tr>
          </thead>
          <tbody>
            {result.data.items.map((customer) => (
              <tr
                key={customer.id}
                className="clickable"
                onClick={() => navigate(`/customers/${customer.id}`)}
              >
                <td className="mono">{customer.id}</td>
                <td>{customer.name ?? '—'}</td>
                <td className="mono">{customer.phone ?? '—'}</td>
                <td className="num">{formatNumber(customer.attributes.age, locale)}</td>
                <td>{String(customer.attributes.job ?? '—')}</td>
                <td className="num">{formatNumber(customer.attributes.balance, locale)}</td>
                <td>
                  {customer.tags.map((tag) => (
                    <span key={tag} className="badge">
                      {tag}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {result.loading && !result.data ? <p className="muted">{t('common.loading')}</p> : null}
    </main>
  );
}
