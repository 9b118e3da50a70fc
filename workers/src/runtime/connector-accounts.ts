import {
  type AnyConnectorDefinition,
  bindConnector,
  type ConnectorClient,
  ConnectorConfigError,
  type ConnectorRegistry,
} from '@waymark/connectors';
import type { Db } from '@waymark/db';
import type { PiiCipher } from '@waymark/db/crypto';

/** A configured connector (a row of `connectors`) ready to send. */
export interface ConnectorAccount {
  id: string;
  channel: string;
  client: ConnectorClient;
  /** Messages per window allowed through this account, from its settings. */
  rateLimit: { max: number; durationMs: number } | undefined;
  costPerMessage: number | undefined;
}

/** Why a message cannot go through its connector; recorded on the message as its reason. */
export class ConnectorUnavailableError extends Error {
  constructor(
    readonly code:
      | 'connector-missing'
      | 'connector-disabled'
      | 'connector-kind-unknown'
      | 'connector-misconfigured',
    message: string,
  ) {
    super(message);
    this.name = 'ConnectorUnavailableError';
  }
}

export interface ConnectorAccounts {
  get(connectorId: string): Promise<ConnectorAccount>;
  /** Forget cached accounts (after a channel team edits a connector). */
  clear(): void;
}

interface ConnectorRow extends Record<string, unknown> {
  id: string;
  kind: string;
  channel: string;
  credentials_enc: string | null;
  settings: Record<string, unknown>;
  enabled: boolean;
}

/**
 * Loads connector rows, decrypts their credentials and binds them to their definitions. Bound
 * accounts are cached briefly so a batch of 10,000 sends reads the row once, yet an edit by the
 * channel team takes effect within `ttlMs` (and the reload that follows). An account past its
 * time keeps answering while it is reloaded in the background: sends never wait on the refresh.
 */
/**
 * Accounts that exist without a row: webhook nodes call through the `webhook` connector, and when
 * the bank has not configured one (with an allow-list of internal addresses), a strict built-in
 * one refuses every private address.
 */
export const builtInConnectorRows: Readonly<Record<string, { kind: string; channel: string }>> = {
  webhook: { kind: 'outbound-webhook', channel: 'webhook' },
};

export function createConnectorAccounts(deps: {
  db: Db;
  cipher: PiiCipher;
  registry: ConnectorRegistry;
  ttlMs?: number;
  now?: () => number;
}): ConnectorAccounts {
  const ttl = deps.ttlMs ?? 30_000;
  const now = deps.now ?? Date.now;
  const cache = new Map<string, { at: number; account: Promise<ConnectorAccount>; refreshing?: boolean }>();
  const remember = (connectorId: string, account: Promise<ConnectorAccount>) => {
    cache.set(connectorId, { at: now(), account });
    // A failed load is not kept: the next message reads the row again.
    account.catch(() => {
      if (cache.get(connectorId)?.account === account) cache.delete(connectorId);
    });
  };

  const load = async (connectorId: string): Promise<ConnectorAccount> => {
    const [row] = await deps.db.query<ConnectorRow>(
      'SELECT id, kind, channel, credentials_enc, settings, enabled FROM connectors WHERE id = $1',
      [connectorId],
    );
    const builtIn = builtInConnectorRows[connectorId];
    const builtInDefinition = builtIn ? deps.registry.get(builtIn.kind) : undefined;
    if (!row && builtIn && builtInDefinition) {
      return {
        id: connectorId,
        channel: builtIn.channel,
        client: bindConnector(builtInDefinition, {}),
        rateLimit: undefined,
        costPerMessage: undefined,
      };
    }
    if (!row)
      throw new ConnectorUnavailableError('connector-missing', `Connector "${connectorId}" does not exist`);
    if (!row.enabled) {
      throw new ConnectorUnavailableError('connector-disabled', `Connector "${connectorId}" is switched off`);
    }
    const definition: AnyConnectorDefinition | undefined = deps.registry.get(row.kind);
    if (!definition) {
      throw new ConnectorUnavailableError(
        'connector-kind-unknown',
        `Connector "${connectorId}" is of kind "${row.kind}", which this version does not know`,
      );
    }
    let credentials: unknown = {};
    try {
      credentials = row.credentials_enc ? JSON.parse(deps.cipher.decrypt(row.credentials_enc)) : {};
      return {
        id: row.id,
        channel: row.channel,
        client: bindConnector(definition, credentials),
        rateLimit: readRateLimit(row.settings),
        costPerMessage:
          typeof row.settings.costPerMessage === 'number' ? row.settings.costPerMessage : undefined,
      };
    } catch (error) {
      const detail =
        error instanceof ConnectorConfigError ? error.issues.join('; ') : (error as Error).message;
      throw new ConnectorUnavailableError('connector-misconfigured', `Connector "${connectorId}": ${detail}`);
    }
  };

  return {
    get(connectorId) {
      const hit = cache.get(connectorId);
      if (hit && (hit.refreshing || now() - hit.at < ttl)) return hit.account;
      const account = load(connectorId);
      if (!hit) {
        remember(connectorId, account);
        return account;
      }
      // Whatever the reload finds (an edit, a switched-off or deleted connector) replaces the
      // entry once it is known; until then the account in hand still serves.
      hit.refreshing = true;
      account.then(
        () => remember(connectorId, account),
        () => remember(connectorId, account),
      );
      return hit.account;
    },
    clear: () => cache.clear(),
  };
}

function readRateLimit(settings: Record<string, unknown>): ConnectorAccount['rateLimit'] {
  const limit = settings.rateLimit as { max?: unknown; durationMs?: unknown } | undefined;
  if (!limit || typeof limit.max !== 'number' || limit.max < 1) return undefined;
  const durationMs = typeof limit.durationMs === 'number' && limit.durationMs > 0 ? limit.durationMs : 1000;
  return { max: Math.floor(limit.max), durationMs };
}
