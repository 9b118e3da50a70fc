import { eventName } from '../graph/fields.ts';
import { type JourneySettings, settingsSchema } from '../graph/settings.ts';
import { makeProblem, type Problem } from '../problems/problem.ts';
import { fieldName, safeParseFields } from '../problems/zod-issues.ts';
import type { CheckedNode } from './check-nodes.ts';
import { oneIssuePerField } from './one-issue-per-field.ts';

function eventTriggersOf(byId: ReadonlyMap<string, CheckedNode>): { event: string; hasCondition: boolean }[] {
  return [...byId.values()]
    .filter(({ node, analysis }) => node.type === 'trigger.event' && analysis.configValid)
    .map(({ analysis }) => analysis.config as { event: string; condition?: unknown })
    .filter((config) => eventName.safeParse(config.event).success)
    .map((config) => ({ event: config.event, hasCondition: config.condition !== undefined }));
}

function semanticChecks(settings: JourneySettings, byId: ReadonlyMap<string, CheckedNode>): Problem[] {
  const problems: Problem[] = [];
  if (settings.exitOnGoal && !settings.goal) {
    problems.push(makeProblem('settings.goal-missing', {}, { path: ['settings', 'exitOnGoal'] }));
  }
  const goal = settings.goal;
  // With a condition on either side the goal can still differ from the trigger (a deposit that
  // starts the journey vs. a deposit into a wealth product), so only the unconditional case is flagged.
  if (goal && !goal.condition) {
    const same = eventTriggersOf(byId).find(
      (trigger) => trigger.event === goal.event && !trigger.hasCondition,
    );
    if (same)
      problems.push(
        makeProblem(
          'settings.goal-is-trigger',
          { event: goal.event },
          { path: ['settings', 'goal', 'event'] },
        ),
      );
  }
  if (settings.quietHours && settings.quietHours.start === settings.quietHours.end) {
    const { start } = settings.quietHours;
    problems.push(makeProblem('settings.quiet-hours-empty', { start }, { path: ['settings', 'quietHours'] }));
  }
  return problems;
}

/** Checks the settings' schema, then the rules between settings and the graph. */
export function checkSettings(input: unknown, byId: ReadonlyMap<string, CheckedNode>): Problem[] {
  const parsed = safeParseFields(settingsSchema, input ?? {});
  if (parsed.ok) return semanticChecks(parsed.value, byId);
  return oneIssuePerField(parsed.issues).map((issue) => {
    const inGoal = issue.path[0] === 'goal';
    const field = fieldName(inGoal ? issue.path.slice(1) : issue.path);
    const code = inGoal ? 'settings.goal-invalid' : 'settings.invalid';
    return makeProblem(
      code,
      { ...issue.params, reason: issue.reason, field },
      { path: ['settings', ...issue.path] },
    );
  });
}
