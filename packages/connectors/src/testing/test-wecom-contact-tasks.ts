import { randomBytes } from 'node:crypto';
import { wecomErrcodes as E } from '../connectors/wecom/protocol.ts';
import { contactErrcodes } from '../connectors/wecom-contact/protocol.ts';
import { createCountWaiter } from './wait-for-count.ts';

/** A customer-contact task (`add_msg_template`) the API took: one RM, one script, some customers. */
export interface ReceivedContactTask {
  msgid: string;
  sender: string;
  /** The customers the task reaches (those in `failList` excluded). */
  externalUserIds: string[];
  /** Customers that were asked for but are not the sender's contacts. */
  failList: string[];
  text: string;
  link: { title: string; url: string } | undefined;
  at: Date;
}

/** How a customer's copy of a task stands: 0 not sent yet, 1 sent, 2 not a contact, 3 over the month's quota. */
export type ContactSendStatus = 0 | 1 | 2 | 3;

/** One customer's copy of a contact task, once their relationship manager sent it. */
export interface SentContactMessage {
  /** The task's msgid, shared by every customer the task reaches. */
  msgid: string;
  /** The relationship manager's WeCom user id. */
  sender: string;
  externalUserId: string;
  text: string;
  link: { title: string; url: string } | undefined;
  at: Date;
}

export interface ContactTaskOptions {
  /**
   * Settles every task as if each relationship manager sent it to all its customers this many
   * milliseconds after it was created (0: at once). Unset, tasks wait for `mark`.
   */
  sentAfterMs?: number;
  /** Told about each customer's copy when it becomes sent (status 1), however it did. */
  onSent?: (message: SentContactMessage) => void;
}

type Answer = Record<string, unknown> & { errcode: number; errmsg: string };

/**
 * The local WeCom API's customer-contact side: the tasks `add_msg_template` created, how each
 * customer's copy stands, and `get_groupmsg_send_result` pages read from them.
 */
export function createContactTaskBook(
  rejectedSenders: ReadonlySet<string>,
  options: ContactTaskOptions = {},
) {
  const notContacts = new Set<string>();
  const tasks = new Map<string, Task>();
  const timers = new Set<NodeJS.Timeout>();
  const waiter = createCountWaiter('the WeCom customer-contact API', () => tasks.size);

  const settle = (task: Task, status: ContactSendStatus, externalUserIds: Iterable<string>) => {
    const at = new Date();
    for (const id of externalUserIds) {
      const before = task.results.get(id);
      if (!before) throw new Error(`Task ${task.msgid} does not reach ${id}`);
      task.results.set(id, { status, at });
      if (status !== 1 || before.status === 1) continue;
      const { msgid, sender, text, link } = task;
      options.onSent?.({ msgid, sender, externalUserId: id, text, link, at });
    }
  };

  /** The relationship manager sends a new task, at once or after `sentAfterMs`. */
  const sendLater = (task: Task, delayMs: number) => {
    if (delayMs <= 0) return settle(task, 1, task.externalUserIds);
    const timer = setTimeout(() => {
      timers.delete(timer);
      // Only the customers a test has not settled otherwise meanwhile.
      settle(
        task,
        1,
        task.externalUserIds.filter((id) => task.results.get(id)?.status === 0),
      );
    }, delayMs);
    timer.unref();
    timers.add(timer);
  };

  return {
    /** `add_msg_template`: the answer WeCom gives. */
    take(body: unknown): Answer {
      const t = (body ?? {}) as {
        chat_type?: string;
        external_userid?: string[];
        sender?: string;
        text?: { content?: string };
        attachments?: { msgtype?: string; link?: { title?: string; url?: string } }[];
      };
      if (!t.sender || rejectedSenders.has(t.sender)) {
        return { errcode: contactErrcodes.invalidUserId, errmsg: 'invalid userid' };
      }
      const link = t.attachments?.find((a) => a.msgtype === 'link')?.link;
      const text = t.text?.content;
      if (t.chat_type !== 'single' || !text) return { errcode: E.emptyContent, errmsg: 'empty content' };
      const asked = [...new Set(t.external_userid ?? [])];
      const failList = asked.filter((id) => notContacts.has(id));
      const externalUserIds = asked.filter((id) => !notContacts.has(id));
      if (externalUserIds.length === 0) {
        return { errcode: contactErrcodes.noValidCustomer, errmsg: 'no valid external contact' };
      }
      const at = new Date();
      const task: Task = {
        msgid: `msgGCAAA${randomBytes(12).toString('hex')}`,
        sender: t.sender,
        externalUserIds,
        failList,
        text,
        link: link?.title && link.url ? { title: link.title, url: link.url } : undefined,
        at,
        results: new Map(externalUserIds.map((id) => [id, { status: 0, at }])),
      };
      tasks.set(task.msgid, task);
      if (options.sentAfterMs !== undefined) sendLater(task, options.sentAfterMs);
      waiter.bump();
      return { errcode: 0, errmsg: 'ok', fail_list: failList, msgid: task.msgid };
    },

    /** `get_groupmsg_send_result`: one page of a task's customers, the cursor being an offset. */
    sendResult(body: unknown): Answer {
      const q = (body ?? {}) as { msgid?: string; userid?: string; limit?: number; cursor?: string };
      const task = q.msgid ? tasks.get(q.msgid) : undefined;
      if (!task) return { errcode: 41063, errmsg: 'invalid msgid' };
      const rows = q.userid && q.userid !== task.sender ? [] : [...task.results];
      const start = Number(q.cursor || 0);
      const limit = Math.min(Math.max(Number(q.limit) || 500, 1), 1000);
      const page = rows.slice(start, start + limit);
      return {
        errcode: 0,
        errmsg: 'ok',
        next_cursor: start + limit < rows.length ? String(start + limit) : '',
        send_list: page.map(([externalUserId, r]) => ({
          external_userid: externalUserId,
          chat_id: '',
          userid: task.sender,
          status: r.status,
          ...(r.status === 0 ? {} : { send_time: Math.floor(r.at.getTime() / 1000) }),
        })),
      };
    },

    rejectContacts(externalUserIds: Iterable<string>): void {
      for (const id of externalUserIds) notContacts.add(id);
    },

    mark(msgid: string, status: ContactSendStatus, externalUserIds?: Iterable<string>): void {
      const task = tasks.get(msgid);
      if (!task) throw new Error(`The WeCom API has no task ${msgid}`);
      settle(task, status, externalUserIds ?? task.externalUserIds);
    },

    list: (): ReceivedContactTask[] => [...tasks.values()].map(({ results: _, ...task }) => ({ ...task })),
    waitFor: (count: number, timeoutMs?: number) => waiter.waitFor(count, timeoutMs),

    /** Drops the relationship managers' pending sends (the server is closing). */
    close(): void {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

type Task = ReceivedContactTask & { results: Map<string, { status: number; at: Date }> };
