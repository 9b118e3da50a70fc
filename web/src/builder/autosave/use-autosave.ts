import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError } from '../../api/api-error.ts';
import { getJourney, saveJourney } from '../../api/journeys.ts';
import { type JourneyGraph, normalizeGraph } from '../graph-types.ts';
import { clearLocalDraft, type DraftStorage, reconcile, writeLocalDraft } from '../state/local-draft.ts';
import type { MergeConflict } from '../state/merge.ts';
import { jsonEqual } from '../state/stable-equal.ts';
import { retryDelaySeconds } from './backoff.ts';

/** What the editor edits and the server stores: the draft graph and the journey's name. */
export interface EditorDoc {
  name: string;
  graph: JourneyGraph;
}

export type SaveStatus =
  | { kind: 'saved' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'offline'; retryAt: number }
  | { kind: 'error'; error: unknown }
  | { kind: 'conflict'; theirs: EditorDoc; theirRevision: number; conflicts: MergeConflict[] };

export interface AutosaveOptions {
  journeyId: string;
  doc: EditorDoc;
  /** The server's doc and revision the editor opened on. */
  initial: { doc: EditorDoc; revision: number };
  /** Replaces the editor's doc (after a merge or when the planner takes their version). */
  replaceDoc: (doc: EditorDoc, reason: 'merged' | 'theirs') => void;
  /** False for an archived journey: nothing is saved. */
  enabled: boolean;
  storage?: DraftStorage | undefined;
  debounceMs?: number;
}

export interface Autosave {
  status: SaveStatus;
  revision: number;
  /** True when this browser could not keep a local copy (storage full or disabled). */
  localCopyFailed: boolean;
  /** Set after a clean merge with someone else's save, until the next change. */
  mergedNotice: boolean;
  saveNow: () => void;
  /** Saves now and resolves once the server has the current doc (before publishing). */
  flush: () => Promise<boolean>;
  keepMine: () => void;
  takeTheirs: () => void;
}

function defaultStorage(): DraftStorage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * Keeps the draft safe: every change is written to this browser at once and saved to the server
 * shortly after, naming the revision it builds on. A lost connection or a 5xx is retried with
 * back-off (and as soon as the browser says it is online again); a 409 is merged three-way with
 * what the other person saved, and only a real overlap asks the planner to choose. Nothing is
 * overwritten silently and nothing is dropped.
 */
