/**
 * How a send attempt failed decides what the engine may do next, so connectors throw one of
 * three classes and nothing else:
 *
 * - `TransientSendError`: the provider did not take the message (unreachable, 5xx, 429). Safe to
 *   retry with the same idempotency key.
 * - `PermanentSendError`: the provider refused it for good (bad number, blocked content, bad
 *   credentials). Retrying cannot help; the message is recorded as failed with the code.
 * - `UnknownOutcomeError`: the request left the building but the answer was lost or unreadable.
 *   The message may have been sent, so it is never blindly re-sent: it is reconciled instead.
 */
export type SendFailureKind = 'transient' | 'permanent' | 'unknown';

/** Base class of every send failure a connector reports. */
export abstract class ConnectorSendError extends Error {
  abstract readonly kind: SendFailureKind;
  /** Stable machine code, e.g. `invalid-recipient`, `provider-unavailable`, `answer-lost`. */
  readonly code: string;
  /** Extra facts worth recording with the message event (HTTP status, provider code). */
  readonly detail: Record<string, unknown>;

  constructor(
    code: string,
    message: string,
    options: { detail?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.detail = options.detail ?? {};
  }
}

/** The provider did not accept the message; retrying with the same key is safe. */
export class TransientSendError extends ConnectorSendError {
  readonly kind = 'transient' as const;
  /** How long the provider asked us to wait (Retry-After), when it said so. */
  readonly retryAfterMs: number | undefined;

  constructor(
    code: string,
    message: string,
    options: { detail?: Record<string, unknown>; cause?: unknown; retryAfterMs?: number } = {},
  ) {
    super(code, message, options);
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** The provider refused the message for good. */
export class PermanentSendError extends ConnectorSendError {
  readonly kind = 'permanent' as const;
}

/** The request was sent but its answer was lost or garbled: the message may or may not be out. */
export class UnknownOutcomeError extends ConnectorSendError {
  readonly kind = 'unknown' as const;
}

/** Stored credentials do not match the connector's schema (a channel team must fix the setup). */
export class ConnectorConfigError extends Error {
  readonly code = 'connector-misconfigured';
  readonly issues: string[];

  constructor(connectorId: string, issues: string[]) {
    super(`Connector "${connectorId}" is not set up correctly: ${issues.join('; ')}`);
    this.name = 'ConnectorConfigError';
    this.issues = issues;
  }
}

/** A delivery-receipt callback that failed verification or could not be read. */
export class WebhookRejectedError extends Error {
  readonly code: 'bad-signature' | 'bad-payload';

  constructor(code: 'bad-signature' | 'bad-payload', message: string) {
    super(message);
    this.name = 'WebhookRejectedError';
    this.code = code;
  }
}

/** Narrows an unknown thrown value to a connector send error. */
export function isConnectorSendError(error: unknown): error is ConnectorSendError {
  return error instanceof ConnectorSendError;
}
