import type { ApprovalRequest } from '../api/approvals.ts';
import { useI18n } from '../i18n/index.ts';
import { formatDateTime } from '../ui/format.ts';
import { RequestFacts } from './request-facts.tsx';

/** How a request was closed; approved ones stay "approved" once published or made stale by edits. */
function outcomeOf(request: ApprovalRequest): 'approved' | 'rejected' | 'withdrawn' {
  return request.state === 'rejected' || request.state === 'withdrawn' ? request.state : 'approved';
}

/**
 * Requests already approved, rejected or withdrawn by the planner, newest first: who decided (or
 * withdrew), when, and the approver's comment.
 */
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
              state: t(`approvals.state.${outcomeOf(request)}`),
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
