import { garbledAnswer, readJson } from '../../http/exchange-errors.ts';
import type { HttpResponse } from '../../http/http-request.ts';
import { type ConnectorSendError, PermanentSendError } from '../../sdk/errors.ts';
import { errorForStatus, provider } from '../wecom/answers.ts';
import { refusal } from '../wecom/call-api.ts';
import { errorAnswer } from '../wecom/protocol.ts';
import { contactErrcodes as E } from './protocol.ts';

/**
 * Reads an answer of the customer-contact API with `schema`, or throws the send error its errcode
 * means. Rate limits and "busy" are the application-message ones (transient); a sender or a
 * customer WeCom does not know is for good.
 */
export function readContactAnswer<T>(
  response: HttpResponse,
  schema: { safeParse(body: unknown): { success: true; data: T } | { success: false } },
): T {
  if (response.status !== 200) throw errorForStatus(response);
  const body = readJson(response.body);
  const answer = schema.safeParse(body);
  if (answer.success) return answer.data;
  const refused = errorAnswer.safeParse(body);
  if (refused.success && refused.data.errcode !== 0) {
    throw contactError(refused.data.errcode, refused.data.errmsg);
  }
  throw garbledAnswer(provider, response);
}

function contactError(errcode: number, errmsg: string): ConnectorSendError {
  const detail = { errcode, errmsg };
  switch (errcode) {
    case E.invalidUserId:
      return new PermanentSendError(
        'invalid-sender',
        'WeCom does not know the relationship manager’s user id (profile attribute "rmWecomUserId")',
        { detail },
      );
    case E.notAContact:
    case E.noValidCustomer:
      return notAContact(detail);
    default:
      return refusal(errcode, errmsg);
  }
}

/** The customer is not among the sender's external contacts: no task can reach them. */
export function notAContact(detail: Record<string, unknown>): PermanentSendError {
  return new PermanentSendError(
    'not-a-contact',
    'The customer is not a WeCom contact of their relationship manager',
    { detail },
  );
}
