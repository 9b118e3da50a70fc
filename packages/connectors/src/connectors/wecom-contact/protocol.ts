import { z } from 'zod';

/**
 * The part of WeCom's customer-contact API (客户联系) that reaches customers through their
 * relationship managers. Same token flow as application messages (`gettoken` with the corp ID and
 * the secret of the customer-contact app), the same `{ errcode, errmsg }` answers.
 *
 * - `POST /cgi-bin/externalcontact/add_msg_template?access_token=…` body `{ chat_type: "single",
 *   external_userid: ["wm…"], sender: "<RM's userid>", text: { content } }` → `{ errcode: 0, msgid,
 *   fail_list }`. It creates a task the RM confirms in their WeCom client; the customers hear
 *   nothing until then. `fail_list` names the external userids that are not the sender's contacts.
 * - `POST /cgi-bin/externalcontact/get_groupmsg_send_result?access_token=…` body `{ msgid, userid,
 *   limit, cursor }` → `{ errcode: 0, next_cursor, send_list: [{ external_userid, userid, status,
 *   send_time }] }`, status 0 not sent yet, 1 sent, 2 not a contact, 3 already received one this
 *   period (a customer gets at most four such messages a month from the corp).
 */
export const contactPaths = {
  addMsgTemplate: '/cgi-bin/externalcontact/add_msg_template',
  sendResult: '/cgi-bin/externalcontact/get_groupmsg_send_result',
} as const;

/** Errcodes of the customer-contact API whose handling differs from application messages. */
export const contactErrcodes = {
  /** 不合法的UserID: the sender is not a member of the corp. */
  invalidUserId: 40003,
  /** No valid external contact to send to. */
  noValidCustomer: 41048,
  /** 不存在外部联系人的关系: the customer is not a contact of the sender. */
  notAContact: 84061,
} as const;

/** `send_list[].status` of `get_groupmsg_send_result`. */
export const sendResultStatus = {
  pending: 0,
  sent: 1,
  notAContact: 2,
  quotaReached: 3,
} as const;

export const addTemplateAnswer = z.object({
  errcode: z.literal(0),
  msgid: z.string().min(1),
  fail_list: z.array(z.string()).default([]),
});

export const sendResultAnswer = z.object({
  errcode: z.literal(0),
  next_cursor: z.string().default(''),
  send_list: z
    .array(
      z.object({
        external_userid: z.string().default(''),
        userid: z.string().optional(),
        status: z.number().int(),
        send_time: z.number().optional(),
      }),
    )
    .default([]),
});

/** The wire body of `add_msg_template` for one sender and one script. */
export interface AddTemplateBody {
  chat_type: 'single';
  external_userid: string[];
  sender: string;
  text: { content: string };
  attachments?: { msgtype: 'link'; link: { title: string; url: string } }[];
}
