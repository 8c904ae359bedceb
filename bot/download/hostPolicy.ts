/**
 * Which hosts may get the bot's token, and which addresses a download may reach.
 *
 * The bot token is only ever sent to Bot Framework / Teams attachment services (Teams inline
 * images and Bot Framework attachment URLs need it). Teams file uploads use a pre-authenticated
 * SharePoint/OneDrive downloadUrl that needs no token, so SharePoint is deliberately not listed.
 */
import * as net from 'net';

const TOKEN_HOST_SUFFIXES = ['.botframework.com', '.teams.microsoft.com', '.asm.skype.com'];
const TOKEN_HOSTS = new Set(['botframework.com', 'smba.trafficmanager.net', 'teams.microsoft.com']);

export function isBotTokenHost(url: URL): boolean {
  if (url.protocol !== 'https:') return false;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  return TOKEN_HOSTS.has(host) || TOKEN_HOST_SUFFIXES.some((suffix) => host.endsWith(suffix));
}

/** Special-purpose IPv4 ranges a download must never reach (IANA special registry, reachable ones). */
const PRIVATE_V4: Array<[string, number]> = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];

/** IPv6 ranges; ::ffff:0:0/96 (IPv4-mapped) is handled by mapping to IPv4, see isPrivateAddress. */
const PRIVATE_V6: Array<[string, number]> = [
  ['::', 96], // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d
  ['::ffff:0:0:0', 96], // IPv4-translated (SIIT), ::ffff:0:127.0.0.1
  ['64:ff9b::', 96], // NAT64: reaches whatever IPv4 address is embedded
  ['64:ff9b:1::', 48], // local-use NAT64 (RFC 8215)
  ['100::', 64], // discard-only
  ['2001::', 32], // Teredo: tunnels to an embedded IPv4 address
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: tunnels to an embedded IPv4 address
  ['fec0::', 10], // site-local (deprecated, still routed inside some networks)
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
];

const blocked = new net.BlockList();
for (const [network, prefix] of PRIVATE_V4) {
  blocked.addSubnet(network, prefix, 'ipv4');
  // The IPv4-mapped form too, whatever BlockList does with mapped addresses on this Node version.
  blocked.addSubnet(`::ffff:${network}`, 96 + prefix, 'ipv6');
}
for (const [network, prefix] of PRIVATE_V6) blocked.addSubnet(network, prefix, 'ipv6');
blocked.addAddress('::1', 'ipv6');
blocked.addAddress('::', 'ipv6');

/** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:a.b.c.d, in any spelling). */
function mappedIPv4(address: string): string | undefined {
  let normalised: string;
  try {
    // The WHATWG URL parser gives the canonical compressed form: ::ffff:7f00:1.
    normalised = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return undefined;
  }
  const match = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(normalised);
  if (!match) return undefined;
  const high = parseInt(match[1], 16);
  const low = parseInt(match[2], 16);
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

/**
 * Loopback, private, link-local, CGNAT, unique-local, site-local, multicast, reserved, unspecified,
 * documentation, NAT64 (both prefixes), IPv4-translated, Teredo, 6to4 and IPv4-mapped forms of any
 * of these. Takes an IP address (brackets allowed); a host name is not an
 * address and gives false (names are checked on their resolved addresses).
 */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = net.isIP(bare);
  if (family === 0) return false;
  try {
    if (family === 4) return blocked.check(bare, 'ipv4');
    const v4 = mappedIPv4(bare);
    if (v4 !== undefined) return blocked.check(v4, 'ipv4');
    return blocked.check(bare, 'ipv6');
  } catch {
    return true; // an address BlockList cannot read (zone id ...) is not fetched
  }
}

/**
 * An IP address anything the bot fetches or posts to (downloads, the webhook, probes) may reach: an
 * address (brackets allowed) outside every range isPrivateAddress refuses. A host name gives false:
 * check the addresses it resolves to.
 */
export function isPublicAddress(address: string): boolean {
  return net.isIP(address.replace(/^\[|\]$/g, '')) !== 0 && !isPrivateAddress(address);
}
