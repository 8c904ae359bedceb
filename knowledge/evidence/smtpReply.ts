/**
 * SMTP replies with an enhanced status code, wherever they appear: NDRs ("Remote Server
 * returned '550 5.7.64 ...'"), queue LastError, message trace ({LED=450 4.7.320 ...}), event
 * descriptions, protocol logs and IIS SMTP W3C logs (spaces written as '+').
 * Example: `Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied'`
 * -> smtp-reply 5.7.64. Codes are compared exactly: 5.7.64 is not 5.7.51, 4.7.0 is not 4.7.5.
 * Codes about addresses, mailboxes, the mail system or content (5.1.1 recipient not found,
 * 5.2.2 mailbox full, 5.4.1 recipient rejected ...) also become `non-tls-error`: on their own
 * they are out of this product's scope, whatever else the text says about hybrid.
 */
import { around, finding, type Extractor } from './extractor';
import type { Finding } from '../types';

// "550 5.7.64", "550-5.7.64", "550+5.7.64" (IIS), "550 #5.7.64"
const REPLY = /(?<![\d.])([245]\d\d)(?:[ +-]|\+)#?([245]\.\d{1,3}\.\d{1,3})(?![\d]|\.\d)/g;
// Bare enhanced codes in prose ("we get 5.7.64"): only codes this product has knowledge about.
const BARE = /(?<![\d.#])([245]\.\d{1,3}\.\d{1,3})(?![\d]|\.\d)/g;
const KNOWN_BARE = new Set(['5.7.64', '5.7.51', '4.7.320', '4.4.317', '4.7.66']);
// RFC 3463 classes 1 (addressing), 2 (mailbox), 3 (mail system) and 6 (content), and a few
// routing/policy codes of Exchange Online that have nothing to do with TLS certificates.
const NOT_TLS = /^[45]\.[1236]\.\d{1,3}$|^(?:5\.4\.1|5\.4\.4|5\.4\.14|4\.4\.7|5\.4\.7|5\.7\.1|5\.7\.23|5\.7\.509|5\.7\.708|5\.7\.750)$/;

export const smtpReplyExtractor: Extractor = {
  name: 'smtp-reply',
  extract({ lines, text }) {
    if (!/[245]\.\d/.test(text) && !text.includes('TenantAttribution')) return [];
    const out: Finding[] = [];
    for (const raw of lines) {
      if (!raw.includes('.') && !raw.includes('TenantAttribution')) continue;
      const iis = raw.includes('+') && /SMTPSVC|\d\+[245]\.\d/.test(raw);
      const line = iis ? raw.replace(/\+/g, ' ') : raw;
      let matched = false;
      REPLY.lastIndex = 0;
      for (let m = REPLY.exec(line); m; m = REPLY.exec(line)) {
        matched = true;
        if (m[1].startsWith('2')) continue; // success replies (220, 250) say nothing about a failure
        const rest = line.slice(m.index, m.index + 240);
        out.push(
          finding('smtp-reply', m[2], around(raw, m.index), iis ? 'iis-smtp-log' : 'smtp-reply', { reply: m[1], text: rest.trim() }),
        );
        if (NOT_TLS.test(m[2]))
          out.push(finding('non-tls-error', m[2], around(raw, m.index), 'smtp-reply', { reply: m[1], text: rest.trim() }));
      }
      if (matched) continue;
      // "Bounces mention TenantAttribution": the keyword belongs to 5.7.64 alone (not TenantInboundAttribution, 5.7.51).
      const keyword = /\bTenantAttribution\b/.exec(line);
      if (keyword) {
        out.push(
          finding('smtp-reply', '5.7.64', around(raw, keyword.index), 'smtp-reply', {
            text: line.slice(keyword.index, keyword.index + 240).trim(),
            inferred: true,
          }),
        );
        continue;
      }
      BARE.lastIndex = 0;
      for (let m = BARE.exec(line); m; m = BARE.exec(line)) {
        if (KNOWN_BARE.has(m[1]))
          out.push(finding('smtp-reply', m[1], raw, 'smtp-reply', { text: line.slice(m.index, m.index + 240).trim() }));
      }
    }
    return out;
  },
};
