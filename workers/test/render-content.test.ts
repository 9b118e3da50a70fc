import { randomBytes } from 'node:crypto';
import { createPiiCipher, type PiiCipher } from '@waymark/db/crypto';
import { createTemplateEngine } from '@waymark/templates';
import { describe, expect, it } from 'vitest';
import { type RenderInput, renderContent } from '../src/sends/render-content.ts';

/** A real cipher that counts the values it is asked to decrypt. */
function countingCipher(): { cipher: PiiCipher; decrypts: () => number } {
  const real = createPiiCipher(randomBytes(32));
  let count = 0;
  const cipher: PiiCipher = {
    ...real,
    decrypt(token) {
      count += 1;
      return real.decrypt(token);
    },
    decryptOptional(token) {
      count += 1;
      return real.decryptOptional(token);
    },
  };
  return { cipher, decrypts: () => count };
}

function input(body: string, nameEnc: string | null): RenderInput {
  return {
    effect: {
      kind: 'send',
      channel: 'sms',
      connectorId: 'sms-main',
      content: { kind: 'inline', body },
      variant: undefined,
    },
    customer: { id: 'C000001', attributes: { balance: 2143 }, tags: [], nameEnc },
    event: undefined,
    journey: { id: 'j1', timeZone: 'Asia/Shanghai' },
    templates: new Map(),
    now: new Date('2026-11-23T02:00:00Z'),
  };
}

describe('renderContent and the customer’s name', () => {
  it('never decrypts the name for a script that cannot show it', () => {
    const { cipher, decrypts } = countingCipher();
    const r = { templates: createTemplateEngine(), cipher };
    const sealed = cipher.encrypt('贺英丽');
    // An undecryptable name too: nothing tries to read it.
    for (const nameEnc of [sealed, 'v1.not.really.encrypted', null]) {
      expect(
        renderContent(r, input('【示例银行】{{customer.id}}您好，余额{{attributes.balance}}', nameEnc)),
      ).toEqual({
        ok: true,
        body: '【示例银行】C000001您好，余额2143',
        templateId: null,
      });
    }
    expect(decrypts()).toBe(0);
  });

  it('decrypts the name once for a script that shows it', () => {
    const { cipher, decrypts } = countingCipher();
    const r = { templates: createTemplateEngine(), cipher };
    const rendered = renderContent(r, input('【示例银行】{{customer.name}}您好', cipher.encrypt('贺英丽')));
    expect(rendered).toEqual({ ok: true, body: '【示例银行】贺英丽您好', templateId: null });
    expect(decrypts()).toBe(1);
  });

  it('reports a name that cannot be decrypted as missing, for a script that shows it', () => {
    const { cipher } = countingCipher();
    const r = { templates: createTemplateEngine(), cipher };
    const rendered = renderContent(
      r,
      input('{{#with customer}}{{name}}{{/with}}您好', 'v1.not.really.encrypted'),
    );
    expect(rendered.ok).toBe(false);
    expect(!rendered.ok && rendered.reason).toMatch(/^render-failed: {{name}} has no value/);
  });
});
