/**
 * IPv4 addresses against the entries of an inbound connector's SenderIPAddresses: a single
 * address (192.0.2.10), a CIDR range (203.0.113.0/29; Exchange Online accepts /24 to /32) or a
 * range written with a hyphen (192.0.2.1-192.0.2.20).
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

/** True when `ip` is the entry, lies in its CIDR range or in its hyphen range; false for anything unreadable. */
export function ipCovered(ip: string, entry: string): boolean {
  const address = toNumber(ip);
  if (address === undefined) return false;
  const value = entry.trim();
  const dash = value.indexOf('-');
  if (dash > 0) {
    const from = toNumber(value.slice(0, dash));
    const to = toNumber(value.slice(dash + 1));
    return from !== undefined && to !== undefined && address >= from && address <= to;
  }
  const [base, bits] = value.split('/');
  const network = toNumber(base);
  if (network === undefined) return false;
  if (bits === undefined) return network === address;
  const prefix = Number(bits);
  if (!/^\d{1,2}$/.test(bits) || prefix > 32) return false;
  const size = 2 ** (32 - prefix);
  const start = network - (network % size);
  return address >= start && address < start + size;
}

/** The IPv4 entries of a SenderIPAddresses value such as `{192.0.2.10, 203.0.113.0/29}`. */
export function parseAddressList(value: string): string[] {
  return value.replace(/[{}]/g, '').split(/[,;\s]+/).map((v) => v.trim()).filter((v) => /^\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2}|-\d{1,3}(?:\.\d{1,3}){3})?$/.test(v));
}
