import type { ValidationContext } from '@waymark/journey';
import { useEffect, useMemo, useState } from 'react';
import { type Connector, listConnectors } from '../api/connectors.ts';
import { listSegments, type Segment } from '../api/segments.ts';
import { listTemplates, type Template } from '../api/templates.ts';

export interface References {
  templates: Template[];
  segments: Segment[];
  connectors: Connector[];
  /** What `validate()` needs, built from the lists above exactly as the server builds it. */
  context: ValidationContext;
  /**
   * False until every list has answered (loaded or failed). A list that failed leaves its
   * references looking missing, which validation reports; the server checks again at publish.
   */
  loaded: boolean;
  error: unknown;
  reload: () => void;
}

/**
 * Loads what nodes may reference (templates, segments, connectors). The same lists feed the
 * inspector's pickers and the validation context, so the browser flags a missing template exactly
 * when the server would refuse to publish.
 */
export function useReferences(): References {
  const [templates, setTemplates] = useState<Template[]>([]);
  const [segments, setSegments] = useState<Segment[]>([]);
  const [connectors, setConnectors] = useState<Connector[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is bumped to run the load again on retry.
  useEffect(() => {
    let cancelled = false;
    setError(undefined);
    // Each list stands on its own: one that fails leaves the others usable and says why.
    void Promise.allSettled([listTemplates(), listSegments(), listConnectors()]).then(([t, s, c]) => {
      if (cancelled) return;
      if (t.status === 'fulfilled') setTemplates(t.value);
      if (s.status === 'fulfilled') setSegments(s.value);
      if (c.status === 'fulfilled') setConnectors(c.value);
      const failed = [t, s, c].find((result) => result.status === 'rejected');
      setError(failed ? failed.reason : undefined);
      setLoaded(true);
    });
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  const context = useMemo<ValidationContext>(
    () => ({
      templates: Object.fromEntries(
        templates.map((template) => [template.id, { channel: template.channel }]),
      ),
      segments: segments.map((segment) => segment.id),
      connectors: Object.fromEntries(
        connectors.map((connector) => [connector.id, { channel: connector.channel }]),
      ),
      now: new Date(),
    }),
    [templates, segments, connectors],
  );

  return { templates, segments, connectors, context, loaded, error, reload: () => setAttempt((n) => n + 1) };
}
