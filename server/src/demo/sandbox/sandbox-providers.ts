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

/** Local providers speaking each channel's protocol, and the credentials that reach them. */
export interface SandboxProviders {
  /** Connector credentials per channel, as the demo connectors store them. */
  credentials: {
    sms: Record<string, unknown>;
    wecom: Record<string, unknown>;
    push: Record<string, unknown>;
    email: Record<string, unknown>;
  };
  close(): Promise<void>;
}

/**
 * Starts the SMS gateway, the WeCom API, the push gateway and a mail relay (SMTP with STARTTLS
 * and a login) on free ports of 127.0.0.1 (never a public interface) and files every message
 * they take in `inbox`. They are the same servers the
 * connector tests use, so the demo exercises the real connectors and protocols end to end.
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
        sms: { baseUrl: sms.url, apiKey: sms.apiKey, sender: 'Waymark银行' },
        wecom: {
          baseUrl: wecom.url,
          corpId: wecom.corpId,
          corpSecret: wecom.corpSecret,
          agentId: wecom.agentId,
        },
        push: { baseUrl: push.url, apiToken: push.apiToken, defaultTitle: 'Waymark 银行' },
        email: email.credentials({ fromAddress: 'noreply@waymark-bank.example', fromName: 'Waymark 银行' }),
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
