import { useEffect, useState } from 'react';
import type { ApprovalRequest } from '../api/approvals.ts';
import { getJourney, getVersion } from '../api/journeys.ts';
import { type JourneyGraph, normalizeGraph } from '../builder/graph-types.ts';
import { DiffList } from '../builder/publish/diff-list.tsx';
import { useI18n } from '../i18n/index.ts';
import { Banner } from '../ui/banner.tsx';
import { errorText } from '../ui/error-text.ts';

const nothingLive: JourneyGraph = { nodes: [], edges: [], settings: {} };

/**
 * What approving would put live: the draft the request covers against the live version, in the
 * same words as the planner's publish dialog (a first version lists every step as added).
 */
export function ApprovalChanges({ request }: { request: ApprovalRequest }) {
  const { t } = useI18n();
  const [graphs, setGraphs] = useState<{ live: JourneyGraph; draft: JourneyGraph } | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);

  useEffect(() => {
    let cancelled = false;
    Promise.all([
      getJourney(request.journeyId),
      request.liveVersion === null ? undefined : getVersion(request.journeyId, request.liveVersion),
    ])
      .then(([journey, live]) => {
        if (cancelled) return;
        setGraphs({
          draft: normalizeGraph(journey.draft),
          live: live ? normalizeGraph(live.graph) : nothingLive,
        });
      })
      .catch((failure) => {
        if (!cancelled) setError(failure);
      });
    return () => {
      cancelled = true;
    };
  }, [request.journeyId, request.liveVersion]);

  return (
    <section className="approval-changes">
      <h3>
        {request.liveVersion === null
          ? t('approvals.firstVersion')
          : t('approvals.changes', { version: request.liveVersion })}
      </h3>
      {error ? <Banner kind="warning">{errorText(t, error)}</Banner> : null}
      {graphs ? (
        <DiffList live={graphs.live} draft={graphs.draft} />
      ) : error ? null : (
        <p className="muted">{t('approvals.loadingChanges')}</p>
      )}
    </section>
  );
}
