import type { z } from 'zod';
import type { ChannelMessages, ConnectorChannel } from './channel-messages.ts';
import type { ConnectorSendError } from './errors.ts';

/** What a provider answered when it took a message. */
export interface SendReceipt {
  /** The provider's own id, used to match delivery receipts. */
  providerMessageId: string;
  /** `sent`: accepted for delivery; `delivered`: the provider already confirms delivery. */
  status: 'sent' | 'delivered';
  /** Price of this message in the bank's currency, when the provider reports it. */
  cost?: number | undefined;
  detail?: Record<string, unknown> | undefined;
}

/** One message of a batch, with the key the provider deduplicates on. */
export interface OutgoingMessage<M> {
  message: M;
  idempotencyKey: string;
}

/** The per-message result of a batch: a receipt, or the send error for that message alone. */
export type SendOutcome =
  | { idempotencyKey: string; ok: true; receipt: SendReceipt }
  | { idempotencyKey: string; ok: false; error: ConnectorSendError };

/** Whether the provider holds a message with a given idempotency key (for reconciliation). */
export type LookupResult = { found: true; receipt: SendReceipt } | { found: false };

/** Result of the health check shown on the channel settings page. */
export interface CheckResult {
  ok: boolean;
  /** A sentence a channel operator understands ("Gateway answered in 12 ms", "API key refused"). */
  message: string;
}

/** A delivery receipt the provider pushed back to us. */
export interface DeliveryReport {
  providerMessageId: string;
  idempotencyKey?: string | undefined;
  status: 'delivered' | 'failed';
  at: Date;
  /** Provider's failure code when `status` is `failed`. */
  code?: string | undefined;
  detail: Record<string, unknown>;
}

/** A message the provider took (`sent`) whose outcome a connector that polls asks about. */
export interface SentMessage {
  providerMessageId: string;
  idempotencyKey: string;
  sentAt: Date;
  /** The `detail` of the connector's own `SendReceipt` (what it needs to ask: a sender, a recipient). */
  detail: Record<string, unknown>;
}

/** The raw HTTP request of a provider callback, as the server received it. */
export interface WebhookRequest {
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
}

/**
 * A connector: one way of delivering one channel's messages through one kind of provider. The
 * engine knows nothing else about providers; adding a provider is one folder with one of these.
 */
export interface ConnectorDefinition<Ch extends ConnectorChannel = ConnectorChannel, C = unknown> {
  /** Stable kebab-case id stored in `connectors.kind`. */
  id: string;
  channel: Ch;
  /** Name shown to channel teams. */
  label: string;
  description: string;
  /** Schema of the stored (encrypted) credentials and endpoint settings. */
  credentials: z.ZodType<C>;
  /** Largest batch `sendBatch` accepts. */
  maxBatchSize?: number;
  /** Sends one message. Throws only `ConnectorSendError` subclasses. */
  send(input: {
    message: ChannelMessages[Ch];
    credentials: C;
    idempotencyKey: string;
    signal: AbortSignal;
  }): Promise<SendReceipt>;
  /** Sends many messages in one provider call; a failure of the whole call is thrown. */
  sendBatch?(input: {
    items: OutgoingMessage<ChannelMessages[Ch]>[];
    credentials: C;
    signal: AbortSignal;
  }): Promise<SendOutcome[]>;
  /** Asks the provider whether it holds a message with this key (to settle an unknown outcome). */
  lookup?(input: { idempotencyKey: string; credentials: C; signal: AbortSignal }): Promise<LookupResult>;
  /** Verifies the credentials and that the provider answers. */
  check(input: { credentials: C; signal: AbortSignal }): Promise<CheckResult>;
  /** Reads provider callbacks; throws `WebhookRejectedError` when a callback is not genuine. */
  webhooks?: {
    deliveryReports(input: WebhookRequest & { credentials: C }): DeliveryReport[];
  };
  /**
   * For providers that push no receipts and must be asked instead. The engine calls `poll` every
   * few minutes with messages still `sent` (a page at a time, for a few days after sending) and
   * records the reports as it records pushed ones, so polling twice records nothing twice. A
   * message whose outcome is not known yet is simply left out of the answer.
   */
  receipts?: {
    poll(input: { credentials: C; sent: SentMessage[]; signal: AbortSignal }): Promise<DeliveryReport[]>;
  };
}

/** A connector definition with its channel and credential types erased, as held by a registry. */
// biome-ignore lint/suspicious/noExplicitAny: erasing the credential type is the point of this alias
export type AnyConnectorDefinition = ConnectorDefinition<ConnectorChannel, any>;

/**
 * Declares a connector. Identity at runtime; its value is inference: `credentials` types the
 * `credentials` argument of every method, and `channel` types `message`.
 */
export function defineConnector<Ch extends ConnectorChannel, C>(
  definition: ConnectorDefinition<Ch, C>,
): ConnectorDefinition<Ch, C> {
  return definition;
}
