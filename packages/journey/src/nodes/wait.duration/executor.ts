import { durationMinutes } from '../../node-types/duration.ts';
import type { Executor } from '../../runtime.ts';
import { isInQuietHours, quietHoursEnd } from '../wait.until/executor.ts';

/**
 * Holds the customer for the configured time (then, if asked, until the journey's quiet hours are
 * over). Arriving sets the wake-up time; being woken at or after it lets the customer through.
 */
export const waitDurationExecutor: Executor<'wait.duration'> = ({ node, enrollment, settings, now }) => {
  if (!enrollment.wakeAt)
    return { kind: 'wait', until: new Date(now.getTime() + durationMinutes(node.config) * 60_000) };
  if (now.getTime() < enrollment.wakeAt.getTime()) return { kind: 'wait', until: enrollment.wakeAt };
  const quiet = settings.quietHours;
  if (node.config.untilSendWindow && quiet && isInQuietHours(quiet, now, settings.timeZone)) {
    return { kind: 'wait', until: quietHoursEnd(quiet, now, settings.timeZone) };
  }
  return { kind: 'advance', port: 'out' };
};
