/**
 * `openssl s_client -starttls smtp -connect HOST:25 -showcerts` output:
 *   depth=0 CN = smtp.litware.com
 *   verify error:num=21:unable to verify the first certificate
 *   Certificate chain
 *    0 s:CN = smtp.litware.com
 *      i:C = GB, O = Sectigo Limited, CN = Sectigo RSA Domain Validation Secure Server CA
 *   Verify return code: 21 (unable to verify the first certificate)
 * A chain of only depth 0 whose issuer is someone else means the server does not send its
 * intermediates (the sending side of KB 3212877). OpenSSL 3 also writes "Verification: OK" /
 * "Verification error: ...", `-brief` writes "Peer certificate: CN = ...", and
 * `openssl x509 -ext subjectAltName` lists "DNS:" names: all of them name the certificate.
 * A verified chain with an intermediate is evidence against KB 3212877 (as strong as for it).
 */
import { finding, type Extractor } from './extractor';
import type { Finding } from '../types';

const CHAIN_ENTRY = /^\s{0,4}(\d{1,2}) s:\s?(.{1,400})$/;
const ISSUER_LINE = /^\s{0,8}i:\s?(.{1,400})$/;
const VERIFY = /verify error:num=(\d{1,3})|Verify return code: (\d{1,3})/i;
const CONNECT = /-connect\s+\[?([A-Za-z0-9.-]{1,253})\]?:(\d{1,5})/;
const VERIFICATION = /^\s{0,8}Verification(?: error)?:\s?(.{1,200})$/;
const PEER = /^\s{0,8}(?:Peer certificate|subject)\s?[:=]\s?(.{1,300})$/;
const SAN_DNS = /\bDNS:((?:\*\.)?[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,10})/g;

/**
 * "C = GB, O = Sectigo Limited, CN = X" and "/C=GB/O=.../CN=X" (OpenSSL prints the encoded order)
 * to "CN=X, O=Sectigo Limited, C=GB", the order Windows and Get-ExchangeCertificate show.
 */
function normaliseDn(dn: string): string {
  const parts = dn.trim().startsWith('/') ? dn.trim().slice(1).split('/') : dn.split(/,\s*(?=[A-Za-z]{1,20}\s*=)/);
  const named = parts.map((p) => p.replace(/\s*=\s*/, '=').trim()).filter(Boolean);
  return named
    .reverse()
    .map((p) => p.replace(/^ST=/, 'S='))
    .join(', ');
}

