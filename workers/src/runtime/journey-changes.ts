import type { Redis } from 'ioredis';

/**
 * The Redis pub/sub channel on which a journey's publish, pause, resume or archive is announced
 * to every worker process of a deployment (one channel per queue prefix, so tests and
 * deployments sharing a Redis never hear each other).
 */
export function journeyChangesChannel(prefix: string): string {
  return `${prefix}:journey-changes`;
}

/**
 * Tells every worker process that a journey changed, so each drops its cached list of live
 * journeys at once. Call it after the change is committed: a worker that reloads on this message
 * must read the new state. Returns how many processes heard it.
 */
export function announceJourneyChange(redis: Redis, prefix: string, journeyId: string): Promise<number> {
  return redis.publish(journeyChangesChannel(prefix), journeyId);
}

export interface JourneyChangeListener {
  close(): Promise<void>;
}

/**
 * Listens for announced journey changes on a connection of its own (a subscribed connection can
 * issue no other command). `onChange` also runs whenever the connection is (re)established:
 * messages sent while it was down are lost, so whatever was cached before may be stale.
 */
export async function listenForJourneyChanges(
  redis: Redis,
  prefix: string,
  onChange: () => void,
): Promise<JourneyChangeListener> {
  const subscriber = redis.duplicate();
  const channel = journeyChangesChannel(prefix);
  subscriber.on('message', (from: string) => {
    if (from === channel) onChange();
  });
  subscriber.on('ready', onChange);
  // Without a listener an unreachable Redis would be an unhandled 'error' event; ioredis
  // reconnects by itself and the journey cache's TTL covers the gap.
  subscriber.on('error', () => undefined);
  await subscriber.subscribe(channel);
  return {
    async close() {
      await subscriber.quit().catch(() => subscriber.disconnect());
    },
  };
}
