import { type Condition, conditionSchema } from '@waymark/conditions';
import { useEffect, useState } from 'react';
import { previewSegment, type SegmentPreview } from '../api/segments.ts';
import { useDebounced } from '../app/use-async.ts';
import { useI18n } from '../i18n/index.ts';
import { errorText } from '../ui/error-text.ts';
import { formatNumber } from '../ui/format.ts';

type CountState =
  | { kind: 'idle' }
  | { kind: 'invalid' }
  | { kind: 'counting' }
  | { kind: 'done'; result: SegmentPreview }
  | { kind: 'failed'; error: unknown };

/**
 * How many customers match the condition right now, asked of the server while the planner edits
 * (debounced, and only once the rules are complete, so half-typed values never hit the API).
 */
export function LiveCount({ condition }: { condition: Condition | undefined }) {
  const { t, locale } = useI18n();
  const settled = useDebounced(condition, 500);
  const [state, setState] = useState<CountState>({ kind: 'idle' });

  useEffect(() => {
    const candidate = settled ?? ({ type: 'all', conditions: [] } as Condition);
    if (!conditionSchema.safeParse(candidate).success) {
      setState({ kind: 'invalid' });
      return;
    }
    const controller = new AbortController();
    setState({ kind: 'counting' });
    previewSegment(candidate, controller.signal)
      .then((result) => setState({ kind: 'done', result }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ kind: 'failed', error });
      });
    return () => controller.abort();
  }, [settled]);

  if (state.kind === 'idle') return null;
  let text: string;
  if (state.kind === 'invalid') text = t('condition.countInvalid');
  else if (state.kind === 'counting') text = t('condition.counting');
  else if (state.kind === 'failed') text = t('condition.countFailed', { reason: errorText(t, state.error) });
  else {
    const ids = state.result.sample
      .slice(0, 3)
      .map((entry) => (typeof entry === 'string' ? entry : entry.id))
      .join(', ');
    text = t('condition.liveCount', { n: formatNumber(state.result.count, locale) });
    if (ids) text += ` · ${t('condition.liveCountSample', { ids })}`;
  }
  return (
    <div className="cond-count" role="status" data-testid="live-count">
      {text}
    </div>
  );
}
