import { useState } from 'react';
import { isApiError } from '../api/api-error.ts';
import { type RmTask, type RmTaskOutcome, recordRmTaskOutcome } from '../api/rm-tasks.ts';
import { navigate } from '../app/router.ts';
import { useI18n } from '../i18n/index.ts';
import { ChoiceButton } from '../ui/choice-button.tsx';
import { errorText } from '../ui/error-text.ts';
import { formatDateTime, formatRelative } from '../ui/format.ts';
import { urgencyOf } from './due.ts';

/** What became of a recording, for the page to announce once the card has left the list. */
export type RecordResult =
  | { kind: 'recorded'; outcome: RmTaskOutcome }
  | { kind: 'already-recorded'; outcome: RmTaskOutcome | undefined }
  | { kind: 'closed'; reason: string };

interface OpenTaskCardProps {
  task: RmTask;
  now: number;
  /** Called when the task is finished with (recorded now, or found closed): the card leaves the list. */
  onDone: (task: RmTask, result: RecordResult) => void;
}

/** Codes that mean the task is over whatever the manager does next: take it off the list. */
const closingCodes = new Set([
  'rm-task.expired',
  'rm-task.closed',
  'rm-task.not-found',
  'rm-task.not-assigned',
]);

/** One open task: who, which journey, what to say, by when, and the two outcome buttons. */
export function OpenTaskCard({ task, now, onDone }: OpenTaskCardProps) {
  const { t, locale } = useI18n();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<RmTaskOutcome | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const urgency = urgencyOf(task, now);
  const who = task.customer.name ?? task.customer.id;

  async function record(outcome: RmTaskOutcome) {
    setBusy(outcome);
    setError(undefined);
    try {
      await recordRmTaskOutcome(task, outcome, note);
      onDone(task, { kind: 'recorded', outcome });
    } catch (failure) {
      setBusy(null);
      if (isApiError(failure) && failure.code === 'rm-task.already-recorded') {
        const recorded = failure.body.outcome;
        onDone(task, {
          kind: 'already-recorded',
          outcome: recorded === 'converted' || recorded === 'not-interested' ? recorded : undefined,
        });
      } else if (isApiError(failure) && closingCodes.has(failure.code)) {
        onDone(task, { kind: 'closed', reason: errorText(t, failure) });
      } else {
        setError(failure);
      }
    }
  }

  return (
    <li className={`rm-task rm-task-${urgency}`} aria-label={`${who} · ${task.customer.id}`}>
      <div className="rm-task-head">
        <span className={`badge rm-kind rm-kind-${task.kind}`}>{t(`rmTasks.kind.${task.kind}`)}</span>
        <a
          className="rm-customer"
          href={`/customers/${encodeURIComponent(task.customer.id)}`}
          onClick={(event) => {
            event.preventDefault();
            navigate(`/customers/${encodeURIComponent(task.customer.id)}`);
          }}
        >
          {task.customer.name ?? '—'}
        </a>
        <span className="mono muted">{task.customer.id}</span>
        {task.customer.phone ? (
          task.customer.piiMasked ? (
            <span className="mono">{task.customer.phone}</span>
          ) : (
            <a
              className="mono rm-phone"
              href={`tel:${task.customer.phone}`}
              title={t('rmTasks.callPhone', { phone: task.customer.phone })}
            >
              {task.customer.phone}
            </a>
          )
        ) : null}
        {task.customer.branch ? <span className="muted">{task.customer.branch}</span> : null}
        <span className="rm-due">
          {urgency === 'overdue' ? (
            <span className="badge rm-badge-overdue">{t('rmTasks.overdue')}</span>
          ) : urgency === 'soon' ? (
            <span className="badge rm-badge-soon">{t('rmTasks.dueSoon')}</span>
          ) : null}
          <span className={urgency === 'later' ? 'muted' : undefined}>
            {t('rmTasks.dueAt', {
              time: formatDateTime(task.dueAt, locale),
              relative: formatRelative(task.dueAt, locale, now),
            })}
          </span>
        </span>
      </div>
      <div className="rm-task-journey muted">
        <span>{t('rmTasks.inJourney', { name: task.journey.name })}</span>
        {task.journey.status === 'paused' ? (
          <span className="badge badge-paused">{t('rmTasks.paused')}</span>
        ) : null}
        <span>{t('rmTasks.assignedAt', { time: formatDateTime(task.assignedAt, locale) })}</span>
      </div>
      <div className="rm-talking-points">
        <span className="field-label">{t('rmTasks.talkingPoints')}</span>
        {task.talkingPoints ? (
          <p>{task.talkingPoints}</p>
        ) : (
          <p className="muted">{t('rmTasks.noTalkingPoints')}</p>
        )}
        {task.talkingPointsProblem ? (
          <p className="field-hint">{t('rmTasks.scriptProblem', { reason: task.talkingPointsProblem })}</p>
        ) : null}
      </div>
      {urgency === 'overdue' ? (
        <p className="rm-task-hint">{t('rmTasks.overdueHint')}</p>
      ) : (
        <div className="rm-task-actions">
          <input
            className="grow"
            value={note}
            maxLength={1000}
            placeholder={t('rmTasks.notePlaceholder')}
            aria-label={t('rmTasks.note')}
            disabled={busy !== null}
            onChange={(event) => setNote(event.target.value)}
          />
          <ChoiceButton
            choice="converted"
            busy={busy}
            onChoose={(choice) => void record(choice)}
            className="button primary"
            busyLabel={t('rmTasks.recording')}
          >
            {t('rmTasks.converted')}
          </ChoiceButton>
          <ChoiceButton
            choice="not-interested"
            busy={busy}
            onChoose={(choice) => void record(choice)}
            busyLabel={t('rmTasks.recording')}
          >
            {t('rmTasks.notInterested')}
          </ChoiceButton>
        </div>
      )}
      {error ? (
        <p className="field-error" role="alert">
          {errorText(t, error)}
        </p>
      ) : null}
    </li>
  );
}