export function useAutosave(options: AutosaveOptions): Autosave {
  const { journeyId, doc, enabled, replaceDoc } = options;
  const storage = options.storage ?? defaultStorage();
  const debounceMs = options.debounceMs ?? 800;

  const [status, setStatus] = useState<SaveStatus>({ kind: 'saved' });
  const [revision, setRevision] = useState(options.initial.revision);
  const [localCopyFailed, setLocalCopyFailed] = useState(false);
  const [mergedNotice, setMergedNotice] = useState(false);
  // Refs hold what async callbacks must read fresh: the latest doc, the server's copy, the revision.
  const docRef = useRef(doc);
  const syncedRef = useRef<EditorDoc>(options.initial.doc);
  const revisionRef = useRef(options.initial.revision);
  const inFlight = useRef<Promise<boolean> | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const attempts = useRef(0);
  const conflictRef = useRef(false);
  docRef.current = doc;

  const isSynced = useCallback(
    (candidate: EditorDoc) =>
      candidate.name === syncedRef.current.name && jsonEqual(candidate.graph, syncedRef.current.graph),
    [],
  );

  const keepLocal = useCallback(
    (current: EditorDoc) => {
      if (!storage) return setLocalCopyFailed(true);
      const ok = writeLocalDraft(storage, {
        journeyId,
        baseRevision: revisionRef.current,
        baseGraph: syncedRef.current.graph,
        graph: current.graph,
        name: current.name,
        savedAt: Date.now(),
      });
      setLocalCopyFailed(!ok);
    },
    [journeyId, storage],
  );

  const scheduleRetry = useCallback((run: () => void) => {
    const seconds = retryDelaySeconds(attempts.current);
    attempts.current += 1;
    clearTimeout(timer.current);
    timer.current = setTimeout(run, seconds * 1000);
    setStatus({ kind: 'offline', retryAt: Date.now() + seconds * 1000 });
  }, []);

  const resolveConflict = useCallback(async (): Promise<boolean> => {
    const server = await getJourney(journeyId);
    const theirs: EditorDoc = { name: server.name, graph: normalizeGraph(server.draft) };
    const mine = docRef.current;
    const decision = reconcile(
      { revision: server.draftRevision, graph: theirs.graph, name: server.name },
      {
        journeyId,
        baseRevision: revisionRef.current,
        baseGraph: syncedRef.current.graph,
        graph: mine.graph,
        name: mine.name,
        savedAt: Date.now(),
      },
    );
    syncedRef.current = theirs;
    revisionRef.current = server.draftRevision;
    setRevision(server.draftRevision);
    if (decision.kind === 'conflict') {
      conflictRef.current = true;
      setStatus({
        kind: 'conflict',
        theirs,
        theirRevision: server.draftRevision,
        conflicts: decision.conflicts,
      });
      return false;
    }
    if (decision.kind === 'merged') {
      replaceDoc({ name: mine.name, graph: decision.graph }, 'merged');
      docRef.current = { name: mine.name, graph: decision.graph };
      setMergedNotice(true);
    }
    return true;
  }, [journeyId, replaceDoc]);

  const save = useCallback((): Promise<boolean> => {
    if (inFlight.current) return inFlight.current;
    const run = async (): Promise<boolean> => {
      for (let round = 0; round < 3; round++) {
        const sending = docRef.current;
        if (isSynced(sending)) {
          if (storage) clearLocalDraft(storage, journeyId);
          setStatus({ kind: 'saved' });
          return true;
        }
        setStatus({ kind: 'saving' });
        try {
          const saved = await saveJourney(journeyId, {
            name: sending.name,
            graph: sending.graph,
            baseRevision: revisionRef.current,
          });
          attempts.current = 0;
          syncedRef.current = sending;
          revisionRef.current = saved.draftRevision;
          setRevision(saved.draftRevision);
          // Another change may have arrived while saving: loop to send it too.
        } catch (error) {
          if (isApiError(error) && error.code === 'journey.revision-conflict') {
            if (!(await resolveConflict())) return false;
            continue;
          }
          keepLocal(docRef.current);
          if (isApiError(error) && error.isOffline) {
            scheduleRetry(() => void save());
            return false;
          }
          setStatus({ kind: 'error', error });
          return false;
        }
      }
      return isSynced(docRef.current);
    };
    const promise = run()
      .catch((error: unknown) => {
        // A conflict lookup that itself failed (server gone again): keep the work and retry.
        keepLocal(docRef.current);
        if (isApiError(error) && error.isOffline) scheduleRetry(() => void save());
        else setStatus({ kind: 'error', error });
        return false;
      })
      .finally(() => {
        inFlight.current = undefined;
      });
    inFlight.current = promise;
    return promise;
  }, [isSynced, journeyId, keepLocal, resolveConflict, scheduleRetry, storage]);

  // Every change: keep it locally at once, save it to the server once typing pauses.
  useEffect(() => {
    if (!enabled || conflictRef.current) return;
    if (isSynced(doc)) return;
    keepLocal(doc);
    setMergedNotice(false);
    setStatus((current) => (current.kind === 'offline' ? current : { kind: 'pending' }));
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), debounceMs);
  }, [doc, enabled, isSynced, keepLocal, save, debounceMs]);

  // The browser noticing the network is back is the best moment to retry.
  useEffect(() => {
    const online = () => {
      if (conflictRef.current || isSynced(docRef.current)) return;
      attempts.current = 0;
      void save();
    };
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [isSynced, save]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const saveNow = useCallback(() => {
    clearTimeout(timer.current);
    attempts.current = 0;
    void save();
  }, [save]);

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    if (conflictRef.current) return false;
    return save();
  }, [save]);

  const keepMine = useCallback(() => {
    // The revision and the synced copy are already theirs (set when the conflict was found), so
    // this save replaces their version with mine: the planner chose it knowingly.
    conflictRef.current = false;
    void save();
  }, [save]);

  const takeTheirs = useCallback(() => {
    conflictRef.current = false;
    if (status.kind !== 'conflict') return;
    const { theirs } = status;
    syncedRef.current = theirs;
    docRef.current = theirs;
    if (storage) clearLocalDraft(storage, journeyId);
    replaceDoc(theirs, 'theirs');
    setStatus({ kind: 'saved' });
  }, [journeyId, replaceDoc, status, storage]);

  return { status, revision, localCopyFailed, mergedNotice, saveNow, flush, keepMine, takeTheirs };
}
