import type { RenderError, TemplateProblem } from '@waymark/templates';
import type { TFunction } from 'i18next';

/**
 * A template problem in the planner's language: the translated kind of problem and where it is.
 * The template package's own sentence (English, naming the exact part) follows for the details.
 */
export function scriptProblemText(t: TFunction, problem: TemplateProblem | RenderError): string {
  const kind = t(`scriptProblems.${problem.code.replace('template.', '')}`, {
    defaultValue: problem.message,
  });
  const where =
    problem.line !== undefined
      ? t('scriptProblems.at', { line: problem.line, column: problem.column ?? 1 })
      : '';
  return `${where}${kind} (${problem.message})`;
}
