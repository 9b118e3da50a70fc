import { type ConnectorSendError, TransientSendError, UnknownOutcomeError } from '../sdk/errors.ts';
import { AnswerLostError, type HttpResponse, RequestNotSentError } from './http-request.ts';

/** Parses a JSON body, or undefined when the provider answered something that is not JSON. */
export function readJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/**
 * Maps a failed HTTP exchange (no answer at all) to a send error: a request that never left is
 * safe to retry, one that left without an answer may have been acted on. `provider` names the
 * other side in the message a channel operator reads ("the WeCom API").
 */
export function errorForExchange(provider: string, error: unknown): ConnectorSendError {
  if (error instanceof RequestNotSentError) {
    return new TransientSendError('provider-unreachable', `Could not reach ${provider}: ${error.message}`, {
      cause: error,
      detail: { network: error.code },
    });
  }
  if (error instanceof AnswerLostError) {
    return new UnknownOutcomeError(
      'answer-lost',
      `${capitalise(provider)} did not answer: ${error.message}`,
      {
        cause: error,
        detail: { network: error.code },
      },
    );
  }
  return new UnknownOutcomeError('answer-lost', `The exchange with ${provider} failed unexpectedly`, {
    cause: error,
  });
}

/** A 2xx answer we cannot read: the provider probably took the message, so the outcome is unknown. */
export function garbledAnswer(provider: string, response: HttpResponse): UnknownOutcomeError {
  return new UnknownOutcomeError(
    'garbled-answer',
    `${capitalise(provider)} answered something we cannot read`,
    {
      detail: { httpStatus: response.status, body: response.body.slice(0, 200) },
    },
  );
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
