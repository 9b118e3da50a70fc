import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import { getJourney, type Journey } from '../api/journeys.ts';
import { navigate } from '../app/router.ts';
import { useI18n } from '../i18n/index.ts';
import { Banner } from '../ui/banner.tsx';
import { errorText } from '../ui/error-text.ts';
import type { EditorDoc } from './autosave/use-autosave.ts';
import { normalizeGraph } from './graph-types.ts';
import { JourneyEditor, type OpeningState } from './journey-editor.tsx';
import { readLocalDraft, reconcile } from './state/local-draft.ts';

function localStorageOrUndefined(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** Decides what the editor opens with: the server's draft, or unsaved work kept in this browser. */
function openingState(journey: Journey): OpeningState {
  const server: EditorDoc = { name: journey.name, graph: normalizeGraph(journey.draft) };
  const storage = localStorageOrUndefined();
  const local = storage ? readLocalDraft(storage, journey.id) : undefined;
  const decision = reconcile(
    { revision: journey.draftRevision, graph: server.graph, name: server.name },
    local,
  );
  switch (decision.kind) {
    case 'server':
      return { server, doc: server, notice: undefined };
    case 'restore':
      return {
        server,
        doc: { name: decision.name, graph: normalizeGraph(decision.graph) },
        notice: 'restored',
      };
    case 'merged':
      return {
        server,
        doc: { name: decision.name, graph: normalizeGraph(decision.graph) },
        notice: 'merged',
      };
    case 'conflict':
      return {
        server,
        doc: server,
        notice: undefined,
        openConflict: {
          mine: { name: local?.name ?? server.name, graph: normalizeGraph(decision.mine) },
          conflicts: decision.conflicts,
        },
      };
  }
}

/** Loads a journey and opens it in the editor. */
export function JourneyEditorPage({ journeyId }: { journeyId: string }) {
  const { t } = useI18n();
  const [journey, setJourney] = useState<Journey | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is bumped to run the load again on retry.
  useEffect(() => {
    let cancelled = false;
    setError(undefined);
    getJourney(journeyId)
      .then((loaded) => !cancelled && setJourney(loaded))
      .catch((failure: unknown) => !cancelled && setError(failure));
    return () => {
      cancelled = true;
    };
  }, [journeyId, attempt]);

  const opening = useMemo(() => (journey ? openingState(journey) : undefined), [journey]);

  if (error) {
    return (
      <main className="page">
        <Banner
          kind="error"
          action={
            <span className="row">
              <button type="button" className="button small" onClick={() => setAttempt((n) => n + 1)}>
                {t('common.retry')}
              </button>
              <button type="button" className="button small" onClick={() => navigate('/journeys')}>
                {t('editor.backToList')}
              </button>
            </span>
          }
        >
          {errorText(t, error)}
        </Banner>
      </main>
    );
  }
  if (!journey || !opening) return <div className="loading-screen">{t('common.loading')}</div>;
  return (
    <ReactFlowProvider>
      <JourneyEditor journey={journey} opening={opening} />
    </ReactFlowProvider>
  );
}
