import { useState } from 'react';
import { isApiError } from '../api/api-error.ts';
import { type ApprovalRequest, decideApproval } from '../api/approvals.ts';
import { navigate } from '../app/router.ts';
import { useI18n } from '../i18n/index.ts';
import { ChoiceButton } from '../ui/choice-button.tsx';
import { errorText } from '../ui/error-text.ts';
import { ApprovalChanges } from './approval-changes.tsx';
import { RequestFacts } from './request-facts.tsx';
import { announceApprovalsChanged } from './use-pending-count.ts';

type Decision = 'approve' | 'reject';

interface ApprovalCardProps {
  request: ApprovalRequest;
  /** The signed-in approver: their own requests are shown but cannot be decided (four eyes). */
  userId: string | undefined;
  /** The request was decided (here, or by someone else meanwhile): it leaves the waiting list. */
  onDecided: (request: ApprovalRequest, decision: Decision | 'elsewhere', message?: string) => void;
}

/** Codes that mean the request is no longer this approver's to decide. */
const goneCodes = new Set([
  'approval.already-decided',
  'approval.stale',
  'approval.withdrawn',
  'approval.not-found',
]);

/** One waiting request: the journey, who asked and why, what would change, and the decision. */
export function ApprovalCard({ request, userId, onDecided }: ApprovalCardProps) {
  const { t } = useI18n();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<Decision | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [commentMissing, setCommentMissing] = useState(false);
  const own = request.requestedBy !== null && request.requestedBy === userId;
  const stale = request.state === 'stale';

  async function decide(decision: Decision) {
    if (decision === 'reject' && comment.trim() === '') {
      setCommentMissing(true);
      return;
    }
    setCommentMissing(false);
    setBusy(decision);
    setError(undefined);
    try {
      const decided = await decideApproval(request.id, decision, comment.trim());
      onDecided(decided, decision);
      announceApprovalsChanged();
    } catch (failure) {
      setBusy(null);
      if (isApiError(failure) && goneCodes.has(failure.code)) {
        onDecided(request, 'elsewhere', errorText(t, failure));
        announceApprovalsChanged();
      } else setError(failure);
    }
  }

  const journeyPath = `/journeys/${encodeURIComponent(request.journeyId)}`;
  return (
    <li className="approval-card" aria-label={request.journeyName}>
      <div className="approval-head">
        <a
          className="approval-journey"
          href={journeyPath}
          title={t('approvals.openJourney')}
          onClick={(event) => {
            event.preventDefault();
            navigate(journeyPath);
          }}
        >
          {request.journeyName}
        </a>
        <RequestFacts request={request} />
      </div>
      <div className="approval-note">
        <span className="field-label">{t('approvals.note')}</span>
        {request.note ? <p>{request.note}</p> : <p className="muted">{t('approvals.noNote')}</p>}
      </div>
      {stale ? (
        <p className="approval-hint">{t('approvals.staleHint')}</p>
      ) : (
        <>
          <ApprovalChanges request={request} />
          {own ? (
            <p className="approval-hint">{t('approvals.ownRequest')}</p>
          ) : (
            <div className="approval-actions">
              <label className="field grow">
                <span>{t('approvals.comment')}</span>
                <textarea
                  rows={2}
                  maxLength={2000}
                  value={comment}
                  placeholder={t('approvals.commentPlaceholder')}
                  disabled={busy !== null}
                  aria-invalid={commentMissing}
                  onChange={(event) => {
                    setComment(event.target.value);
                    setCommentMissing(false);
                  }}
                />
              </label>
              <div className="approval-buttons">
                <ChoiceButton
                  choice="approve"
                  busy={busy}
                  onChoose={(choice) => void decide(choice)}
                  className="button primary"
                  busyLabel={t('approvals.deciding')}
                >
                  {t('approvals.approve')}
                </ChoiceButton>
                <ChoiceButton
                  choice="reject"
                  busy={busy}
                  onChoose={(choice) => void decide(choice)}
                  className="button danger"
                  busyLabel={t('approvals.deciding')}
                >
                  {t('approvals.reject')}
                </ChoiceButton>
              </div>
            </div>
          )}
        </>
      )}
      {commentMissing ? (
        <p className="field-error" role="alert">
          {t('approvals.commentNeeded')}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          {errorText(t, error)}
        </p>
      ) : null}
    </li>
  );
}
