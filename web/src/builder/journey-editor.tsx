import { validate } from '@waymark/journey';
import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { can } from '../api/auth.ts';
import type { Journey } from '../api/journeys.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { useI18n } from '../i18n/index.ts';
import { Banner } from '../ui/banner.tsx';
import { errorText } from '../ui/error-text.ts';
import { ConflictDialog } from './autosave/conflict-dialog.tsx';
import { type EditorDoc, useAutosave } from './autosave/use-autosave.ts';
import { type CanvasSelection, JourneyCanvas } from './canvas/journey-canvas.tsx';
import { Palette } from './canvas/palette.tsx';
import type { NodeDecorations } from './canvas/to-flow.ts';
import { EditorToolbar } from './editor-toolbar.tsx';
import { Inspector } from './inspector/inspector.tsx';
import { portKey, useLiveStats } from './live/use-live-stats.ts';
import { NoticeStack, useNotices } from './notices.tsx';
import { ProblemTextProvider, useProblemTextFor } from './problems/problem-text.tsx';
import { ProblemsPanel } from './problems/problems-panel.tsx';
import { PublishDialog } from './publish/publish-dialog.tsx';
import { VersionsDialog } from './publish/versions-dialog.tsx';
import { ShortcutsDialog } from './shortcuts-dialog.tsx';
import { clearLocalDraft } from './state/local-draft.ts';
import type { MergeConflict } from './state/merge.ts';
import { useHistory } from './state/use-history.ts';
import { useEditorCommands } from './use-editor-commands.ts';
import { useReferences } from './use-references.ts';
import { useShortcuts } from './use-shortcuts.ts';

/** What the editor opens with, decided by the page from the server's draft and the local copy. */
export interface OpeningState {
  server: EditorDoc;
  doc: EditorDoc;
  notice: 'restored' | 'merged' | undefined;
  openConflict?: { mine: EditorDoc; conflicts: MergeConflict[] };
}

type DialogName = 'publish' | 'versions' | 'shortcuts' | undefined;

