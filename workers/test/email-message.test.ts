import { randomBytes } from 'node:crypto';
import { createPiiCipher } from '@waymark/db/crypto';
import { createTemplateEngine } from '@waymark/templates';
import { describe, expect, it } from 'vitest';
import { buildChannelMessage } from '../src/deliveries/channel-message.ts';
import type { DeliverableMessage } from '../src/deliveries/load-deliverable.ts';
import { type RenderInput, renderContent, type TemplateRow } from '../src/sends/render-content.ts';

const cipher = createPiiCipher(randomBytes(32));
const r = { templates: createTemplateEngine(), cipher };
const templateId = '6f1c1d2e-0a5b-4c1e-9e57-3b8f7c0e1a22';

function input(
  content: RenderInput['effect']['content'],
  options: { template?: Partial<TemplateRow>; subjectFallback?: string } = {},
): RenderInput {
  return {
    effect: { kind: 'send', channel: 'email', connectorId: 'mail', content, variant: undefined },
    customer: {
      id: 'C000001',
      attributes: { balance: 52000, note: 'A&B <vip>' },
      tags: [],
      nameEnc: cipher.encrypt('王秀英'),
    },
    event: undefined,
    journey: { id: 'j1', timeZone: 'Asia/Shanghai' },
    templates: new Map([
      [
        templateId,
        {
          id: templateId,
          channel: 'email',
          subject: '{{customer.name}}，您的理财月报',
          body: '<p>尊敬的{{customer.name}}：</p><p>备注：{{attributes.note}}</p>',
          archived_at: null,
          ...options.template,
        },
      ],
    ]),
    now: new Date('2026-11-23T02:00:00Z'),
    subjectFallback: options.subjectFallback,
  };
}

function bodyOf(result: ReturnType<typeof renderContent>) {
  if (!result.ok) throw new Error(result.reason);
  return JSON.parse(result.body) as { subject: string; text: string; html: string };
}

describe('rendering an e-mail', () => {
  it('renders the template’s subject as text and its body as escaped HTML with a text part', () => {
    const body = bodyOf(renderContent(r, input({ kind: 'template', templateId })));
    expect(body).toEqual({
      subject: '王秀英，您的理财月报',
      html: '<p>尊敬的王秀英：</p><p>备注：A&amp;B &lt;vip&gt;</p>',
      text: '尊敬的王秀英：\n\n备注：A&B <vip>',
    });
  });

  it('renders an inline subject on one line, and falls back to the message name', () => {
    const inline = bodyOf(
      renderContent(
        r,
        input({
          kind: 'inline',
          body: '余额 {{attributes.balance}}',
          subject: '到期提醒\n{{attributes.note}}',
        }),
      ),
    );
    expect(inline.subject).toBe('到期提醒 A&B <vip>');
    expect(inline.text).toBe('余额 52000');

    const named = bodyOf(
      renderContent(r, input({ kind: 'inline', body: '您好' }, { subjectFallback: '理财到期提醒' })),
    );
    expect(named.subject).toBe('理财到期提醒');
    const blankTemplateSubject = bodyOf(
      renderContent(
        r,
        input({ kind: 'template', templateId }, { template: { subject: null }, subjectFallback: '月报' }),
      ),
    );
    expect(blankTemplateSubject.subject).toBe('月报');
  });

  it('fails with a reason when there is no subject at all, or the subject cannot be rendered', () => {
    const none = renderContent(r, input({ kind: 'inline', body: '您好' }));
    expect(none).toMatchObject({ ok: false, reason: expect.stringMatching(/^subject-missing: /) });
    const broken = renderContent(r, input({ kind: 'inline', body: '您好', subject: '{{#if}}' }));
    expect(broken).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^template-invalid: subject: /),
    });
  });
});

function row(emailEnc: string | null, body: string | null): DeliverableMessage {
  return {
    id: 1,
    idempotency_key: 'e1.mail.s1',
    enrollment_id: 1,
    node_id: 'mail',
    customer_id: 'C000001',
    channel: 'email',
    connector_id: 'mail',
    body,
    status: 'claimed',
    attempts: 0,
    updated_at: new Date(),
    enrollment_status: 'waiting',
    enrollment_node: 'mail',
    journey_status: 'live',
    phone_enc: null,
    email_enc: emailEnc,
    customer_attributes: {},
    enrollment: null,
  };
}

describe('building the e-mail at delivery', () => {
  const body = JSON.stringify({ subject: '到期提醒', text: '您好', html: '<p>您好</p>' });

  it('decrypts the address at the last moment and checks the message', () => {
    expect(buildChannelMessage(row(cipher.encrypt('wang@example.cn'), body), cipher)).toEqual({
      ok: true,
      message: { to: 'wang@example.cn', subject: '到期提醒', text: '您好', html: '<p>您好</p>' },
    });
  });

  it('fails clearly: no address, an unreadable one, an invalid one or an unreadable body', () => {
    expect(buildChannelMessage(row(null, body), cipher)).toMatchObject({ ok: false, code: 'no-email' });
    expect(buildChannelMessage(row('v1.not.really.encrypted', body), cipher)).toMatchObject({
      ok: false,
      code: 'email-unreadable',
    });
    const invalid = buildChannelMessage(row(cipher.encrypt('wang@localhost'), body), cipher);
    expect(invalid).toMatchObject({ ok: false, code: 'invalid-email' });
    expect(JSON.stringify(invalid)).not.toContain('wang@localhost');
    expect(buildChannelMessage(row(cipher.encrypt('wang@example.cn'), 'not json'), cipher)).toMatchObject({
      ok: false,
      code: 'invalid-email',
    });
  });
});
