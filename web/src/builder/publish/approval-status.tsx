import type { ApprovalRequest, ApprovalState } from '../../api/approvals.ts';
import { useI18n } from '../../i18n/index.ts';
import { Banner } from '../../ui/banner.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PendingRequest } from './pending-request.tsx';

interface ApprovalStatusProps {
  request: ApprovalRequest | null;
  state: ApprovalState | undefined;
  revision: number;
  /** Whether the signed-in user may withdraw a waiting request (they asked, or they administer). */
  mayWithdraw: boolean;
  onRefresh: () => void;
  onWithdrawn: () => void;
  onError: (failure: unknown) => void;
}

/** Where the journey's approval request stands, in the planner's words, above the publish form. */
export function ApprovalStatus({
  request,
  state,
  revision,
  mayWithdraw,
  onRefresh,
  onWithdrawn,
  onError,
}: ApprovalStatusProps) {
  const { t, locale } = useI18n();
  if (!request || state === undefined) return null;
  const decider = request.decidedByName ?? '—';
  switch (state) {
    case 'pending':
      return (
        <PendingRequest
          request={request}
          mayWithdraw={mayWithdraw}
          onRefresh={onRefresh}
          onWithdrawn={onWithdrawn}
          onError={onError}
        />
      );
    case 'approved':
      return (
        <Banner kind="success">
          <span data-testid="approval-state">
            {t('approval.approved', { name: decider, when: formatDateTime(request.decidedAt, locale) })}
            {request.comment ? (
              <>
                <br />
                {t('approval.approverComment', { comment: request.comment })}
              </>
            ) : null}
          </span>
        </Banner>
      );
    case 'rejected':
      return (
        <Banner kind="error">
          <span data-testid="approval-state">
            {t('approval.rejected', { name: decider, comment: request.comment })} {t('approval.rejectedHint')}
          </span>
        </Banner>
      );
    case 'stale':
      return (
        <Banner kind="warning">
          <span data-testid="approval-state">
            {t('approval.stale', { requested: request.draftRevision, current: revision })}
          </span>
        </Banner>
      );
    case 'withdrawn':
      return (
        <Banner kind="info">
          <span data-testid="approval-state">
            {t('approval.withdrawn', { name: decider, when: formatDateTime(request.decidedAt, locale) })}
          </span>
        </Banner>
      );
    case 'published':
    case 'superseded':
      return null;
  }
}
