import { useI18n } from '../../i18n/index.ts';
import { useJourneyApproval } from './use-journey-approval.ts';

/** Shown states: the ones that tell the planner what to do next about publishing. */
const shown = new Set(['pending', 'approved', 'rejected', 'stale']);

/**
 * Beside the journey's status: where its approval request stands (待审批, 已通过, 已驳回, 已失效),
 * when publishing needs approval. The publish dialog has the details.
 */
export function ApprovalChip({ journeyId, revision }: { journeyId: string; revision: number }) {
  const { t } = useI18n();
  const { approval, state } = useJourneyApproval(journeyId, revision);
  if (!approval?.required || state === undefined || !shown.has(state)) return null;
  return (
    <span className={`badge approval-chip approval-chip-${state}`} data-testid="approval-chip">
      {t('approval.chip', { state: t(`approvals.state.${state}`) })}
    </span>
  );
}
