import { useCallback, useEffect, useState } from 'react';
import { type ApprovalState, getJourneyApproval, type JourneyApproval } from '../../api/approvals.ts';

export interface JourneyApprovalStatus {
  /** Undefined until the server answered. */
  approval: JourneyApproval | undefined;
  error: unknown;
  /**
   * The request's state for the draft on screen: a waiting or approved request for another
   * revision than `revision` no longer covers it (stale), even before the server says so.
   */
  state: ApprovalState | undefined;
  reload: () => Promise<void>;
}

/** Whether publishing this journey needs approval, and where its newest request stands. */
export function useJourneyApproval(journeyId: string, revision: number): JourneyApprovalStatus {
  const [approval, setApproval] = useState<JourneyApproval | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);

  const reload = useCallback(async () => {
    try {
      setApproval(await getJourneyApproval(journeyId));
      setError(undefined);
    } catch (failure) {
      setError(failure);
    }
  }, [journeyId]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const request = approval?.request;
  let state = request?.state;
  if (request && (state === 'pending' || state === 'approved') && request.draftRevision !== revision) {
    state = 'stale';
  }
  return { approval, error, state, reload };
}
