/**
 * IPv4 addresses against the entries of an inbound connector's SenderIPAddresses: a single
 * address (192.0.2.10), a CIDR range (203.0.113.0/29; Exchange Online accepts /24 to /32) or a
 * range written with a hyphen (192.0.2.1-192.0.2.20). SenderIPAddresses takes no IPv6 address
 * (Set-InboundConnector reference), so an IPv6 sender is never covered.
 */

function toNumber(ip: string): number | undefined {
  const parts = ip.trim().split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

/** The first and last address of a single address, a CIDR range or a hyphen range; undefined for anything unreadable. */
export function addressRange(value: string): [number, number] | undefined {
  const v = value.trim();
  const dash = v.indexOf('-');
  if (dash > 0) {
    const from = toNumber(v.slice(0, dash));
    const to = toNumber(v.slice(dash + 1));
    return from !== undefined && to !== undefined && from <= to ? [from, to] : undefined;
  }
  const [base, bits] = v.split('/');
  const network = toNumber(base);
  if (network === undefined) return undefined;
  if (bits === undefined) return [network, network];
  const prefix = Number(bits);
  if (!/^\d{1,2}$/.test(bits) || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  const start = network - (network % size);
  return [start, start + size - 1];
}

/**
 * True when `ip` (an address, or a whole range such as a renumbered /28 block) lies within the entry
 * (an address, a CIDR range or a hyphen range); false for anything unreadable, and for IPv6, which
 * SenderIPAddresses cannot hold.
 */
export function ipCovered(ip: string, entry: string): boolean {
  const inner = addressRange(ip);
  const outer = addressRange(entry);
  return !!inner && !!outer && inner[0] >= outer[0] && inner[1] <= outer[1];
}

/** Addresses that never reach Exchange Online as a sender: private (RFC 1918), loopback, link-local, carrier-grade NAT. */
export function isPrivateAddress(ip: string): boolean {
  const range = addressRange(ip);
  if (!range) return false;
  const within = (cidr: string) => ipCovered(ip, cidr);
  return ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '127.0.0.0/8', '169.254.0.0/16', '100.64.0.0/10'].some(within);
}

/**
 * Exchange Online Protection's own IPv4 ranges, as Microsoft publishes them (Microsoft 365 URLs and IP
 * address ranges, Exchange Online): the servers that receive and relay for every tenant, never the
 * customer's sending server (an MX record of *.mail.protection.outlook.com resolves into them).
 */
const EXCHANGE_ONLINE_RANGES = ['40.92.0.0/15', '40.107.0.0/16', '52.100.0.0/14', '104.47.0.0/17'];

/** An address (or a range) of Exchange Online Protection's own, never one to add to a connector's SenderIPAddresses. */
export function isExchangeOnlineAddress(ip: string): boolean {
  return EXCHANGE_ONLINE_RANGES.some((range) => ipCovered(ip, range));
}

/** The IPv4 entries of a SenderIPAddresses value such as `{192.0.2.10, 203.0.113.0/29}`. */
export function parseAddressList(value: string): string[] {
  return value
    .replace(/[{}]/g, '')
    .split(/[,;\s]+/)
    .map((v) => v.trim())
    .filter((v) => /^\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2}|-\d{1,3}(?:\.\d{1,3}){3})?$/.test(v));
}
