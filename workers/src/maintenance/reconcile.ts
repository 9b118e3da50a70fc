import { connectorDefinitions } from '@waymark/connectors';
import { jobId } from '@waymark/queues';
import { notifyEnrollments } from '../deliveries/notify-enrollments.ts';
import { type Settlement, settleMessages } from '../deliveries/settle-messages.ts';
import { ConnectorUnavailableError } from '../runtime/connector-accounts.ts';
import type { EngineResources } from '../runtime/resources.ts';

export interface ReconcileResult {
  confirmed: number;
  requeued: number;
  unresolved: number;
}

/** Connector kinds whose providers can be asked about a message by its idempotency key. */
const kindsThatCanLookUp: string[] = connectorDefinitions
  .filter((d) => d.lookup !== undefined)
  .map((d) => d.id);

/** How long the reconciler keeps asking about an unknown outcome before it leaves it unknown for good. */
const askForDays = 30;

/** Messages whose outcome is unknown are left this long before asking, so late answers can land first. */
const settleDelayMs = 30_000;

/**
 * Settles messages whose provider answer was lost: asks the provider by idempotency key. Found →
 * `sent` (the customer has it; nothing is re-sent). Not found → back to `claimed` and delivered
 * again, which is a first send. A provider that cannot be asked leaves the message `unknown`; the
 * enrollment moves on after `unknownGiveUpMs`.
 */
export async function reconcileUnknown(r: EngineResources): Promise<ReconcileResult> {
  const now = r.clock.now();
  const rows = await r.db.query<{
    id: number;
    idempotency_key: string;
    connector_id: string | null;
    channel: string;
    attempts: number;
  }>(
    // Only messages whose connector can be asked: the others stay unknown for good, and putting
    // them first in every page would starve the ones that can be settled.
    // Found through the events that recorded them going unknown (messages keep no index on status,
    // so their updates stay heap-only); those settled since are skipped by the status check.
    `SELECT m.id, m.idempotency_key, m.connector_id, m.channel, m.attempts
       FROM message_events ev
       JOIN messages m ON m.id = ev.message_id
       JOIN connectors c ON c.id = m.connector_id
      WHERE ev.status = 'unknown' AND ev.at < $1 AND ev.at > $4
        AND m.status = 'unknown' AND c.kind = ANY($3::text[])
      ORDER BY ev.at LIMIT $2`,
    [
      new Date(now.getTime() - settleDelayMs),
      r.settings.pageSize,
      kindsThatCanLookUp,
      new Date(now.getTime() - askForDays * 86_400_000),
    ],
  );
  const settlements: Settlement[] = [];
  const requeue = new Map<string, number[]>();
  let unresolved = 0;
  const signal = AbortSignal.timeout(60_000);
  // A message that went unknown twice (resent after a lookup found nothing) has two events.
  for (const row of new Map(rows.map((m) => [m.id, m])).values()) {
    let account: Awaited<ReturnType<typeof r.connectors.get>>;
    try {
      account = await r.connectors.get(row.connector_id ?? '');
    } catch (error) {
      if (error instanceof ConnectorUnavailableError) {
        unresolved += 1;
        continue;
      }
      throw error;
    }
    if (!account.client.canLookup) {
      unresolved += 1;
      continue;
    }
    const lookup = await account.client.lookup(row.idempotency_key, signal).catch(() => undefined);
    if (!lookup) {
      unresolved += 1;
    } else if (lookup.found) {
      settlements.push({
        messageId: row.id,
        from: ['unknown'],
        to: lookup.receipt.status,
        event: 'reconciled',
        providerMessageId: lookup.receipt.providerMessageId,
        attempt: row.attempts,
      });
    } else {
      settlements.push({
        messageId: row.id,
        from: ['unknown'],
        to: 'claimed',
        event: 'reconciled',
        reason: 'not received by the provider; sending again',
        attempt: row.attempts,
      });
      requeue.set(row.channel, [...(requeue.get(row.channel) ?? []), row.id]);
    }
  }
  const settled = await settleMessages(r.db, settlements, now);
  const requeuedIds = new Set(settled.filter((s) => s.status === 'claimed').map((s) => s.messageId));
  for (const [channel, ids] of requeue) {
    const mine = ids.filter((id) => requeuedIds.has(id));
    if (mine.length === 0) continue;
    await r.producers.deliveries.deliver(
      channel as never,
      mine,
      jobId('recon', now.getTime(), mine[0]!, mine.length),
    );
  }
  await notifyEnrollments(r, settled);
  return { confirmed: settled.length - requeuedIds.size, requeued: requeuedIds.size, unresolved };
}