/** The journey builder: palette, canvas, inspector, problems, saving, publishing, live counts. */
export function JourneyEditor({ journey: loaded, opening }: { journey: Journey; opening: OpeningState }) {
  const { t, locale } = useI18n();
  const [journey, setJourney] = useState(loaded);
  const { user } = useAuth();
  // Approvers and analysts open journeys to look (an approver checks what they sign off): nothing
  // they touch may look editable, and nothing is saved for them.
  const viewOnly = !can(user, 'journeys.write');
  const archived = journey.status === 'archived';
  const readOnly = archived || viewOnly;
  const history = useHistory<EditorDoc>(opening.doc);
  const doc = history.present;
  const [selection, setSelection] = useState<CanvasSelection>({ nodes: [], edges: [] });
  const [dialog, setDialog] = useState<DialogName>(undefined);
  const [approvalRefresh, setApprovalRefresh] = useState(0);
  const [liveView, setLiveView] = useState(journey.status === 'live' || journey.status === 'paused');
  const [openConflict, setOpenConflict] = useState(opening.openConflict);
  const { notices, show: notify, dismiss } = useNotices();
  const references = useReferences();

  const replaceDoc = useCallback(
    (next: EditorDoc, reason: 'merged' | 'theirs') => {
      // A merge is an undo step (the planner can step back to their own version); theirs replaces.
      if (reason === 'merged') history.apply(() => next);
      else history.replace(next);
    },
    [history.apply, history.replace],
  );
  const autosave = useAutosave({
    journeyId: journey.id,
    doc,
    initial: { doc: opening.server, revision: journey.draftRevision },
    replaceDoc,
    enabled: !readOnly,
  });

  useEffect(() => {
    if (opening.notice) notify('info', t(opening.notice === 'restored' ? 'save.restored' : 'save.merged'));
  }, [opening.notice, notify, t]);

  // Validation runs on a deferred copy so typing in the inspector never waits for it.
  const deferredGraph = useDeferredValue(doc.graph);
  const problems = useMemo(
    () => validate(deferredGraph, references.context),
    [deferredGraph, references.context],
  );
  // Badges and lists name steps as the canvas shows them, from the graph the problems came from.
  const problemText = useProblemTextFor(deferredGraph);
  const problemsByNode = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const problem of problems) {
      if (!problem.nodeId) continue;
      map.set(problem.nodeId, [...(map.get(problem.nodeId) ?? []), problemText(problem)]);
    }
    return map;
  }, [problems, problemText]);
  const problemEdges = useMemo(
    () => new Set(problems.flatMap((problem) => (problem.edgeId ? [problem.edgeId] : []))),
    [problems],
  );

  const live = useLiveStats(journey.id, liveView && journey.liveVersion !== null);
  const decorations = useMemo<NodeDecorations>(
    () => ({
      locale,
      problemsByNode,
      statsByNode: liveView && !live.noData ? live.byNode : undefined,
      problemsLabel: (count) => t('editor.problemsOnNode', { count }),
    }),
    [locale, problemsByNode, liveView, live.byNode, live.noData, t],
  );

  const countsByEdge = useMemo(() => {
    if (!liveView || live.byPort.size === 0) return undefined;
    const map = new Map<string, string>();
    for (const edge of doc.graph.edges) {
      const count = live.byPort.get(portKey(edge.source, edge.sourceHandle));
      if (count !== undefined) map.set(edge.id, count);
    }
    return map;
  }, [liveView, live.byPort, doc.graph.edges]);

  const commands = useEditorCommands({ history, selection, setSelection, readOnly, locale, t, notify });
  const showHelp = useCallback(() => setDialog('shortcuts'), []);
  useShortcuts({ commands, undo: history.undo, redo: history.redo, showHelp, enabled: dialog === undefined });

  const selectedNode =
    selection.nodes.length === 1 ? doc.graph.nodes.find((node) => node.id === selection.nodes[0]) : undefined;

  return (
    <ProblemTextProvider value={problemText}>
      <div className="editor">
        <EditorToolbar
          journey={journey}
          name={doc.name}
          onName={commands.setName}
          readOnly={readOnly}
          mayRun={can(user, 'journeys.publish')}
          history={history}
          commands={commands}
          saveStatus={autosave.status}
          revision={autosave.revision}
          approvalRefresh={approvalRefresh}
          onRetrySave={autosave.saveNow}
          problems={problems}
          referencesLoaded={references.loaded}
          liveView={liveView}
          onLiveView={setLiveView}
          onOpen={(name) => {
            setDialog(name);
            // The dialog reads the request afresh; the chip follows, as it may have been decided meanwhile.
            if (name === 'publish') setApprovalRefresh((n) => n + 1);
          }}
          onJourneyChange={(summary) => setJourney((current) => ({ ...current, ...summary }))}
          notify={notify}
        />
        <div className="editor-body">
          <Palette onAdd={commands.addNode} disabled={readOnly} />
          <div className="editor-center">
            <div className="canvas-wrap">
              <div className="editor-banners">
                {archived ? <Banner kind="info">{t('editor.readOnly')}</Banner> : null}
                {viewOnly && !archived ? <Banner kind="info">{t('editor.viewOnly')}</Banner> : null}
                {autosave.status.kind === 'offline' ? (
                  <Banner
                    kind="warning"
                    action={
                      <button type="button" className="button small" onClick={autosave.saveNow}>
                        {t('save.retryNow')}
                      </button>
                    }
                  >
                    {t('save.offline')}
                  </Banner>
                ) : null}
                {autosave.status.kind === 'error' ? (
                  <Banner
                    kind="error"
                    action={
                      <button type="button" className="button small" onClick={autosave.saveNow}>
                        {t('common.retry')}
                      </button>
                    }
                  >
                    {t('save.failed', { reason: errorText(t, autosave.status.error) })}
                  </Banner>
                ) : null}
                {autosave.mergedNotice ? <Banner kind="info">{t('save.merged')}</Banner> : null}
                {autosave.localCopyFailed ? <Banner kind="warning">{t('save.localOnly')}</Banner> : null}
                {references.error ? (
                  <Banner
                    kind="warning"
                    action={
                      <button type="button" className="button small" onClick={references.reload}>
                        {t('common.retry')}
                      </button>
                    }
                  >
                    {t('editor.referencesFailed', { reason: errorText(t, references.error) })}
                  </Banner>
                ) : null}
                {doc.graph.nodes.length === 0 ? <Banner kind="info">{t('editor.emptyCanvas')}</Banner> : null}
              </div>
              <JourneyCanvas
                graph={doc.graph}
                decorations={decorations}
                problemEdges={problemEdges}
                countsByEdge={countsByEdge}
                selection={selection}
                readOnly={readOnly}
                onSelectionChange={setSelection}
                onMoveNodes={commands.move}
                onConnect={commands.tryConnect}
                canConnect={commands.isConnectable}
                onDropType={commands.addNode}
              />
              <NoticeStack notices={notices} dismiss={dismiss} />
            </div>
            <ProblemsPanel problems={problems} onFocus={commands.focusNode} />
          </div>
          <Inspector
            graph={doc.graph}
            node={selectedNode}
            selectionCount={selection.nodes.length}
            problems={problems}
            references={references}
            readOnly={readOnly}
            commands={commands}
            live={liveView ? live : undefined}
          />
        </div>
        {dialog === 'publish' ? (
          <PublishDialog
            journey={journey}
            graph={doc.graph}
            problems={problems}
            flush={autosave.flush}
            revision={autosave.revision}
            onClose={() => {
              setDialog(undefined);
              setApprovalRefresh((n) => n + 1);
            }}
            onPublished={(updated) => {
              setJourney(updated);
              setLiveView(true);
              notify('success', t('publish.published', { version: updated.liveVersion ?? '' }));
            }}
          />
        ) : null}
        {dialog === 'versions' ? (
          <VersionsDialog
            journey={journey}
            onClose={() => setDialog(undefined)}
            onRestore={(version, graph) => {
              history.apply((current) => ({ ...current, graph }));
              setDialog(undefined);
              notify('info', t('versions.restored', { version }), {
                label: t('editor.undoAction'),
                run: history.undo,
              });
            }}
          />
        ) : null}
        {dialog === 'shortcuts' ? <ShortcutsDialog onClose={() => setDialog(undefined)} /> : null}
        {autosave.status.kind === 'conflict' ? (
          <ConflictDialog
            conflicts={autosave.status.conflicts}
            mine={doc}
            onKeepMine={autosave.keepMine}
            onTakeTheirs={autosave.takeTheirs}
          />
        ) : null}
        {openConflict ? (
          <ConflictDialog
            conflicts={openConflict.conflicts}
            mine={openConflict.mine}
            onKeepMine={() => {
              history.apply(() => openConflict.mine);
              setOpenConflict(undefined);
            }}
            onTakeTheirs={() => {
              setOpenConflict(undefined);
              try {
                clearLocalDraft(window.localStorage, journey.id);
              } catch {
                // No storage: nothing was kept, nothing to discard.
              }
            }}
          />
        ) : null}
      </div>
    </ProblemTextProvider>
  );
}
