import { describe, expect, it } from 'vitest';
import { isAllowListed, isPrivateHost } from './host-safety.ts';

const hostOf = (url: string) => new URL(url).hostname;

describe('webhook host screening', () => {
  it.each([
    'https://localhost/x',
    'https://127.0.0.1/x',
    'https://0x7f.1/x',
    'https://2130706433/x',
    'https://10.20.30.40/x',
    'https://172.16.0.1/x',
    'https://172.31.255.255/x',
    'https://192.168.1.1/x',
    'https://169.254.169.254/latest/meta-data',
    'https://100.64.0.1/x',
    'https://0.0.0.0/x',
    'https://[::1]/x',
    'https://[fd12:3456::1]/x',
    'https://[fe80::1]/x',
    'https://[::ffff:127.0.0.1]/x',
    'https://[::ffff:10.0.0.1]/x',
    'https://crm.bank.internal/x',
    'https://printer.local/x',
    'https://intranet/x',
  ])('treats %s as internal', (url) => {
    expect(isPrivateHost(hostOf(url))).toBe(true);
  });

  it.each([
    'https://api.example.com/x',
    'https://8.8.8.8/x',
    'https://172.32.0.1/x',
    'https://192.169.0.1/x',
    'https://[2001:db8::1]/x',
    'https://[::ffff:8.8.8.8]/x',
  ])('treats %s as public', (url) => {
    expect(isPrivateHost(hostOf(url))).toBe(false);
  });

  it('allows exact hosts and wildcard domains from the allow-list', () => {
    expect(isAllowListed('crm.bank.internal', ['crm.bank.internal'])).toBe(true);
    expect(isAllowListed('a.b.bank.internal', ['*.bank.internal'])).toBe(true);
    expect(isAllowListed('bank.internal', ['*.bank.internal'])).toBe(true);
    expect(isAllowListed('evilbank.internal', ['*.bank.internal'])).toBe(false);
    expect(isAllowListed('crm.bank.internal', [])).toBe(false);
  });
});