export const opensslClientExtractor: Extractor = {
  name: 'openssl-s-client',
  extract({ lines, lower }) {
    if (!lower.includes('verif') && !lower.includes('certificate chain') && !lower.includes('s_client') && !lower.includes('dns:'))
      return [];
    const out: Finding[] = [];
    const entries: Array<{ depth: number; subject: string; issuer?: string; line: string }> = [];
    const codes = new Set<number>();
    let verifyLine = '';
    let host: string | undefined;
    let depthZero: string | undefined;
    let peer: string | undefined;
    const depths = new Set<number>();
    const sanNames = new Set<string>();
    for (const line of lines) {
      const e = CHAIN_ENTRY.exec(line);
      if (e) {
        entries.push({ depth: Number(e[1]), subject: normaliseDn(e[2]), line });
        continue;
      }
      const i = ISSUER_LINE.exec(line);
      if (i && entries.length > 0 && !entries[entries.length - 1].issuer) {
        entries[entries.length - 1].issuer = normaliseDn(i[1]);
        continue;
      }
      const depth = /^depth=(\d{1,2})\s(.{1,300})$/.exec(line);
      if (depth) depths.add(Number(depth[1]));
      if (depth && depth[1] === '0' && !depthZero) depthZero = normaliseDn(depth[2]);
      const p = PEER.exec(line);
      if (p && !peer) peer = normaliseDn(p[1]);
      const verification = VERIFICATION.exec(line);
      if (verification) {
        const result = verification[1].trim();
        if (/^OK\b/i.test(result)) codes.add(0);
        else if (/unable to verify the first certificate/i.test(result)) codes.add(21);
        else if (/unable to get local issuer/i.test(result)) codes.add(20);
        else if (/certificate has expired/i.test(result)) codes.add(10);
        if (!/^OK\b/i.test(result) && !verifyLine) verifyLine = line;
      }
      if (line.includes('DNS:')) for (const m of line.matchAll(SAN_DNS)) if (sanNames.size < 50) sanNames.add(m[1].toLowerCase());
      const v = VERIFY.exec(line);
      if (/Verify return code: 0 \(ok\)/.test(line)) codes.add(0);
      if (v) {
        codes.add(Number(v[1] ?? v[2]));
        if (!verifyLine || /num=(?:2[01]|10)|code: (?:2[01]|10)/.test(line)) verifyLine = line;
      }
      const c = CONNECT.exec(line);
      if (c && !host) host = c[1].toLowerCase();
    }
    for (const name of sanNames) out.push(finding('host-name', name, `DNS:${name}`, 'openssl-s-client', { role: 'certificate-subject' }));
    if (entries.length === 0 && codes.size === 0 && depths.size === 0) return out;
    out.push(
      finding('input-format', 'openssl-s-client', entries[0]?.line ?? (verifyLine || `depth=${[...depths][0] ?? 0}`), 'openssl-s-client'),
    );
    if (host) out.push(finding('host-name', host, `-connect ${host}`, 'openssl-s-client', { role: 'tested-server' }));
    const leaf = entries.find((e) => e.depth === 0);
    const leafSubject = leaf?.subject ?? depthZero ?? peer;
    const leafCn = leafSubject ? /CN\s?=\s?([A-Za-z0-9.*-]{1,253})/.exec(leafSubject)?.[1] : undefined;
    if (leafCn && leafCn.includes('.'))
      out.push(
        finding('host-name', leafCn.toLowerCase(), leaf?.line ?? `depth=0 ${leafSubject}`, 'openssl-s-client', {
          role: 'certificate-subject',
        }),
      );
    const onlyLeaf = entries.length > 0 && entries.every((e) => e.depth === 0);
    const leafIssuedByOther = leaf?.issuer !== undefined && leaf.issuer !== leaf.subject;
    if ((onlyLeaf && leafIssuedByOther) || ((codes.has(21) || codes.has(20)) && entries.length <= 1)) {
      out.push(
        finding('chain-incomplete', 'served-without-intermediates', verifyLine || leaf?.line || '', 'openssl-s-client', {
          endEntity: leaf?.subject,
          missingIssuer: leaf?.issuer,
        }),
      );
    } else if (entries.length >= 2 && leaf && (codes.size === 0 || codes.has(0)) && entries.some((e) => e.depth === 1)) {
      out.push(
        finding('chain-complete', 'served-with-intermediates', entries.find((e) => e.depth === 1)!.line, 'openssl-s-client', {
          endEntity: leaf.subject,
        }),
      );
    } else if (entries.length === 0 && depths.has(1) && depths.has(0) && codes.has(0) && !codes.has(21) && !codes.has(20)) {
      // Without -showcerts: the verification walked depth 0, 1 (and 2) and succeeded.
      out.push(
        finding('chain-complete', 'served-with-intermediates', verifyLine || 'depth=1', 'openssl-s-client', { endEntity: leafSubject }),
      );
    } else if (entries.length === 0 && codes.has(0) && codes.size === 1) {
      // "Verification: OK" alone (-brief): OpenSSL built the chain to a trusted root from what the server sent.
      out.push(finding('chain-complete', 'verified', 'Verification: OK', 'openssl-s-client', { endEntity: leafSubject }));
    } else if (codes.has(10)) {
      out.push(
        finding('expired', leafCn?.toLowerCase() ?? host ?? 'certificate', verifyLine || 'certificate has expired', 'openssl-s-client', {
          endEntity: leafSubject,
        }),
      );
    } else if (codes.has(19)) {
      out.push(finding('untrusted-root', 'self-signed-in-chain', verifyLine, 'openssl-s-client'));
    } else if (codes.has(18)) {
      out.push(finding('self-signed', 'leaf', verifyLine, 'openssl-s-client'));
    }
    return out;
  },
};
