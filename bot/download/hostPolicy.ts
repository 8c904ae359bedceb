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

/** Loopback, private, link-local, CGNAT, unique-local and unspecified addresses. */
export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) {
    const [a, b] = address.split('.').map(Number);
    return (
      a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || a >= 224
    );
  }
  if (family === 6) {
    const lower = address.toLowerCase();
    if (lower === '::' || lower === '::1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
    if (mapped) return isPrivateAddress(mapped[1]);
    return /^(fc|fd|fe8|fe9|fea|feb|ff)/.test(lower);
  }
  return false;
}
