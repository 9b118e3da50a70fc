import { describe, expect, it } from 'vitest';
import { baseGraph, context, hangOffFilter, node } from '../../../test/support/fixtures.ts';
import { validate } from '../../index.ts';

function withWebhook(url: string) {
  return hangOffFilter(baseGraph(), node('h', 'webhook', { url, method: 'POST' }), ['ok']);
}

describe('webhook checks', () => {
  it('accepts a public https address', () => {
    expect(validate(withWebhook('https://points.example.com/api/award'), context)).toEqual([]);
  });

  it('accepts an internal host the bank allow-listed', () => {
    const allowed = { ...context, allowedWebhookHosts: ['*.bank.internal'] };
    expect(validate(withWebhook('https://crm.bank.internal/hook'), allowed)).toEqual([]);
  });

  it('still requires https for an allow-listed host', () => {
    const allowed = { ...context, allowedWebhookHosts: ['crm.bank.internal'] };
    const codes = validate(withWebhook('http://crm.bank.internal/hook'), allowed).map(
      (problem) => problem.code,
    );
    expect(codes).toEqual(['webhook.insecure-url']);
  });

  it('rejects something that is not a web address as a config problem', () => {
    const problems = validate(withWebhook('ftp://files.example.com/x'), context);
    expect(problems).toMatchObject([{ code: 'node.invalid-config', nodeId: 'h', path: ['url'] }]);
    expect(problems[0]!.message).toBe(
      'In Webhook “h”, url must be a web address such as https://api.example.com/hook.',
    );
  });
});
