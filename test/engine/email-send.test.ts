import { messageIdFor } from '@waymark/connectors';
import { startTestSmtpServer, type TestSmtpServer } from '@waymark/connectors/testing';
import { insertEvents, upsertCustomers } from '@waymark/db';
import { type RunningEngine, startEngine } from '@waymark/workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineWorld, type EngineWorld, graph, publishJourney } from './support/engine-world.ts';
import { drained, statusCounts, transitionCounts } from './support/observe.ts';

const customers = 90;
/** Two customers in three have an address on file (written in mixed case, as branch staff type them). */
const hasEmail = (i: number) => i % 3 !== 0;
const id = (i: number) => `M${String(i).padStart(5, '0')}`;
const names = ['王秀英', '李娜', '张伟', '刘洋', '陈静', 'O’Brien & 赵'];
const nameOf = (i: number) => names[i % names.length] as string;

let world: EngineWorld;
let smtp: TestSmtpServer;
let engine: RunningEngine;

beforeAll(async () => {
  world = await createEngineWorld({ label: 'email' });
  smtp = await startTestSmtpServer();
  await world.testDb.db.query(
    `INSERT INTO connectors (id, kind, channel, name, credentials_enc) VALUES ('mail-main', 'smtp-email', 'email', 'Mail', $1)`,
    [world.cipher.encrypt(JSON.stringify(smtp.credentials({ timeoutMs: 5000 })))],
  );
  await upsertCustomers(
    world.testDb.db,
    world.cipher,
    Array.from({ length: customers }, (_, k) => {
      const i = k + 1;
      return {
        id: id(i),
        name: nameOf(i),
        attributes: { balance: 1000 * i },
        consent: { email: true },
        ...(hasEmail(i) ? { email: `Customer.${i}@Example.CN` } : {}),
      };
    }),
  );
  engine = await startEngine(world.r, {
    groups: ['events', 'steps', 'sends', 'waits', 'receipts'],
    sweepIntervalMs: false,
    tuning: { lockDurationMs: 10_000, stalledIntervalMs: 5_000, retryBaseMs: 50 },
  });
}, 120_000);
afterAll(async () => {
  await engine?.close();
  await smtp?.close();
  await world?.close();
}, 60_000);

