import type { ConnectorSendError, OutgoingMessage } from '@waymark/connectors';
import type { ConnectorAccount } from '../runtime/connector-accounts.ts';
import type { EngineResources } from '../runtime/resources.ts';
import { buildChannelMessage } from './channel-message.ts';
import type { DeliveryAttempt } from './deliver-messages.ts';
import type { DeliverableMessage } from './load-deliverable.ts';
import type { Settlement } from './settle-messages.ts';

export interface AccountOutcome {
  settlements: Settlement[];
  retry: { count: number; retryAfterMs: number | undefined } | undefined;
  rateLimitedMs: number | undefined;
}

/** Reconciles interrupted attempts, then sends what may go, through one connector account. */
export async function sendThroughAccount(
  r: EngineResources,
  account: ConnectorAccount,
  group: { send: DeliverableMessage[]; reconcile: DeliverableMessage[] },
  attempt: DeliveryAttempt,
): Promise<AccountOutcome> {
  const settlements: Settlement[] = [];
  const toSend = [...group.send];

  for (const row of group.reconcile) {
    if (!account.client.canLookup) {
      settlements.push({
        messageId: row.id,
        from: ['queued'],
        to: 'unknown',
        event: 'unknown',
        reason: 'interrupted: a previous attempt stopped mid-call and this provider cannot confirm messages',
        attempt: row.attempts,
      });
      continue;
    }
    const lookup = await account.client.lookup(row.idempotency_key, attempt.signal);
    if (lookup.found) {
      settlements.push({
        messageId: row.id,
        from: ['queued'],
        to: lookup.receipt.status,
        event: 'reconciled',
        providerMessageId: lookup.receipt.providerMessageId,
        attempt: row.attempts,
      });
      continue;
    }
    // The provider never got it: sending now is a first send, not a duplicate. Guarded by the
    // attempt number this job saw, so when two jobs reconcile the same message only one resends.
    const reopened = await r.db.query(
      `UPDATE messages SET status = 'claimed' WHERE id = $1 AND status = 'queued' AND attempts = $2 RETURNING id`,
      [row.id, row.attempts],
    );
    if (reopened.length > 0) toSend.push({ ...row, status: 'claimed' });
  }

  const items: (OutgoingMessage<never> & { row: DeliverableMessage })[] = [];
  for (const row of toSend) {
    const built = buildChannelMessage(row, r.cipher);
    if (!built.ok) {
      settlements.push({
        messageId: row.id,
        from: ['claimed'],
        to: 'failed',
        event: 'failed',
        reason: `${built.code}: ${built.reason}`,
      });
      continue;
    }
    items.push({ message: built.message as never, idempotencyKey: row.idempotency_key, row });
  }
  if (items.length === 0) return { settlements, retry: undefined, rateLimitedMs: undefined };

  const budgets = [
    account.rateLimit && { key: `connector:${account.id}`, limit: account.rateLimit },
    r.settings.channelRateLimits[account.channel] && {
      key: `channel:${account.channel}`,
      limit: r.settings.channelRateLimits[account.channel]!,
    },
  ].filter((b) => !!b);
  for (const budget of budgets) {
    const waitMs = await r.rateLimiter.take(budget.key, items.length, budget.limit);
    if (waitMs > 0) return { settlements, retry: undefined, rateLimitedMs: waitMs };
  }

  // The claim → queued step is the point of no return: only rows this job moved are sent, and a
  // job that finds a row `queued` later knows a call may have happened.
  const now = r.clock.now();
  const moved = await r.db.query<{ id: number; attempts: number }>(
    `UPDATE messages SET status = 'queued', attempts = attempts + 1, updated_at = $2
      WHERE id = ANY($1::bigint[]) AND status = 'claimed' RETURNING id, attempts`,
    [items.map((i) => i.row.id), now],
    { prepare: true },
  );
  // Each outcome is tied to the call that produced it (see Settlement.attempt).
  const attemptOf = new Map(moved.map((m) => [m.id, m.attempts]));
  const movedIds = new Set(attemptOf.keys());
  const sending = items.filter((i) => movedIds.has(i.row.id));
  const outcomes = await account.client.sendMany(
    sending.map(({ message, idempotencyKey }) => ({ message, idempotencyKey })),
    attempt.signal,
  );

  let retryCount = 0;
  let retryAfterMs: number | undefined;
  const byKey = new Map(sending.map((i) => [i.idempotencyKey, i.row]));
  for (const outcome of outcomes) {
    const row = byKey.get(outcome.idempotencyKey);
    if (!row) continue;
    if (outcome.ok) {
      settlements.push({
        messageId: row.id,
        from: ['queued'],
        to: outcome.receipt.status,
        event: 'sent',
        providerMessageId: outcome.receipt.providerMessageId,
        cost: outcome.receipt.cost ?? account.costPerMessage,
        // Marks the sends whose receipts must be asked for: the receipt poll finds them by it.
        detail:
          account.client.canPoll && outcome.receipt.status === 'sent'
            ? { ...outcome.receipt.detail, pollReceipt: true }
            : outcome.receipt.detail,
        attempt: attemptOf.get(row.id),
      });
      continue;
    }
    const failure = {
      ...settlementForFailure(row, outcome.error, attempt.lastAttempt),
      attempt: attemptOf.get(row.id),
    };
    settlements.push(failure);
    if (failure.to === 'claimed') {
      retryCount += 1;
      const after =
        'retryAfterMs' in outcome.error ? (outcome.error.retryAfterMs as number | undefined) : undefined;
      if (after !== undefined) retryAfterMs = Math.max(retryAfterMs ?? 0, after);
    }
  }
  return {
    settlements,
    retry: retryCount > 0 ? { count: retryCount, retryAfterMs } : undefined,
    rateLimitedMs: undefined,
  };
}

function settlementForFailure(
  row: DeliverableMessage,
  error: ConnectorSendError,
  lastAttempt: boolean,
): Settlement {
  const reason = `${error.code}: ${error.message}`;
  const detail = { ...error.detail, kind: error.kind };
  switch (error.kind) {
    case 'permanent':
      return { messageId: row.id, from: ['queued'], to: 'failed', event: 'failed', reason, detail };
    case 'unknown':
      return { messageId: row.id, from: ['queued'], to: 'unknown', event: 'unknown', reason, detail };
    case 'transient':
      // Known not taken: back to claimed so the retry sends it again, unless retries are spent.
      return lastAttempt
        ? {
            messageId: row.id,
            from: ['queued'],
            to: 'failed',
            event: 'failed',
            reason: `gave up after retries: ${reason}`,
            detail,
          }
        : { messageId: row.id, from: ['queued'], to: 'claimed', event: 'retry', reason, detail };
  }
}
