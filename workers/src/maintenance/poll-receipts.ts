import type { DeliveryReport, SentMessage } from '@waymark/connectors';
import type { ReceiptJob } from '@waymark/queues';
import { recordReceipts } from '../receipts/record-receipts.ts';
import { ConnectorUnavailableError } from '../runtime/connector-accounts.ts';
import type { EngineResources } from '../runtime/resources.ts';

export interface PollResult {
  /** Messages whose provider was asked. */
  asked: number;
  /** Messages the answers settled (delivered or failed). */
  settled: number;
}

/** Largest `reports` of one receipt job (see `receiptJobSchema`). */
const reportsPerRecord = 1000;

/**
 * Asks connectors that push no delivery receipts (`receipts.poll`) about their messages still
 * `sent` within `receiptPollMaxAgeMs`, a page at a time, and records the answers through
 * `recordReceipts`, as pushed receipts are. Idempotent: a settled message is no longer `sent`, so
 * it is neither asked about again nor settled twice (the settlement is a conditional update).
 */
export async function pollReceipts(r: EngineResources): Promise<PollResult> {
  const now = r.clock.now();
  const since = new Date(now.getTime() - r.settings.receiptPollMaxAgeMs);
  const signal = AbortSignal.timeout(5 * 60_000);
  const result: PollResult = { asked: 0, settled: 0 };
  let after = { at: since, id: 0 };
  for (;;) {
    const rows = await r.db.query<{
      event_id: number;
      at: Date;
      idempotency_key: string;
      provider_message_id: string | null;
      connector_id: string | null;
      sent_at: Date | null;
      detail: Record<string, unknown>;
    }>(
      // Through the events that recorded the sends (messages keep no index on status); the
      // partial index holds only sends through connectors that poll.
      `SELECT ev.id AS event_id, ev.at, m.idempotency_key, m.provider_message_id, m.connector_id,
              m.sent_at, ev.detail
         FROM message_events ev
         JOIN messages m ON m.id = ev.message_id
        WHERE ev.status = 'sent' AND ev.detail ? 'pollReceipt' AND ev.at >= $1
          AND (ev.at, ev.id) > ($2, $3) AND m.status = 'sent'
        ORDER BY ev.at, ev.id LIMIT $4`,
      [since, after.at, after.id, r.settings.pageSize],
    );
    const last = rows.at(-1);
    if (!last) break;
    after = { at: last.at, id: last.event_id };

    const byConnector = new Map<string, SentMessage[]>();
    for (const row of rows) {
      if (!row.connector_id || !row.provider_message_id) continue;
      const sent = byConnector.get(row.connector_id) ?? [];
      sent.push({
        providerMessageId: row.provider_message_id,
        idempotencyKey: row.idempotency_key,
        sentAt: row.sent_at ?? row.at,
        detail: row.detail,
      });
      byConnector.set(row.connector_id, sent);
    }
    for (const [connectorId, sent] of byConnector) {
      const reports = await askConnector(r, connectorId, sent, signal);
      if (reports === undefined) continue;
      result.asked += sent.length;
      for (let start = 0; start < reports.length; start += reportsPerRecord) {
        const job: ReceiptJob = {
          connectorId,
          reports: reports.slice(start, start + reportsPerRecord).map((report) => ({
            providerMessageId: report.providerMessageId,
            idempotencyKey: report.idempotencyKey,
            status: report.status,
            at: report.at.toISOString(),
            code: report.code,
          })),
        };
        result.settled += (await recordReceipts(r, job)).updated;
      }
    }
    if (rows.length < r.settings.pageSize) break;
  }
  return result;
}

/** The connector's answer, or undefined when it cannot be asked now (the next poll tries again). */
async function askConnector(
  r: EngineResources,
  connectorId: string,
  sent: SentMessage[],
  signal: AbortSignal,
): Promise<DeliveryReport[] | undefined> {
  try {
    const account = await r.connectors.get(connectorId);
    if (!account.client.canPoll) return undefined;
    return await account.client.pollReceipts(sent, signal);
  } catch (error) {
    if (!(error instanceof ConnectorUnavailableError)) {
      r.log.warn('receipt poll failed', { connectorId, error: (error as Error).message });
    }
    return undefined;
  }
}
