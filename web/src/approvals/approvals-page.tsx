import './approvals.css';
import { useCallback, useEffect, useState } from 'react';
import { type ApprovalRequest, listApprovals } from '../api/approvals.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { useI18n } from '../i18n/index.ts';
import { Banner } from '../ui/banner.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { errorText } from '../ui/error-text.ts';
import { PageTabs } from '../ui/page-tabs.tsx';
import { ApprovalCard } from './approval-card.tsx';
import { DecidedList } from './decided-list.tsx';

type Tab = 'pending' | 'decided';

/**
 * 待审批: the approver's queue. Each waiting request shows the planner's note and what would go
 * live; approving lets the planner publish that exact draft once, rejecting sends the comment back.
 */
export function ApprovalsPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const [tab, setTab] = useState<Tab>('pending');
  const [items, setItems] = useState<ApprovalRequest[] | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [notice, setNotice] = useState<{ kind: 'success' | 'info'; text: string } | null>(null);

  const load = useCallback(async (which: Tab) => {
    setItems(undefined);
    setError(undefined);
    try {
      setItems(await listApprovals(which));
    } catch (failure) {
      setError(failure);
    }
  }, []);

  useEffect(() => {
    void load(tab);
  }, [load, tab]);

  function decided(request: ApprovalRequest, decision: 'approve' | 'reject' | 'elsewhere', message?: string) {
    setItems((current) => current?.filter((item) => item.id !== request.id));
    if (decision === 'elsewhere') setNotice({ kind: 'info', text: message ?? '' });
    else
      setNotice({
        kind: 'success',
        text: t(decision === 'approve' ? 'approvals.approvedNotice' : 'approvals.rejectedNotice', {
          name: request.journeyName,
        }),
      });
  }

  return (
    <main className="page approvals-page">
      <div className="page-header">
        <div className="grow">
          <h1>{t('approvals.title')}</h1>
          <p className="muted page-subtitle">{t('approvals.subtitle')}</p>
        </div>
      </div>
      <div className="toolbar">
        <PageTabs
          label={t('approvals.title')}
          tabs={[
            {
              value: 'pending',
              label: t('approvals.waiting'),
              count: tab === 'pending' && items ? items.length : undefined,
            },
            { value: 'decided', label: t('approvals.decided') },
          ]}
          selected={tab}
          onSelect={(value) => {
            setTab(value);
            setNotice(null);
          }}
        />
      </div>
      {notice ? <Banner kind={notice.kind}>{notice.text}</Banner> : null}
      {error ? (
        <Banner
          kind="error"
          action={
            <button type="button" className="button" onClick={() => void load(tab)}>
              {t('common.retry')}
            </button>
          }
        >
          {errorText(t, error)}
        </Banner>
      ) : null}
      {items === undefined ? (
        error ? null : (
          <p className="muted">{t('common.loading')}</p>
        )
      ) : items.length === 0 ? (
        <EmptyState title={tab === 'pending' ? t('approvals.empty') : t('approvals.emptyDecided')} />
      ) : tab === 'pending' ? (
        <ul className="approval-list">
          {items.map((request) => (
            <ApprovalCard key={request.id} request={request} userId={user?.id} onDecided={decided} />
          ))}
        </ul>
      ) : (
        <DecidedList items={items} />
      )}
    </main>
  );
}
