import type { Problem } from '@waymark/journey';
import { useState } from 'react';
import { changeJourneyState, type Journey, type JourneySummary } from '../api/journeys.ts';
import { navigate } from '../app/router.ts';
import { useI18n } from '../i18n/index.ts';
import { errorText } from '../ui/error-text.ts';
import type { EditorDoc, SaveStatus } from './autosave/use-autosave.ts';
import type { Notice } from './notices.tsx';
import { useProblemText } from './problems/problem-text.tsx';
import { ApprovalChip } from './publish/approval-chip.tsx';
import type { HistoryControls } from './state/use-history.ts';
import type { EditorCommands } from './use-editor-commands.ts';

interface EditorToolbarProps {
  journey: Journey;
  name: string;
  onName: (name: string) => void;
  readOnly: boolean;
  /** May pause and resume the journey (the publish permission): analysts and approvers only look. */
  mayRun: boolean;
  history: HistoryControls<EditorDoc>;
  commands: EditorCommands;
  saveStatus: SaveStatus;
  /** The draft revision on the server, which an approval request must match. */
  revision: number;
  /** Changes whenever the approval request may have changed (the publish dialog closed). */
  approvalRefresh: number;
  onRetrySave: () => void;
  problems: readonly Problem[];
  referencesLoaded: boolean;
  liveView: boolean;
  onLiveView: (on: boolean) => void;
  onOpen: (dialog: 'publish' | 'versions' | 'shortcuts') => void;
  onJourneyChange: (summary: JourneySummary) => void;
  notify: (kind: Notice['kind'], text: string) => void;
}

function SaveState({ status }: { status: SaveStatus }) {
  const { t } = useI18n();
  const text =
    status.kind === 'saved'
      ? t('save.saved')
      : status.kind === 'saving'
        ? t('save.saving')
        : status.kind === 'offline'
          ? t('save.retrying', { seconds: Math.max(0, Math.ceil((status.retryAt - Date.now()) / 1000)) })
          : t('save.unsaved');
  return (
    <span
      className={`save-state ${status.kind}`}
      role="status"
      data-testid="save-state"
      data-state={status.kind}
    >
      {text}
    </span>
  );
}

/** The bar above the canvas: name, state, save status, edit tools, versions, live view, publish. */
export function EditorToolbar(props: EditorToolbarProps) {
  const { journey, readOnly, history, commands, problems, notify } = props;
  const { t } = useI18n();
  const problemText = useProblemText();
  const [busy, setBusy] = useState(false);
  const blocked = problems.length > 0 || !props.referencesLoaded;
  const blockedReason =
    problems.length > 0
      ? [t('problems.publishBlocked'), ...problems.slice(0, 5).map((p) => `• ${problemText(p)}`)].join('\n')
      : !props.referencesLoaded
        ? t('problems.checking')
        : undefined;

  async function changeState(action: 'pause' | 'resume' | 'archive') {
    setBusy(true);
    try {
      props.onJourneyChange(await changeJourneyState(journey.id, action));
    } catch (error) {
      notify('error', errorText(t, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="editor-bar">
      <button type="button" className="button ghost" onClick={() => navigate('/journeys')}>
        ← {t('editor.backToList')}
      </button>
      <input
        className="editor-name"
        aria-label={t('editor.journeyName')}
        value={props.name}
        readOnly={readOnly}
        onChange={(event) => props.onName(event.target.value)}
      />
      <span className={`badge badge-${journey.status}`} data-testid="journey-status">
        {t(`status.${journey.status}`)}
        {journey.liveVersion ? ` · v${journey.liveVersion}` : ''}
      </span>
      <ApprovalChip key={props.approvalRefresh} journeyId={journey.id} revision={props.revision} />
      <SaveState status={props.saveStatus} />
      <span className="grow" />
      <button
        type="button"
        className="button small"
        onClick={history.undo}
        disabled={!history.canUndo || readOnly}
        title="Ctrl+Z"
      >
        {t('editor.undo')}
      </button>
      <button
        type="button"
        className="button small"
        onClick={history.redo}
        disabled={!history.canRedo || readOnly}
        title="Ctrl+Shift+Z"
      >
        {t('editor.redo')}
      </button>
      <button
        type="button"
        className="button small"
        onClick={commands.tidy}
        disabled={readOnly}
        title="Shift+L"
      >
        {t('editor.autoLayout')}
      </button>
      <button type="button" className="button small" onClick={commands.fit} title="Shift+1">
        {t('editor.fitView')}
      </button>
      <button
        type="button"
        className="button small"
        onClick={() => props.onOpen('shortcuts')}
        aria-label={t('editor.shortcuts')}
        title={t('editor.shortcuts')}
      >
        ?
      </button>
      <span className="bar-divider" />
      <button type="button" className="button small" onClick={() => props.onOpen('versions')}>
        {t('editor.history')}
      </button>
      {journey.liveVersion !== null ? (
        <button
          type="button"
          className="button small"
          aria-pressed={props.liveView}
          onClick={() => props.onLiveView(!props.liveView)}
        >
          {props.liveView ? t('editor.designView') : t('editor.liveView')}
        </button>
      ) : null}
      {props.mayRun && journey.status === 'live' ? (
        <button
          type="button"
          className="button small"
          disabled={busy}
          onClick={() => void changeState('pause')}
        >
          {t('editor.pause')}
        </button>
      ) : null}
      {props.mayRun && journey.status === 'paused' ? (
        <button
          type="button"
          className="button small"
          disabled={busy}
          onClick={() => void changeState('resume')}
        >
          {t('editor.resume')}
        </button>
      ) : null}
      {!readOnly && journey.status !== 'live' ? (
        <button
          type="button"
          className="button small danger"
          disabled={busy}
          onClick={() => void changeState('archive')}
        >
          {t('editor.archive')}
        </button>
      ) : null}
      <span title={blockedReason} data-testid="publish-wrap">
        <button
          type="button"
          className="button primary"
          disabled={blocked || readOnly}
          onClick={() => props.onOpen('publish')}
          aria-describedby={blocked ? 'publish-blocked' : undefined}
        >
          {t('editor.publish')}
        </button>
      </span>
      {blocked && problems.length > 0 ? (
        <span id="publish-blocked" className="visually-hidden">
          {blockedReason}
        </span>
      ) : null}
    </div>
  );
}
