import type { ReceiptJob } from '@waymark/queues';
import { notifyEnrollments } from '../deliveries/notify-enrollments.ts';
import { type Settlement, settleMessages } from '../deliveries/settle-messages.ts';
import type { EngineResources } from '../runtime/resources.ts';

/**
 * Records delivery receipts. A message is found by the provider's id or, when the receipt
 * carries it, by our idempotency key (a receipt can overtake the provider's own answer). A
 * delivered receipt also settles a message left `unknown`: the provider plainly had it.
 */
export async function recordReceipts(
  r: EngineResources,
  job: ReceiptJob,
): Promise<{ matched: number; updated: number }> {
  type Row = { id: number; provider_message_id: string | null; idempotency_key: string };
  const keys = job.reports.flatMap((report) => (report.idempotencyKey ? [report.idempotencyKey] : []));
  const providerIdsOnly = job.reports
    .filter((report) => !report.idempotencyKey)
    .map((report) => report.providerMessageId);
  // Keys are indexed; a provider id alone is searched only for receipts that carry no key.
  const rows = [
    ...(keys.length === 0
      ? []
      : await r.db.query<Row>(
          `SELECT id, provider_message_id, idempotency_key FROM messages
            WHERE idempotency_key = ANY($2::text[]) AND connector_id = $1`,
          [job.connectorId, keys],
        )),
    ...(providerIdsOnly.length === 0
      ? []
      : await r.db.query<Row>(
          // Through the events that carried the id: an index on messages would cost every send an index write.
          `SELECT DISTINCT m.id, ev.provider_message_id, m.idempotency_key
             FROM message_events ev JOIN messages m ON m.id = ev.message_id
            WHERE ev.provider_message_id = ANY($2::text[]) AND m.connector_id = $1`,
          [job.connectorId, providerIdsOnly],
        )),
  ];
  const byProviderId = new Map(
    rows.filter((m) => m.provider_message_id).map((m) => [m.provider_message_id, m]),
  );
  const byKey = new Map(rows.map((m) => [m.idempotency_key, m]));
  const settlements: Settlement[] = [];
  for (const report of job.reports) {
    // The key first: one provider id can name several messages (a WeCom contact task reaches
    // many customers), our key names one.
    const message =
      (report.idempotencyKey ? byKey.get(report.idempotencyKey) : undefined) ??
      byProviderId.get(report.providerMessageId);
    if (!message) continue;
    settlements.push({
      messageId: message.id,
      from:
        report.status === 'delivered'
          ? ['queued', 'sent', 'unknown']
          : ['queued', 'sent', 'unknown', 'delivered'],
      to: report.status,
      event: report.status === 'delivered' ? 'delivered' : 'delivery-failed',
      reason: report.status === 'failed' ? `provider-reported: ${report.code ?? 'undelivered'}` : undefined,
      providerMessageId: report.providerMessageId,
      detail: { reportedAt: report.at },
    });
  }
  const settled = await settleMessages(r.db, settlements, r.clock.now());
  await notifyEnrollments(r, settled);
  return { matched: settlements.length, updated: settled.length };
}
