import { useState } from 'react';
import { type ApprovalRequest, withdrawApproval } from '../../api/approvals.ts';
import { useI18n } from '../../i18n/index.ts';
import { Banner } from '../../ui/banner.tsx';
import { formatDateTime } from '../../ui/format.ts';

interface PendingRequestProps {
  request: ApprovalRequest;
  /** The requester themself, or an administrator; the server refuses anyone else. */
  mayWithdraw: boolean;
  onRefresh: () => void;
  onWithdrawn: () => void;
  onError: (failure: unknown) => void;
}

/**
 * A request waiting for an approver, with 撤回申请 to take it back. Withdrawing asks first: a stray
 * click would otherwise drop the request out of the approvers' queue.
 */
export function PendingRequest({
  request,
  mayWithdraw,
  onRefresh,
  onWithdrawn,
  onError,
}: PendingRequestProps) {
  const { t, locale } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  async function withdraw() {
    setBusy(true);
    try {
      await withdrawApproval(request.id);
      onWithdrawn();
    } catch (failure) {
      onError(failure);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  return (
    <>
      <Banner
        kind="info"
        action={
          <>
            <button type="button" className="button small" onClick={onRefresh}>
              {t('approval.refresh')}
            </button>
            {mayWithdraw && !confirming ? (
              <button type="button" className="button small" onClick={() => setConfirming(true)}>
                {t('approval.withdraw')}
              </button>
            ) : null}
          </>
        }
      >
        <span data-testid="approval-state">
          {t('approval.pending', {
            name: request.requestedByName ?? '—',
            when: formatDateTime(request.requestedAt, locale),
          })}
        </span>
      </Banner>
      {confirming ? (
        <Banner
          kind="warning"
          action={
            <>
              <button
                type="button"
                className="button small danger"
                disabled={busy}
                onClick={() => void withdraw()}
              >
                {busy ? t('approval.withdrawing') : t('approval.withdrawConfirm')}
              </button>
              <button
                type="button"
                className="button small"
                disabled={busy}
                onClick={() => setConfirming(false)}
              >
                {t('approval.withdrawKeep')}
              </button>
            </>
          }
        >
          {t('approval.withdrawQuestion')}
        </Banner>
      ) : null}
    </>
  );
}
