import type { Executor } from '../../runtime.ts';

/**
 * Calls the external address through the engine (which resolves the host and refuses private
 * addresses that are not allow-listed). "ok" when it answered 2xx, "failed" otherwise.
 */
export const webhookExecutor: Executor<'webhook'> = ({ node, effect }) => {
  if (effect) {
    if (effect.status === 'sent' || effect.status === 'delivered') return { kind: 'advance', port: 'ok' };
    if (effect.status === 'failed' || effect.status === 'suppressed')
      return { kind: 'advance', port: 'failed' };
    if (effect.status === 'unknown' && effect.unknownTooLong) return { kind: 'advance', port: 'failed' };
  }
  const { config } = node;
  return {
    kind: 'perform',
    effect: {
      kind: 'call',
      url: config.url,
      method: config.method,
      bodyTemplate: config.bodyTemplate,
      timeoutSeconds: config.timeoutSeconds,
    },
  };
};
