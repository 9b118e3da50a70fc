import { defaultKnownVariables, type TemplateChannel, validateTemplate } from '@waymark/templates';
import { useDeferredValue, useMemo } from 'react';
import { useI18n } from '../i18n/index.ts';
import { scriptProblemText } from './script-problem-text.ts';

/**
 * Every problem of a script as the planner types, checked by the same template engine the send
 * path uses (syntax, unknown helpers or variables, raw HTML in e-mail), each with its line.
 */
export function ScriptProblems({
  source,
  channel,
}: {
  source: string;
  channel?: TemplateChannel | undefined;
}) {
  const { t } = useI18n();
  const deferred = useDeferredValue(source);
  const problems = useMemo(
    () =>
      deferred.trim() === ''
        ? []
        : validateTemplate(deferred, { channel: channel ?? 'sms', knownVariables: defaultKnownVariables })
            .problems,
    [deferred, channel],
  );
  if (problems.length === 0) return null;
  return (
    <ul className="script-problems" data-testid="script-problems">
      {problems.map((problem) => (
        <li key={`${problem.line}:${problem.column}:${problem.code}`} className="field-error">
          {scriptProblemText(t, problem)}
        </li>
      ))}
    </ul>
  );
}
