import type { Problem } from '@waymark/journey';
import { memo, useMemo, useState } from 'react';
import { useI18n } from '../../i18n/index.ts';
import { useProblemText } from './problem-text.tsx';

interface ProblemsPanelProps {
  problems: readonly Problem[];
  onFocus: (nodeId: string) => void;
}

/** Every problem of the journey in words; clicking one shows its step on the canvas. */
export const ProblemsPanel = memo(function ProblemsPanel({ problems, onFocus }: ProblemsPanelProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState(true);
  const problemText = useProblemText();
  const texts = useMemo(() => problems.map(problemText), [problems, problemText]);
  return (
    <section
      className={`problems ${problems.length > 0 ? 'has-problems' : 'no-problems'}`}
      aria-label={t('problems.title')}
    >
      <button type="button" className="problems-head" onClick={() => setOpen(!open)} aria-expanded={open}>
        <span className="problems-dot" aria-hidden="true" />
        {problems.length === 0 ? t('problems.none') : t('problems.count', { count: problems.length })}
        <span className="problems-toggle" aria-hidden="true">
          {open ? '▾' : '▴'}
        </span>
      </button>
      {open && problems.length > 0 ? (
        <ul className="problems-list" data-testid="problems-list">
          {problems.map((problem, index) => {
            const text = texts[index] ?? problem.code;
            const nodeId = problem.nodeId;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id; the list is rebuilt as a whole.
              <li key={index}>
                {nodeId ? (
                  <button
                    type="button"
                    className="problem-link"
                    onClick={() => onFocus(nodeId)}
                    title={t('problems.focus')}
                  >
                    {text}
                  </button>
                ) : (
                  <span>{text}</span>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
});
