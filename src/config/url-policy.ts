/**
 * Which source URLs Marquee may fetch. A hosted Worker must not become a proxy into someone's private
 * network, so loopback, private, link-local and similar literal addresses (and `localhost`) are refused
 * unless the configuration says `fetch.allowPrivateAddresses` (the local demo does). Names are not
 * resolved here (Workers have no DNS API); Cloudflare itself refuses to connect to private ranges.
 */

export interface UrlPolicy {
  allowPrivateAddresses: boolean;
  /** Plain file paths (the offline CLI build reads fixtures from disk). */
  allowLocalPaths?: boolean;
}

export type UrlCheck = { ok: true; url: string; local: boolean } | { ok: false; message: string };

const BLOCKED_NAME_SUFFIXES = ['.localhost', '.local', '.internal', '.home.arpa'];

export function checkSourceUrl(raw: string, policy: UrlPolicy): UrlCheck {
  const text = raw.trim();
  if (text === '') return { ok: false, message: 'must not be empty' };
  if (policy.allowLocalPaths && looksLikeLocalPath(text)) return { ok: true, url: text, local: true };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: 'must be an http(s) URL' };
  }
  if (url.protocol === 'file:' && policy.allowLocalPaths) return { ok: true, url: url.href, local: true };
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, message: 'must be an http(s) URL' };
  if (url.username !== '' || url.password !== '') return { ok: false, message: 'must not carry credentials (user:password@)' };
  if (url.hostname === '') return { ok: false, message: 'must name a host' };
  if (!policy.allowPrivateAddresses) {
    const why = blockedHostReason(url.hostname);
    if (why) return { ok: false, message: `points at ${why}; set fetch.allowPrivateAddresses to allow it` };
  }
  return { ok: true, url: url.href, local: false };
}

function looksLikeLocalPath(text: string): boolean {
  // A URL has a scheme; a path does not (single letters would be Windows drives, also paths).
  return !/^[a-z][a-z0-9+.-]+:/i.test(text);
}

/** Why a host (as `URL.hostname` spells it) must not be fetched, or null when it may. */
export function blockedHostReason(hostname: string): string | null {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || BLOCKED_NAME_SUFFIXES.some((s) => host.endsWith(s))) return 'a local host name';
  if (host.startsWith('[') && host.endsWith(']')) {
    const groups = parseIPv6(host.slice(1, -1));
    if (!groups) return 'an unparseable IPv6 address';
    return ipv6Reason(groups);
  }
  const v4 = parseIPv4(host);
  if (v4) return ipv4Reason(v4);
  return null;
}

function parseIPv4(host: string): number[] | null {
  // The URL parser has already normalised decimal, octal and hex forms to dotted quads.
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : null;
}

function ipv4Reason(ip: number[]): string | null {
  const [a = 0, b = 0, c = 0] = ip;
  if (a === 127) return 'a loopback address';
  if (a === 0) return 'an unspecified address';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'a private address';
  if (a === 169 && b === 254) return 'a link-local address';
  if (a === 100 && b >= 64 && b <= 127) return 'a shared (carrier-grade NAT) address';
  if (a === 192 && b === 0 && c === 0) return 'a reserved address';
  if (a === 198 && (b === 18 || b === 19)) return 'a benchmarking address';
  if (a >= 224) return 'a multicast or reserved address';
  return null;
}

/** Eight 16-bit groups, or null. Accepts the embedded dotted-quad tail (::ffff:1.2.3.4). */
function parseIPv6(text: string): number[] | null {
  let s = text.toLowerCase();
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (tail?.[1]) {
    const v4 = parseIPv4(tail[1]);
    if (!v4) return null;
    s = s.slice(0, -tail[1].length) + (((v4[0]! << 8) | v4[1]!).toString(16) + ':' + ((v4[2]! << 8) | v4[3]!).toString(16));
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  const groups: number[] = [];
  for (const g of all) {
    if (!/^[0-9a-f]{1,4}$/.test(g)) return null;
    groups.push(parseInt(g, 16));
  }
  return groups.length === 8 ? groups : null;
}

function ipv6Reason(g: number[]): string | null {
  const first = g[0]!;
  const allZeroUntil = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (allZeroUntil(7) && g[7] === 1) return 'a loopback address';
  if (allZeroUntil(8)) return 'an unspecified address';
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) carry an IPv4 address.
  const embedsV4 =
    (allZeroUntil(5) && (g[5] === 0xffff || g[5] === 0)) || (first === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0));
  if (embedsV4) {
    const v4 = [g[6]! >> 8, g[6]! & 0xff, g[7]! >> 8, g[7]! & 0xff];
    return ipv4Reason(v4);
  }
  if ((first & 0xfe00) === 0xfc00) return 'a private (unique local) address';
  if ((first & 0xffc0) === 0xfe80) return 'a link-local address';
  if ((first & 0xffc0) === 0xfec0) return 'a site-local address';
  if ((first & 0xff00) === 0xff00) return 'a multicast address';
  return null;
}
