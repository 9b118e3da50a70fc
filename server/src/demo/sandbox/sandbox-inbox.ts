/** The channels the demo sandbox stands in for. */
export const sandboxChannels = ['sms', 'wecom', 'push', 'email'] as const;
export type SandboxChannel = (typeof sandboxChannels)[number];

/** One message a sandbox provider received: what the customer would have seen. */
export interface SandboxMessage {
  /** Increases with every message, so a page can ask for what is new. */
  seq: number;
  channel: SandboxChannel;
  /** The phone number, WeCom user id, device token, customer id or e-mail address the message was addressed to. */
  to: string;
  /** The push title or the e-mail subject. */
  title: string | null;
  text: string;
  providerMessageId: string;
  receivedAt: Date;
}

export interface SandboxInbox {
  readonly capacity: number;
  /** Messages received since start, including those no longer kept. */
  readonly received: number;
  add(message: Omit<SandboxMessage, 'seq'>): void;
  /** Newest first, at most `limit`, optionally of one channel. */
  list(filter: { channel?: SandboxChannel | undefined; limit: number }): SandboxMessage[];
}

/**
 * The last `capacity` messages the sandbox providers received, in memory: enough for a planner to
 * check what a journey sends, bounded so a segment journey over the whole demo bank cannot grow it.
 */
export function createSandboxInbox(capacity = 1000): SandboxInbox {
  const kept: SandboxMessage[] = [];
  let seq = 0;
  return {
    capacity,
    get received() {
      return seq;
    },
    add(message) {
      seq += 1;
      kept.push({ ...message, seq });
      if (kept.length > capacity) kept.splice(0, kept.length - capacity);
    },
    list({ channel, limit }) {
      const out: SandboxMessage[] = [];
      for (let i = kept.length - 1; i >= 0 && out.length < limit; i--) {
        const message = kept[i];
        if (message && (!channel || message.channel === channel)) out.push(message);
      }
      return out;
    },
  };
}
