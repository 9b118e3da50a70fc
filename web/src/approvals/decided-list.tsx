import type { ApprovalRequest } from '../api/approvals.ts';
import { useI18n } from '../i18n/index.ts';
import { formatDateTime } from '../ui/format.ts';
import { RequestFacts } from './request-facts.tsx';

/** Requests already approved or rejected, newest first: who decided, when, and their comment. */
export function DecidedList({ items }: { items: readonly ApprovalRequest[] }) {
  const { t, locale } = useI18n();
  return (
    <ul className="approval-list">
      {items.map((request) => (
        <li key={request.id} className="approval-card approval-card-decided" aria-label={request.journeyName}>
          <div className="approval-head">
            <span className="approval-journey">{request.journeyName}</span>
            <RequestFacts request={request} />
          </div>
          <p className="approval-decision">
            {t('approvals.decision', {
              state: t(`approvals.state.${request.state === 'rejected' ? 'rejected' : 'approved'}`),
              name: request.decidedByName ?? '—',
              when: formatDateTime(request.decidedAt, locale),
            })}
            {request.publishedVersion !== null
              ? ` · ${t('approvals.publishedAs', { version: request.publishedVersion })}`
              : ''}
          </p>
          {request.comment ? <p className="approval-comment">{request.comment}</p> : null}
        </li>
      ))}
    </ul>
  );
}
