import type { ApprovalRequest, ApprovalState } from '../../api/approvals.ts';
import { useI18n } from '../../i18n/index.ts';
import { Banner } from '../../ui/banner.tsx';
import { formatDateTime } from '../../ui/format.ts';

interface ApprovalStatusProps {
  request: ApprovalRequest | null;
  state: ApprovalState | undefined;
  revision: number;
  onRefresh: () => void;
}

/** Where the journey's approval request stands, in the planner's words, above the publish form. */
export function ApprovalStatus({ request, state, revision, onRefresh }: ApprovalStatusProps) {
  const { t, locale } = useI18n();
  if (!request || state === undefined) return null;
  const requester = request.requestedByName ?? '—';
  const decider = request.decidedByName ?? '—';
  switch (state) {
    case 'pending':
      return (
        <Banner
          kind="info"
          action={
            <button type="button" className="button small" onClick={onRefresh}>
              {t('approval.refresh')}
            </button>
          }
        >
          <span data-testid="approval-state">
            {t('approval.pending', { name: requester, when: formatDateTime(request.requestedAt, locale) })}
          </span>
        </Banner>
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
    case 'published':
    case 'superseded':
      return null;
  }
}
