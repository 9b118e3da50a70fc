import type { ApprovalBrief } from '../api/approvals.ts';
import { useI18n } from '../i18n/index.ts';
import { formatDateTime } from '../ui/format.ts';

/**
 * Beside a journey's status in the list: where its newest approval request stands (待审批,
 * 已通过，可发布, 已驳回, 已失效, 已撤回), with who asked or decided, and when, as its tooltip.
 */
export function ApprovalBriefChip({ approval }: { approval: ApprovalBrief }) {
  const { t, locale } = useI18n();
  const { state } = approval;
  const label =
    state === 'pending'
      ? t('journeys.approvalPending')
      : state === 'approved'
        ? t('journeys.approvalApproved')
        : t(`approvals.state.${state}`);
  const title =
    state === 'pending'
      ? t('approvals.requestedBy', {
          name: approval.requestedByName ?? '—',
          when: formatDateTime(approval.requestedAt, locale),
        })
      : state === 'stale'
        ? t('journeys.approvalStaleHint')
        : t('approvals.decision', {
            state: t(`approvals.state.${state}`),
            name: approval.decidedByName ?? '—',
            when: formatDateTime(approval.decidedAt, locale),
          });
  return (
    <span className={`badge approval-chip approval-chip-${state}`} title={title} data-testid="approval-brief">
      {label}
    </span>
  );
}
