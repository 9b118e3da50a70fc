import {
  startTestPushGateway,
  startTestSmsGateway,
  startTestSmtpServer,
  startTestWeComApi,
  type TestPushGateway,
  type TestSmsGateway,
  type TestSmtpServer,
  type TestWeComApi,
} from '@waymark/connectors/testing';
import type { SandboxInbox } from './sandbox-inbox.ts';

/** The connector kinds the sandbox has a stand-in provider for. */
export type SandboxConnectorKind =
  | 'http-sms-gateway'
  | 'wecom'
  | 'wecom-contact'
  | 'http-push-gateway'
  | 'smtp-email';

/** Local providers speaking each channel's protocol, and the credentials that reach them. */
export interface SandboxProviders {
  /**
   * Connector credentials per connector kind, as the demo connectors store them: two kinds may
   * share a channel (WeCom application messages, and customer contact through the RMs) and
   * each takes its own credentials.
   */
  credentials: Record<SandboxConnectorKind, Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * Starts the SMS gateway, the WeCom API (application messages, and customer contact through
 * relationship managers who send every task at once), the push gateway and a mail relay (SMTP
 * with STARTTLS and a login) on free ports of 127.0.0.1 (never a public interface) and files
 * every message they take in `inbox`, a contact message titled with the RM who sent it. They are
 * the same servers the connector tests use, so the demo exercises the real connectors and
 * protocols end to end.
 */
export async function startSandboxProviders(inbox: SandboxInbox): Promise<SandboxProviders> {
  // Their message lists are bounded like the inbox; the gateways still keep one small record per
  // idempotency key, as real ones do to deduplicate retries.
  const remember = inbox.capacity;
  const started: { close(): Promise<void> }[] = [];
  try {
    const sms: TestSmsGateway = await startTestSmsGateway({
      onMessage: (m) =>
        inbox.add({
          channel: 'sms',
          to: m.to,
          title: null,
          text: m.text,
          providerMessageId: m.id,
          receivedAt: m.at,
        }),
    });
    started.push(sms);
    const wecom: TestWeComApi = await startTestWeComApi({
      remember,
      onMessage: (m) =>
        inbox.add({
          channel: 'wecom',
          to: m.toUserId,
          title: m.title ?? null,
          text: m.text,
          providerMessageId: m.msgid,
          receivedAt: m.at,
        }),
      // Every relationship manager sends each customer-contact task the moment WeCom offers it,
      // so the customer's copy reaches the inbox at once and the next receipt poll reads it as sent.
      contactTasksSentAfterMs: 0,
      onContactMessage: (m) =>
        inbox.add({
          channel: 'wecom',
          to: m.externalUserId,
          title: m.link
            ? `客户经理 ${m.sender} 转发 · via RM ${m.sender} · ${m.link.title}`
            : `客户经理 ${m.sender} 转发 · via RM ${m.sender}`,
          text: m.link ? `${m.text}\n${m.link.url}` : m.text,
          providerMessageId: m.msgid,
          receivedAt: m.at,
        }),
    });
    started.push(wecom);
    const push: TestPushGateway = await startTestPushGateway({
      remember,
      onMessage: (m) =>
        inbox.add({
          channel: 'push',
          to: m.to,
          title: m.title,
          text: m.body,
          providerMessageId: m.id,
          receivedAt: m.at,
        }),
    });
    started.push(push);
    const email: TestSmtpServer = await startTestSmtpServer({
      remember,
      onMessage: (m) =>
        inbox.add({
          channel: 'email',
          to: m.rcptTo.join(', '),
          title: m.subject || null,
          text: m.text ?? m.html ?? '',
          providerMessageId: m.messageId || m.id,
          receivedAt: m.at,
        }),
    });
    started.push(email);
    return {
      credentials: {
        'http-sms-gateway': { baseUrl: sms.url, apiKey: sms.apiKey, sender: 'Waymark银行' },
        wecom: {
          baseUrl: wecom.url,
          corpId: wecom.corpId,
          corpSecret: wecom.corpSecret,
          agentId: wecom.agentId,
        },
        // The same local corp; a real bank's customer-contact secret differs from its app's.
        'wecom-contact': { baseUrl: wecom.url, corpId: wecom.corpId, corpSecret: wecom.corpSecret },
        'http-push-gateway': { baseUrl: push.url, apiToken: push.apiToken, defaultTitle: 'Waymark 银行' },
        'smtp-email': email.credentials({
          fromAddress: 'noreply@waymark-bank.example',
          fromName: 'Waymark 银行',
        }),
      },
      close: async () => {
        await Promise.all(started.map((s) => s.close()));
      },
    };
  } catch (error) {
    await Promise.all(started.map((s) => s.close()));
    throw error;
  }
}
