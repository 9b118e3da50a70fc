import { lookup as dnsLookup } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/** Address ranges a planner-supplied URL must never reach: the bank's own network and the host. */
const forbiddenV4: [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];
const forbiddenV6: [string, number][] = [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['2001:db8::', 32],
];

const forbidden = new BlockList();
for (const [net, prefix] of forbiddenV4) forbidden.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of forbiddenV6) forbidden.addSubnet(net, prefix, 'ipv6');

/** Raised when a URL resolves to an address the policy forbids; nothing was sent. */
export class AddressNotAllowedError extends Error {
  readonly code = 'ERR_ADDRESS_NOT_ALLOWED';
  constructor(host: string, address: string) {
    super(`"${host}" resolves to ${address}, a private or local address that webhooks may not call`);
    this.name = 'AddressNotAllowedError';
  }
}

/**
 * Which addresses outbound calls may reach. Public addresses always; private, loopback and
 * link-local ones only when explicitly allow-listed (an IP or a CIDR such as `10.1.0.0/16`).
 */
export interface AddressPolicy {
  isAllowed(address: string): boolean;
  /** A DNS lookup that refuses forbidden answers, so a name cannot be re-pointed inside. */
  lookup: LookupFunction;
}

export function createAddressPolicy(allowList: readonly string[]): AddressPolicy {
  const allowed = new BlockList();
  for (const entry of allowList) {
    const [net = '', prefix] = entry.split('/');
    const family = isIP(net) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) allowed.addAddress(net, family);
    else allowed.addSubnet(net, Number(prefix), family);
  }
  const isAllowed = (raw: string): boolean => {
    const address = unmapV4(raw);
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (allowed.check(address, family)) return true;
    return !forbidden.check(address, family);
  };

  const lookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) {
        callback(error, '', 0);
        return;
      }
      const refused = addresses.find((a) => !isAllowed(a.address));
      if (refused) {
        callback(new AddressNotAllowedError(hostname, refused.address), '', 0);
        return;
      }
      if (options.all) {
        callback(null, addresses as never);
        return;
      }
      const first = addresses[0];
      if (!first) callback(new Error(`"${hostname}" has no address`), '', 0);
      else callback(null, first.address, first.family);
    });
  };
  return { isAllowed, lookup };
}

/** An IPv4 address written as IPv6 (`::ffff:10.0.0.1`) is checked as the IPv4 it is. */
function unmapV4(address: string): string {
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return match?.[1] ?? address;
}

/** Checks an IP-literal host up front: Node skips the lookup for literals. */
export function assertLiteralAllowed(url: URL, policy: AddressPolicy): void {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0 && !policy.isAllowed(host)) throw new AddressNotAllowedError(host, host);
}

export function isValidAllowEntry(entry: string): boolean {
  const [net = '', prefix, extra] = entry.split('/');
  const family = isIP(net);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits >= 0 && bits <= (family === 4 ? 32 : 128);
}
