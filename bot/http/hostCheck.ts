/**
 * Local mode is unauthenticated: a web page on another site could reach it through DNS rebinding
 * (a name that first resolves to the attacker, then to 127.0.0.1), and the browser would send the
 * attacker's name as Host. So in local mode only Host names that are loopback are answered, plus
 * the PUBLIC_URL host (a developer tunnel) and, when HOST opens the bot to the network on purpose,
 * IP addresses (rebinding needs a name).
 */
import { isIP } from 'net';

export interface HostPolicyOptions {
  /** Host name of PUBLIC_URL, when set. */
  publicHost?: string;
  /** HOST binds to a non-loopback interface: IP literals are allowed as Host too. */
  allowIpLiterals: boolean;
}

/** The host name of a Host header, without port and IPv6 brackets, lower case. */
export function hostNameOf(header: string): string {
  const value = header.trim().toLowerCase();
  if (value.startsWith('[')) return value.slice(1, value.indexOf(']') > 0 ? value.indexOf(']') : undefined);
  const colon = value.lastIndexOf(':');
  return (colon >= 0 && value.indexOf(':') === colon ? value.slice(0, colon) : value).replace(/\.$/, '');
}

export function isLoopbackName(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(host);
  return false;
}

export function isAllowedHost(header: string | undefined, options: HostPolicyOptions): boolean {
  if (!header) return false;
  const host = hostNameOf(header);
  if (isLoopbackName(host)) return true;
  if (options.publicHost && host === options.publicHost.toLowerCase()) return true;
  return options.allowIpLiterals && isIP(host) !== 0;
}
