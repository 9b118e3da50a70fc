import type { DeliveryReport, SentMessage } from '../../sdk/define-connector.ts';
import type { AccessTokens, TokenAccount } from '../wecom/access-token.ts';
import { postWithToken } from '../wecom/call-api.ts';
import { readContactAnswer } from './answers.ts';
import { contactPaths, sendResultStatus as S, sendResultAnswer } from './protocol.ts';

/** Rows per `get_groupmsg_send_result` page (WeCom's largest). */
const pageLimit = 500;
/** A cursor that never ends would keep one poll busy for ever; a task has at most this many pages. */
const maxPages = 100;

/**
 * Asks WeCom how the relationship managers' tasks went: one paged `get_groupmsg_send_result` per
 * (task, sender), however many customers it reaches. Sent → delivered; not a contact or over the
 * month's quota → failed with a code a planner reads; not sent yet → nothing, asked again later.
 * A task that cannot be read now is skipped (the next poll asks again); only when none can be
 * read is the error thrown, so the operator sees it.
 */
export async function pollSendResults(
  tokens: AccessTokens,
  account: TokenAccount,
  sent: readonly SentMessage[],
  now: () => number,
  signal: AbortSignal,
): Promise<DeliveryReport[]> {
  const tasks = new Map<string, { msgid: string; sender: string; byCustomer: Map<string, SentMessage[]> }>();
  for (const message of sent) {
    const { sender, externalUserId } = message.detail;
    if (typeof sender !== 'string' || typeof externalUserId !== 'string') continue;
    const key = `${message.providerMessageId}\n${sender}`;
    const task = tasks.get(key) ?? { msgid: message.providerMessageId, sender, byCustomer: new Map() };
    task.byCustomer.set(externalUserId, [...(task.byCustomer.get(externalUserId) ?? []), message]);
    tasks.set(key, task);
  }

  const reports: DeliveryReport[] = [];
  const failures: unknown[] = [];
  for (const task of tasks.values()) {
    let results: Awaited<ReturnType<typeof readTask>>;
    try {
      results = await readTask(tokens, account, task.msgid, task.sender, signal);
    } catch (error) {
      failures.push(error);
      continue;
    }
    for (const result of results) {
      const report = reportFor(result.status, result.send_time, now);
      if (!report) continue;
      for (const message of task.byCustomer.get(result.external_userid) ?? []) {
        reports.push({
          ...report,
          providerMessageId: task.msgid,
          idempotencyKey: message.idempotencyKey,
          detail: { msgid: task.msgid, sender: task.sender, wecomStatus: result.status },
        });
      }
    }
  }
  if (tasks.size > 0 && failures.length === tasks.size) throw failures[0];
  return reports;
}

async function readTask(
  tokens: AccessTokens,
  account: TokenAccount,
  msgid: string,
  sender: string,
  signal: AbortSignal,
) {
  const results = [];
  let cursor = '';
  for (let page = 0; page < maxPages; page += 1) {
    const body = JSON.stringify({ msgid, userid: sender, limit: pageLimit, cursor });
    const response = await postWithToken(tokens, account, contactPaths.sendResult, body, signal);
    const answer = readContactAnswer(response, sendResultAnswer);
    results.push(...answer.send_list);
    if (!answer.next_cursor) break;
    cursor = answer.next_cursor;
  }
  return results;
}

function reportFor(
  status: number,
  sendTime: number | undefined,
  now: () => number,
): Pick<DeliveryReport, 'status' | 'at' | 'code'> | undefined {
  const at = new Date(sendTime ? sendTime * 1000 : now());
  switch (status) {
    case S.sent:
      return { status: 'delivered', at };
    case S.notAContact:
      return { status: 'failed', at, code: 'not-a-contact' };
    case S.quotaReached:
      return { status: 'failed', at, code: 'monthly-quota' };
    default:
      // 0: the relationship manager has not sent it yet; an unknown status is not an outcome either.
      return undefined;
  }
}
