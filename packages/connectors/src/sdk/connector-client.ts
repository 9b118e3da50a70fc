import type { ChannelMessages, ConnectorChannel } from './channel-messages.ts';
import type {
  AnyConnectorDefinition,
  CheckResult,
  DeliveryReport,
  LookupResult,
  OutgoingMessage,
  SendOutcome,
  SendReceipt,
  SentMessage,
} from './define-connector.ts';
import { ConnectorConfigError, isConnectorSendError, UnknownOutcomeError } from './errors.ts';

/** A connector bound to one configured account: credentials parsed once, methods ready to call. */
export interface ConnectorClient<Ch extends ConnectorChannel = ConnectorChannel> {
  readonly connectorId: string;
  readonly channel: Ch;
  readonly canLookup: boolean;
  /** Whether the provider must be asked for delivery receipts (see `ConnectorDefinition.receipts`). */
  readonly canPoll: boolean;
  send(item: OutgoingMessage<ChannelMessages[Ch]>, signal: AbortSignal): Promise<SendReceipt>;
  /** Sends many messages, in provider batches when the connector supports them; never throws per message. */
  sendMany(items: OutgoingMessage<ChannelMessages[Ch]>[], signal: AbortSignal): Promise<SendOutcome[]>;
  lookup(idempotencyKey: string, signal: AbortSignal): Promise<LookupResult>;
  /** Asks the provider about messages still `sent`; `[]` when the connector does not poll. */
  pollReceipts(sent: SentMessage[], signal: AbortSignal): Promise<DeliveryReport[]>;
  check(signal: AbortSignal): Promise<CheckResult>;
}

/**
 * Validates stored credentials against the connector's schema and binds them. Throws
 * `ConnectorConfigError` listing every problem, so a channel team sees what to fix.
 */
export function bindConnector(definition: AnyConnectorDefinition, rawCredentials: unknown): ConnectorClient {
  const parsed = definition.credentials.safeParse(rawCredentials);
  if (!parsed.success) {
    throw new ConnectorConfigError(
      definition.id,
      parsed.error.issues.map((i) => `${i.path.join('.') || 'credentials'}: ${i.message}`),
    );
  }
  const credentials = parsed.data;
  const maxBatch = Math.max(1, definition.maxBatchSize ?? 1);

  const sendOne = async (item: OutgoingMessage<unknown>, signal: AbortSignal): Promise<SendOutcome> => {
    try {
      const receipt = await definition.send({ ...item, message: item.message as never, credentials, signal });
      return { idempotencyKey: item.idempotencyKey, ok: true, receipt };
    } catch (error) {
      return { idempotencyKey: item.idempotencyKey, ok: false, error: asSendError(error) };
    }
  };

  return {
    connectorId: definition.id,
    channel: definition.channel,
    canLookup: definition.lookup !== undefined,
    canPoll: definition.receipts !== undefined,
    async send(item, signal) {
      try {
        return await definition.send({ ...item, message: item.message as never, credentials, signal });
      } catch (error) {
        throw asSendError(error);
      }
    },
    async sendMany(items, signal) {
      const outcomes: SendOutcome[] = [];
      if (!definition.sendBatch || items.length === 1) {
        for (const item of items) outcomes.push(await sendOne(item, signal));
        return outcomes;
      }
      for (let start = 0; start < items.length; start += maxBatch) {
        const chunk = items.slice(start, start + maxBatch);
        try {
          outcomes.push(...(await definition.sendBatch({ items: chunk as never, credentials, signal })));
        } catch (error) {
          const failure = asSendError(error);
          for (const item of chunk)
            outcomes.push({ idempotencyKey: item.idempotencyKey, ok: false, error: failure });
        }
      }
      return outcomes;
    },
    async lookup(idempotencyKey, signal) {
      if (!definition.lookup) return { found: false };
      return definition.lookup({ idempotencyKey, credentials, signal });
    },
    async pollReceipts(sent, signal) {
      if (!definition.receipts || sent.length === 0) return [];
      return definition.receipts.poll({ credentials, sent, signal });
    },
    check(signal) {
      return definition.check({ credentials, signal });
    },
  };
}

/**
 * Anything a connector throws that is not one of the three send errors is a bug or a surprise.
 * Treating it as "unknown outcome" is the safe reading: the message is reconciled, never re-sent.
 */
function asSendError(error: unknown) {
  if (isConnectorSendError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new UnknownOutcomeError('connector-crashed', `The connector failed unexpectedly: ${message}`, {
    cause: error,
  });
}