/** `drained` from the support module, plus the e-mail channel queue it does not watch. */
async function settled(): Promise<void> {
  for (;;) {
    await drained(world);
    const counts = await world.r.producers
      .queue('deliver-email')
      .getJobCounts('waiting', 'active', 'delayed');
    const [open] = await world.testDb.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM messages WHERE channel = 'email' AND status IN ('claimed', 'queued')`,
    );
    if ((counts.waiting ?? 0) + (counts.active ?? 0) + (counts.delayed ?? 0) === 0 && open?.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function statementJourney(event: string, nodeId: string) {
  return graph(
    [
      { id: 'ready', type: 'trigger.event', config: { event } },
      {
        id: nodeId,
        type: 'send',
        config: {
          channel: 'email',
          connectorId: 'mail-main',
          messageName: '月度对账单',
          content: {
            kind: 'inline',
            subject: '{{customer.name}}，您的 11 月对账单已出',
            body: '<p>尊敬的{{customer.name}}：</p><p>您的账户余额为 {{attributes.balance}} 元。</p>',
          },
        },
      },
      { id: 'done', type: 'exit', config: { reason: 'emailed' } },
      { id: 'unreachable', type: 'exit', config: { reason: 'no e-mail' } },
    ],
    [
      ['ready', 'out', nodeId],
      [nodeId, 'sent', 'done'],
      [nodeId, 'failed', 'unreachable'],
    ],
  );
}

async function sendEvents(name: string) {
  const events = Array.from({ length: customers }, (_, k) => ({
    eventId: `${name}-${k + 1}`,
    customerId: id(k + 1),
    name,
    occurredAt: world.clock.now(),
  }));
  await insertEvents(world.testDb.db, events);
  await world.r.producers.events.ingested(events.map((e) => e.eventId));
}

describe('an e-mail journey through a real SMTP server', () => {
  it('mails every customer with an address exactly once, with their subject; the others fail no-email', {
    timeout: 180_000,
  }, async () => {
    const withEmail = Array.from({ length: customers }, (_, k) => k + 1).filter(hasEmail);
    const journeyId = await publishJourney(world, statementJourney('statement_ready', 'mail'));
    await sendEvents('statement_ready');
    await smtp.waitForReceived(withEmail.length, 120_000);
    await settled();

    // The server's own count: one message per customer with an address, none handed over twice.
    expect(smtp.receivedCount).toBe(withEmail.length);
    expect(smtp.messageIdsHandedOverMoreThanOnce()).toEqual([]);
    const byRecipient = new Map(smtp.received().map((m) => [m.rcptTo.join(','), m]));
    expect(byRecipient.size).toBe(withEmail.length);
    for (const i of withEmail) {
      const mail = byRecipient.get(`customer.${i}@example.cn`);
      expect(mail, id(i)).toBeDefined();
      expect(mail?.subject).toBe(`${nameOf(i)}，您的 11 月对账单已出`);
      expect(mail?.from).toBe('示例银行 <noreply@bank.example>');
      // The name is escaped in the HTML part and plain in the text part.
      expect(mail?.text).toBe(`尊敬的${nameOf(i)}：\n\n您的账户余额为 ${1000 * i} 元。`);
      expect(mail?.html).toContain(nameOf(i).replace('&', '&amp;'));
    }

    const messages = await world.testDb.db.query<{
      customer_id: string;
      idempotency_key: string;
      status: string;
      reason: string | null;
      provider_message_id: string | null;
    }>(
      'SELECT customer_id, idempotency_key, status, reason, provider_message_id FROM messages WHERE journey_id = $1',
      [journeyId],
    );
    expect(messages).toHaveLength(customers);
    for (const m of messages) {
      const i = Number(m.customer_id.slice(1));
      if (hasEmail(i)) {
        expect(m.status, m.customer_id).toBe('sent');
        // The provider id recorded is the Message-ID the customer's mail client sees.
        expect(m.provider_message_id).toBe(messageIdFor(m.idempotency_key, 'noreply@bank.example'));
        expect(byRecipient.get(`customer.${i}@example.cn`)?.messageId).toBe(m.provider_message_id);
      } else {
        expect(m.status, m.customer_id).toBe('failed');
        expect(m.reason).toMatch(/^no-email: /);
      }
    }
    const counts = await transitionCounts(world, journeyId);
    expect(counts['mail.sent']).toBe(withEmail.length);
    expect(counts['mail.failed']).toBe(customers - withEmail.length);
    expect(await statusCounts(world, journeyId)).toEqual({ completed: customers });
  });

  it('retries a message the server deferred with the same Message-ID, and still delivers it once', {
    timeout: 180_000,
  }, async () => {
    const before = smtp.receivedCount;
    const withEmail = Array.from({ length: customers }, (_, k) => k + 1).filter(hasEmail);
    // The first three transactions are answered "451 try again later" after their data.
    smtp.behave({ kind: 'reply', code: 451, message: 'Greylisted, try again later', at: 'data' }, 3);
    const journeyId = await publishJourney(world, statementJourney('statement_reminder', 'remind'));
    await sendEvents('statement_reminder');
    await smtp.waitForReceived(before + withEmail.length, 120_000);
    await settled();

    const accepted = smtp.received().slice(before);
    expect(accepted).toHaveLength(withEmail.length);
    expect(new Set(accepted.map((m) => m.messageId)).size).toBe(withEmail.length);
    const retried = accepted.filter((m) => smtp.handedOver(m.messageId) === 2);
    expect(retried).toHaveLength(3);
    expect(smtp.messageIdsHandedOverMoreThanOnce()).toHaveLength(3);
    expect((await transitionCounts(world, journeyId))['remind.sent']).toBe(withEmail.length);
  });
});
