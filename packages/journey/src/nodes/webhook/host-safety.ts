/*
 * Static SSRF screening of a webhook URL at design time. It catches the obvious mistakes (an
 * internal address typed into the canvas); the executor must still check the address the name
 * resolves to at call time, because DNS can point a public name at a private address.
 */

/** IPv4 ranges that are not the public internet: [first octets as a number, prefix length]. */
const privateIpv4Ranges: readonly [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];

const privateNameSuffixes = ['.localhost', '.local', '.internal', '.intranet', '.lan', '.home.arpa', '.corp'];

function ipv4ToNumber(address: string): number | undefined {
  const parts = address.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

function isPrivateIpv4(address: string): boolean {
  const value = ipv4ToNumber(address);
  if (value === undefined) return false;
  return privateIpv4Ranges.some(([base, prefix]) => {
    const size = 2 ** (32 - prefix);
    const start = ipv4ToNumber(base) as number;
    return value >= start && value < start + size;
  });
}

/** Eight 16-bit groups of an IPv6 address as WHATWG URL serialises it (compressed, lower case). */
function ipv6Groups(address: string): number[] | undefined {
  const [head = '', tail] = address.split('::');
  const parse = (part: string) =>
    part === '' ? [] : part.split(':').map((group) => Number.parseInt(group, 16));
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  const missing = 8 - front.length - back.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return undefined;
  const groups = [...front, ...new Array<number>(missing).fill(0), ...back];
  return groups.some((group) => Number.isNaN(group)) ? undefined : groups;
}

function isPrivateIpv6(address: string): boolean {
  const groups = ipv6Groups(address);
  if (!groups) return true;
  const [g0 = 0, , , , , g5 = 0, g6 = 0, g7 = 0] = groups;
  const allZeroBefore = (count: number) => groups.slice(0, count).every((group) => group === 0);
  if (allZeroBefore(7) && (g7 === 0 || g7 === 1)) return true; // :: and ::1
  if ((g0 & 0xfe00) === 0xfc00) return true; // unique local fc00::/7
  if ((g0 & 0xffc0) === 0xfe80) return true; // link local fe80::/10
  if ((g0 & 0xff00) === 0xff00) return true; // multicast
  if (allZeroBefore(5) && g5 === 0xffff) {
    // IPv4-mapped: judge the embedded IPv4 address.
    return isPrivateIpv4(`${g6 >> 8}.${g6 & 255}.${g7 >> 8}.${g7 & 255}`);
  }
  return false;
}

/** True when `hostname` (as `URL.hostname` gives it) is loopback, private, link-local or an intranet name. */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[') && host.endsWith(']')) return isPrivateIpv6(host.slice(1, -1));
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return isPrivateIpv4(host);
  if (host === 'localhost' || !host.includes('.')) return true;
  return privateNameSuffixes.some((suffix) => host.endsWith(suffix));
}

/** True when an allow-list entry (`crm.bank.internal`, or `*.bank.internal` for a domain and its sub-domains) covers the host. */
export function isAllowListed(hostname: string, allowList: readonly string[]): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return allowList.some((entry) => {
    const allowed = entry.trim().toLowerCase();
    if (allowed.startsWith('*.')) {
      const domain = allowed.slice(2);
      return host === domain || host.endsWith(`.${domain}`);
    }
    return host === allowed;
  });
}
