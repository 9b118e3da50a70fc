import type { EffectOutcome, Executor, StepResult } from '../../runtime.ts';
import { isInQuietHours, quietHoursEnd } from '../wait.until/executor.ts';

/**
 * Sends one message. First arrival asks the engine to claim it (the engine applies consent,
 * frequency caps and a paused journey); inside the journey's quiet hours the send waits for the
 * window to open instead. The port follows the message: delivered or sent → "sent", refused →
 * "failed", withheld → "suppressed". An outcome left unknown too long counts as "failed": the
 * engine could not confirm the customer got it.
 */
export const sendExecutor: Executor<'send'> = ({ node, enrollment, effect, settings, now }) => {
  const decided = effect && portForMessage(effect);
  if (decided) return decided;
  const quiet = settings.quietHours;
  if (!effect && quiet && isInQuietHours(quiet, now, settings.timeZone)) {
    return { kind: 'wait', until: quietHoursEnd(quiet, now, settings.timeZone) };
  }
  const { config } = node;
  let content = config.content;
  let variant: string | undefined;
  for (const taken of Object.values(enrollment.abPath)) {
    const specific = config.variantContent?.[taken];
    if (specific) {
      content = specific;
      variant = taken;
      break;
    }
  }
  variant ??= Object.values(enrollment.abPath).at(-1);
  return {
    kind: 'perform',
    effect: { kind: 'send', channel: config.channel, connectorId: config.connectorId, content, variant },
  };
};

function portForMessage(effect: EffectOutcome): StepResult | undefined {
  switch (effect.status) {
    case 'sent':
    case 'delivered':
      return { kind: 'advance', port: 'sent' };
    case 'failed':
      return { kind: 'advance', port: 'failed' };
    case 'suppressed':
      return { kind: 'advance', port: 'suppressed' };
    case 'unknown':
      return effect.unknownTooLong ? { kind: 'advance', port: 'failed' } : undefined;
    case 'pending':
      return undefined;
  }
}
