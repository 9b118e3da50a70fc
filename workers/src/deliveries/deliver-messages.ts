import { ConnectorUnavailableError } from '../runtime/connector-accounts.ts';
import type { EngineResources } from '../runtime/resources.ts';
import { advanceAfterDelivery } from './advance-after-delivery.ts';
import { holdForResume } from './hold-for-resume.ts';
import { type DeliverableMessage, loadDeliverable } from './load-deliverable.ts';
import { sendThroughAccount } from './send-through-account.ts';
import { type Settlement, settleMessages } from './settle-messages.ts';
import { triageMessage } from './triage.ts';

/** What one delivery job achieved; the worker turns `retryAfterMs` and `rateLimitedMs` into BullMQ control flow. */
export interface DeliveryResult {
  sent: number;
  failed: number;
  unknown: number;
  suppressed: number;
  held: number;
  /** Messages a provider did not take this time (transient); present when a retry is needed. */
  retry: { count: number; retryAfterMs: number | undefined } | undefined;
  /** Set when a channel or connector budget is spent: nothing was sent, try again after this. */
  rateLimitedMs: number | undefined;
}

export interface DeliveryAttempt {
  /** True on the job's last allowed attempt: transient failures then become permanent. */
  lastAttempt: boolean;
  signal: AbortSignal;
}

/**
 * Delivers claimed messages through their connectors. Every decision is re-read from Postgres,
 * each message goes `claimed → queued` (a conditional update) before its provider call, so two
 * jobs holding the same message never both send it; and a message found `queued` by a later job
 * is asked about (lookup), never blindly re-sent. The customers whose message is decided move on
 * in the same job.
 */
export async function deliverMessages(
  r: EngineResources,
  messageIds: readonly number[],
  attempt: DeliveryAttempt,
): Promise<DeliveryResult> {
  const rows = await loadDeliverable(r.db, messageIds);
  const { result, decided } = await deliverRows(r, rows, attempt);
  await advanceAfterDelivery(r, decided);
  return result;
}

/** A message whose outcome is now known, with the row it was delivered from. */
export interface DecidedMessage {
  message: DeliverableMessage;
  status: string;
}

/**
 * Delivers messages already read (from Postgres, or built by the step that just claimed them):
 * triage, the `claimed → queued` guard, the provider calls, and the settlements. Returns what
 * was decided; moving the customers on is the caller's part.
 */
export async function deliverRows(
  r: EngineResources,
  rows: readonly DeliverableMessage[],
  attempt: DeliveryAttempt,
): Promise<{ result: DeliveryResult; decided: DecidedMessage[] }> {
  const now = r.clock.now();
  const result: DeliveryResult = {
    sent: 0,
    failed: 0,
    unknown: 0,
    suppressed: 0,
    held: 0,
    retry: undefined,
    rateLimitedMs: undefined,
  };
  const settlements: Settlement[] = [];
  const held: DeliverableMessage[] = [];
  const settledAlready: DeliverableMessage[] = [];
  const byConnector = new Map<string, { send: DeliverableMessage[]; reconcile: DeliverableMessage[] }>();

  for (const row of rows) {
    const triage = triageMessage(row, now, r.settings.inFlightGraceMs);
    switch (triage.kind) {
      case 'settled':
        settledAlready.push(row);
        break;
      case 'in-flight':
        break;
      case 'hold':
        held.push(row);
        break;
      case 'suppress':
        settlements.push({
          messageId: row.id,
          from: ['claimed', 'queued'],
          to: 'suppressed',
          event: 'suppressed',
          reason: `${triage.code}: ${triage.reason}`,
        });
        break;
      case 'send':
      case 'reconcile': {
        const key = row.connector_id ?? '';
        const group = byConnector.get(key) ?? { send: [], reconcile: [] };
        group[triage.kind].push(row);
        byConnector.set(key, group);
        break;
      }
    }
  }

  for (const [connectorId, group] of byConnector) {
    let account: Awaited<ReturnType<typeof r.connectors.get>>;
    try {
      account = await r.connectors.get(connectorId);
    } catch (error) {
      if (!(error instanceof ConnectorUnavailableError)) throw error;
      for (const row of [...group.send, ...group.reconcile]) {
        settlements.push({
          messageId: row.id,
          from: ['claimed', 'queued'],
          to: 'failed',
          event: 'failed',
          reason: `${error.code}: ${error.message}`,
        });
      }
      continue;
    }
    const outcome = await sendThroughAccount(r, account, group, attempt);
    settlements.push(...outcome.settlements);
    if (outcome.rateLimitedMs !== undefined) {
      result.rateLimitedMs = Math.max(result.rateLimitedMs ?? 0, outcome.rateLimitedMs);
    }
    if (outcome.retry) {
      result.retry = {
        count: (result.retry?.count ?? 0) + outcome.retry.count,
        retryAfterMs: Math.max(result.retry?.retryAfterMs ?? 0, outcome.retry.retryAfterMs ?? 0) || undefined,
      };
    }
  }

  const settled = await settleMessages(r.db, settlements, now);
  for (const s of settled) {
    if (s.status === 'sent' || s.status === 'delivered') result.sent += 1;
    else if (s.status === 'failed') result.failed += 1;
    else if (s.status === 'unknown') result.unknown += 1;
    else if (s.status === 'suppressed') result.suppressed += 1;
  }
  result.held = await holdForResume(r, held);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const decided = [
    ...settled.flatMap((s) => {
      const message = byId.get(s.messageId);
      return message ? [{ message, status: s.status }] : [];
    }),
    ...settledAlready.map((message) => ({ message, status: message.status })),
  ];
  return { result, decided };
}
