import { diffGraphs, type Problem } from '@waymark/journey';
import { useEffect, useState } from 'react';
import { isApiError } from '../../api/api-error.ts';
import { requestApproval } from '../../api/approvals.ts';
import { can } from '../../api/auth.ts';
import { getJourney, getVersion, type Journey, publishJourney } from '../../api/journeys.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { useI18n } from '../../i18n/index.ts';
import { Banner } from '../../ui/banner.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { errorText } from '../../ui/error-text.ts';
import { type JourneyGraph, normalizeGraph } from '../graph-types.ts';
import { useProblemText } from '../problems/problem-text.tsx';
import { ApprovalStatus } from './approval-status.tsx';
import { DiffList } from './diff-list.tsx';
import { useJourneyApproval } from './use-journey-approval.ts';

interface PublishDialogProps {
  journey: Journey;
  graph: JourneyGraph;
  problems: readonly Problem[];
  /** Saves pending edits first, so what is published is exactly what the planner sees. */
  flush: () => Promise<boolean>;
  revision: number;
  onClose: () => void;
  onPublished: (journey: Journey) => void;
}

/**
 * Confirms publishing: what changes against the live version, a note, then publish. Where
 * publishing needs approval (maker–checker), the same dialog asks for it first, shows where the
 * request stands, and enables Publish only once this exact draft revision is approved.
 */
export function PublishDialog({
  journey,
  graph,
  problems,
  flush,
  revision,
  onClose,
  onPublished,
}: PublishDialogProps) {
  const { t } = useI18n();
  const problemText = useProblemText();
  const [live, setLive] = useState<JourneyGraph | undefined>(undefined);
  const [loadError, setLoadError] = useState<unknown>(undefined);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const nextVersion = (journey.liveVersion ?? 0) + 1;
  const approval = useJourneyApproval(journey.id, revision);
  const approvalRequired = approval.approval?.required ?? false;
  // Until the server said whether approval is needed, neither button can be right.
  const approvalUnknown = approval.approval === undefined && approval.error === undefined;
  const mustRequest = approvalRequired && approval.state !== 'approved';
  const approvedNote = approval.state === 'approved' ? approval.approval?.request?.note : undefined;
  const { user } = useAuth();
  const latestRequest = approval.approval?.request ?? null;
  // Whoever asked takes their own request back; administrators anyone's (the server decides too).
  const mayWithdraw =
    latestRequest !== null &&
    (latestRequest.requestedBy === user?.id || can(user, 'journeys.withdraw-any-approval'));

  // The version history says what the approver approved, unless the planner writes otherwise.
  useEffect(() => {
    if (approvedNote) setNote((current) => current || approvedNote);
  }, [approvedNote]);

  useEffect(() => {
    if (journey.liveVersion === null) return;
    getVersion(journey.id, journey.liveVersion)
      .then((version) => setLive(normalizeGraph(version.graph)))
      .catch(setLoadError);
  }, [journey.id, journey.liveVersion]);

  // Publishing an unchanged draft would only be refused by the server: say so before the click.
  const unchanged = live !== undefined && diffGraphs(live, graph).unchanged;
  const serverProblems: Problem[] =
    isApiError(error) && Array.isArray(error.body.problems) ? (error.body.problems as Problem[]) : [];

  async function askForApproval() {
    setBusy(true);
    setError(undefined);
    try {
      const saved = await flush();
      if (!saved) throw new Error('not-saved');
      // The request names the revision the server now holds: the one just saved, which is on screen.
      const current = await getJourney(journey.id);
      await requestApproval(journey.id, { baseRevision: current.draftRevision, note });
      await approval.reload();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  async function publish() {
    setBusy(true);
    setError(undefined);
    try {
      const saved = await flush();
      if (!saved) throw new Error('not-saved');
      await publishJourney(journey.id, { baseRevision: revision, note });
      onPublished(await getJourney(journey.id));
      onClose();
    } catch (failure) {
      setError(failure);
      // The request changed under us (edited, decided, spent): show where it stands now.
      if (isApiError(failure) && failure.code.startsWith('approval.')) void approval.reload();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      wide
      title={t('publish.title')}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          {mustRequest ? (
            <button
              type="button"
              className="button primary"
              disabled={busy || problems.length > 0 || unchanged || approval.state === 'pending'}
              onClick={() => void askForApproval()}
            >
              {busy
                ? t('approval.requesting')
                : approval.state === 'rejected' ||
                    approval.state === 'stale' ||
                    approval.state === 'withdrawn'
                  ? t('approval.requestAgain')
                  : t('approval.request')}
            </button>
          ) : (
            <button
              type="button"
              className="button primary"
              disabled={busy || approvalUnknown || problems.length > 0 || unchanged}
              onClick={() => void publish()}
            >
              {busy ? t('publish.publishing') : t('publish.confirm')}
            </button>
          )}
        </>
      }
    >
      <p>{t('publish.intro', { version: nextVersion })}</p>
      {approvalRequired ? <p className="muted">{t('approval.requiredIntro')}</p> : null}
      {approval.error ? <Banner kind="warning">{errorText(t, approval.error)}</Banner> : null}
      <ApprovalStatus
        request={latestRequest}
        state={approval.state}
        revision={revision}
        mayWithdraw={mayWithdraw}
        onRefresh={() => void approval.reload()}
        onWithdrawn={() => {
          setError(undefined);
          void approval.reload();
        }}
        onError={(failure) => {
          setError(failure);
          // Decided or withdrawn meanwhile: show where it stands now.
          if (isApiError(failure) && failure.code.startsWith('approval.')) void approval.reload();
        }}
      />
      {problems.length > 0 ? <Banner kind="error">{t('publish.blocked')}</Banner> : null}
      {error ? (
        <Banner kind="error">
          {error instanceof Error && error.message === 'not-saved' ? t('save.unsaved') : errorText(t, error)}
        </Banner>
      ) : null}
      {serverProblems.length > 0 ? (
        <ul className="problems-list">
          {serverProblems.map((problem, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: server problems have no id.
            <li key={index}>{problemText(problem)}</li>
          ))}
        </ul>
      ) : null}
      {journey.liveVersion === null ? (
        <p className="muted">{t('publish.firstVersion')}</p>
      ) : (
        <>
          <h3>{t('publish.changes', { version: journey.liveVersion })}</h3>
          {loadError ? <Banner kind="warning">{errorText(t, loadError)}</Banner> : null}
          {live ? (
            <DiffList live={live} draft={graph} />
          ) : loadError ? null : (
            <p className="muted">{t('common.loading')}</p>
          )}
        </>
      )}
      <label className="field">
        <span>{mustRequest ? t('approval.noteLabel') : t('publish.note')}</span>
        <textarea
          rows={2}
          disabled={mustRequest && approval.state === 'pending'}
          placeholder={t('publish.notePlaceholder')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
    </Dialog>
  );
}
