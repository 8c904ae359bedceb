/**
 * Reads the collection scripts' output (format.ts) exactly: the header line, then JSON.parse,
 * then every field with the type the format gives it. A text without the header is not this
 * format (undefined: the ordinary extractors read it); a text with the header that does not
 * parse gets a clear reason in both languages, never a guess.
 */
import type { LocalizedText } from '../types';
import {
  COLLECT_FORMAT,
  COLLECT_KINDS,
  COLLECT_VERSION,
  HEADER,
  type CollectKind,
  type CollectedCertificate,
  type CollectedOutput,
  type StoreChainEntry,
} from './format';

export type CollectedParse = { ok: true; output: CollectedOutput } | { ok: false; error: LocalizedText };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An array, Windows PowerShell 5.1's {"value": [...], "Count": n}, one element, or nothing. */
export function asArray(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (v === null || v === undefined) return [];
  if (isObject(v) && Array.isArray(v.value) && 'Count' in v) return v.value;
  return [v];
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') {
    const t = v.trim();
    return t.length > 0 ? t : undefined;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function strings(v: unknown): string[] {
  return asArray(v)
    .map(str)
    .filter((s): s is string => s !== undefined);
}

function bool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    if (/^(true|wahr)$/i.test(v.trim())) return true;
    if (/^(false|falsch)$/i.test(v.trim())) return false;
  }
  return undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

function isoOf(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): string | undefined {
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59)
    return undefined;
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}Z`;
}

/**
 * A date as PowerShell may write it, to ISO 8601 UTC ("2026-12-31T13:05:00Z"): ISO 8601 (the
 * scripts' own form, and PowerShell 7's ConvertTo-Json), "/Date(1798722300000)/" (Windows
 * PowerShell 5.1's ConvertTo-Json of a DateTime), German "31.12.2026 13:05:00" or "31.12.2026",
 * US "12/31/2026 1:05:00 PM". A culture's form has no zone: it is read as UTC (a day's
 * precision is what the checks need). Anything else is undefined, not a guess.
 */
export function parseCollectedDate(value: unknown): string | undefined {
  const v = str(value);
  if (!v) return undefined;
  const ms = /^\/?Date\((-?\d{1,15})(?:[+-]\d{4})?\)\/?$/.exec(v.replace(/\\\//g, '/'));
  if (ms) {
    const date = new Date(Number(ms[1]));
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  const iso = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:\.\d{1,7})?)?)?\s?(Z|[+-]\d\d:?\d\d)?$/.exec(v);
  if (iso) {
    const base = isoOf(+iso[1], +iso[2], +iso[3], +(iso[4] ?? 0), +(iso[5] ?? 0), +(iso[6] ?? 0));
    if (!base) return undefined;
    const zone = iso[7];
    if (!zone || zone === 'Z') return base;
    const m = /^([+-])(\d\d):?(\d\d)$/.exec(zone)!;
    const offset = (m[1] === '+' ? 1 : -1) * (+m[2] * 60 + +m[3]);
    return new Date(Date.parse(base) - offset * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s{1,3}(\d{1,2}):(\d\d)(?::(\d\d))?)?$/.exec(v);
  if (german) return isoOf(+german[3], +german[2], +german[1], +(german[4] ?? 0), +(german[5] ?? 0), +(german[6] ?? 0));
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s{1,3}(\d{1,2}):(\d\d)(?::(\d\d))?\s?(AM|PM)?)?$/i.exec(v);
  if (us) {
    let h = +(us[4] ?? 0);
    const ampm = us[7]?.toUpperCase();
    if (ampm && (h < 1 || h > 12)) return undefined;
    if (ampm === 'PM' && h < 12) h += 12;
    if (ampm === 'AM' && h === 12) h = 0;
    return isoOf(+us[3], +us[1], +us[2], h, +(us[5] ?? 0), +(us[6] ?? 0));
  }
  return undefined;
}

/** "IMAP, POP, IIS, SMTP" (the AllowedServices flags as text) or an array of names. */
function services(v: unknown): string[] {
  return strings(v)
    .flatMap((s) => s.split(/[,;\s]+/))
    .filter((s) => /^[A-Za-z]{2,15}$/.test(s) && s.toLowerCase() !== 'none');
}

const THUMBPRINT = /^[0-9A-F]{40}$/;

function storeChain(v: unknown): CollectedCertificate['storeChain'] {
  if (!isObject(v)) return undefined;
  const chain: StoreChainEntry[] = asArray(v.Chain)
    .filter(isObject)
    .map((e) => ({
      subject: str(e.Subject),
      issuer: str(e.Issuer),
      thumbprint: str(e.Thumbprint)?.toUpperCase(),
      store: str(e.Store),
      notAfter: parseCollectedDate(e.NotAfter),
    }));
  return { chain, missingIssuer: str(v.MissingIssuer), complete: bool(v.Complete) ?? false };
}

function certificates(v: unknown): CollectedCertificate[] {
  const out: CollectedCertificate[] = [];
  asArray(v).forEach((c, i) => {
    if (!isObject(c)) return;
    const thumbprint = str(c.Thumbprint)?.replace(/\s/g, '').toUpperCase();
    if (!thumbprint || !THUMBPRINT.test(thumbprint)) return;
    out.push({
      thumbprint,
      friendlyName: str(c.FriendlyName),
      subject: str(c.Subject),
      issuer: str(c.Issuer),
      domains: strings(c.CertificateDomains ?? c.DnsNameList).map((d) => d.toLowerCase()),
      services: services(c.Services),
      status: str(c.Status),
      notBefore: parseCollectedDate(c.NotBefore),
      notAfter: parseCollectedDate(c.NotAfter),
      hasPrivateKey: bool(c.HasPrivateKey),
      isSelfSigned: bool(c.IsSelfSigned),
      rootCAType: str(c.RootCAType),
      storeChain: storeChain(c.StoreChain),
      path: `certificates[${i}]`,
    });
  });
  return out;
}

function objects(v: unknown): Array<{ o: Json; i: number }> {
  return asArray(v)
    .map((o, i) => ({ o, i }))
    .filter((x): x is { o: Json; i: number } => isObject(x.o));
}

function registryValue(v: unknown): string | number | null {
  return typeof v === 'number' || typeof v === 'string' ? v : null;
}

const message = (en: string, de: string): CollectedParse => ({ ok: false, error: { en, de } });

/** Where the header stands, or undefined when the text is not a collected output. */
export function findCollectedHeader(text: string): { version: number; kind: string; end: number } | undefined {
  const head = text.slice(0, 4096);
  const m = HEADER.exec(head);
  if (!m) return undefined;
  return { version: Number(m[1]), kind: m[2], end: m.index + m[0].length };
}

/** The JSON part: from the first "{" after the header to its matching "}" (strings respected), so a prompt after it does not matter. */
function jsonPart(text: string): string | undefined {
  const start = text.indexOf('{');
  if (start < 0) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return text.slice(start, i + 1);
    }
  }
  return undefined;
}

/** Parses a collected output; undefined when the text has no "mailflow-tls-collect/N kind" header. */
export function parseCollected(text: string): CollectedParse | undefined {
  const header = findCollectedHeader(text);
  if (!header) return undefined;
  if (header.version !== COLLECT_VERSION)
    return message(
      `This collected output is format version ${header.version}; this bot reads version ${COLLECT_VERSION}. Please run the script the bot offers now.`,
      `Diese gesammelte Ausgabe hat Formatversion ${header.version}; dieser Bot liest Version ${COLLECT_VERSION}. Bitte führen Sie das Skript aus, das der Bot jetzt anbietet.`,
    );
  if (!(COLLECT_KINDS as readonly string[]).includes(header.kind))
    return message(
      `The collected output names the kind "${header.kind}"; known are exchange, exo and iis.`,
      `Die gesammelte Ausgabe nennt die Art "${header.kind}"; bekannt sind exchange, exo und iis.`,
    );
  const json = jsonPart(text.slice(header.end));
  let data: unknown;
  try {
    data = json === undefined ? undefined : JSON.parse(json);
  } catch {
    data = undefined;
  }
  if (!isObject(data))
    return message(
      'The collected output is cut off or changed: the JSON after the first line does not parse. Please paste the whole block, or upload the file the script saved.',
      'Die gesammelte Ausgabe ist abgeschnitten oder verändert: Das JSON nach der ersten Zeile lässt sich nicht lesen. Bitte fügen Sie den ganzen Block ein oder laden Sie die Datei hoch, die das Skript gespeichert hat.',
    );
  if (data.format !== COLLECT_FORMAT || data.kind !== header.kind)
    return message(
      'The first line and the JSON of the collected output do not belong together (format or kind differ).',
      'Erste Zeile und JSON der gesammelten Ausgabe passen nicht zusammen (Format oder Art unterscheiden sich).',
    );
  const hybrid = isObject(data.hybridConfiguration) ? data.hybridConfiguration : undefined;
  const organization = isObject(data.organization) ? data.organization : undefined;
  const output: CollectedOutput = {
    version: header.version,
    kind: header.kind as CollectKind,
    collectedAt: parseCollectedDate(data.collectedAt),
    computer: str(data.computer),
    certificates: certificates(data.certificates),
    sendConnectors: objects(data.sendConnectors).map(({ o, i }) => ({
      name: str(o.Name) ?? `#${i + 1}`,
      enabled: bool(o.Enabled),
      fqdn: str(o.Fqdn),
      tlsCertificateName: str(o.TlsCertificateName),
      requireTls: bool(o.RequireTLS),
      tlsAuthLevel: str(o.TlsAuthLevel),
      tlsDomain: str(o.TlsDomain),
      smartHosts: strings(o.SmartHosts),
      addressSpaces: strings(o.AddressSpaces),
      sourceTransportServers: strings(o.SourceTransportServers),
      cloudServicesMailEnabled: bool(o.CloudServicesMailEnabled),
      path: `sendConnectors[${i}]`,
    })),
    receiveConnectors: objects(data.receiveConnectors).map(({ o, i }) => ({
      identity: str(o.Identity) ?? str(o.Name) ?? `#${i + 1}`,
      name: str(o.Name),
      enabled: bool(o.Enabled),
      fqdn: str(o.Fqdn),
      tlsCertificateName: str(o.TlsCertificateName),
      requireTls: bool(o.RequireTLS),
      transportRole: str(o.TransportRole),
      authMechanism: str(o.AuthMechanism),
      bindings: strings(o.Bindings),
      path: `receiveConnectors[${i}]`,
    })),
    transportServices: objects(data.transportServices).map(({ o, i }) => ({
      name: str(o.Name) ?? `#${i + 1}`,
      internalTransportCertificateThumbprint: str(o.InternalTransportCertificateThumbprint)?.toUpperCase(),
      path: `transportServices[${i}]`,
    })),
    hybridConfiguration: hybrid && {
      tlsCertificateName: str(hybrid.TlsCertificateName),
      onPremisesSmartHost: str(hybrid.OnPremisesSmartHost),
      domains: strings(hybrid.Domains),
      features: strings(hybrid.Features),
      sendingTransportServers: strings(hybrid.SendingTransportServers),
      receivingTransportServers: strings(hybrid.ReceivingTransportServers),
      edgeTransportServers: strings(hybrid.EdgeTransportServers),
      path: 'hybridConfiguration',
    },
    edgeSubscriptions: objects(data.edgeSubscriptions).map(({ o, i }) => ({
      name: str(o.Name) ?? `#${i + 1}`,
      site: str(o.Site),
      domain: str(o.Domain),
    })),
    events: objects(data.events)
      .filter(({ o }) => typeof o.Id === 'number' || /^\d{1,5}$/.test(str(o.Id) ?? ''))
      .map(({ o, i }) => ({
        log: str(o.Log),
        id: Number(o.Id),
        provider: str(o.Provider),
        timeCreated: parseCollectedDate(o.TimeCreated),
        message: typeof o.Message === 'string' ? o.Message : '',
        path: `events[${i}]`,
      })),
    logLines: asArray(data.protocolLog ?? data.logLines).filter((l): l is string => typeof l === 'string'),
    inboundConnectors: objects(data.inboundConnectors).map(({ o, i }) => ({
      name: str(o.Name) ?? `#${i + 1}`,
      enabled: bool(o.Enabled),
      connectorType: str(o.ConnectorType),
      connectorSource: str(o.ConnectorSource),
      senderDomains: strings(o.SenderDomains),
      senderIPAddresses: strings(o.SenderIPAddresses),
      requireTls: bool(o.RequireTls),
      restrictDomainsToIPAddresses: bool(o.RestrictDomainsToIPAddresses),
      restrictDomainsToCertificate: bool(o.RestrictDomainsToCertificate),
      tlsSenderCertificateName: str(o.TlsSenderCertificateName),
      path: `inboundConnectors[${i}]`,
    })),
    outboundConnectors: objects(data.outboundConnectors).map(({ o, i }) => ({
      name: str(o.Name) ?? `#${i + 1}`,
      enabled: bool(o.Enabled),
      connectorType: str(o.ConnectorType),
      connectorSource: str(o.ConnectorSource),
      recipientDomains: strings(o.RecipientDomains),
      smartHosts: strings(o.SmartHosts),
      useMXRecord: bool(o.UseMXRecord),
      tlsSettings: str(o.TlsSettings),
      tlsDomain: str(o.TlsDomain),
      path: `outboundConnectors[${i}]`,
    })),
    acceptedDomains: objects(data.acceptedDomains)
      .map(({ o }) => ({ domainName: str(o.DomainName) ?? '', domainType: str(o.DomainType), default: bool(o.Default) }))
      .filter((d) => d.domainName !== ''),
    rejectDirectSend: organization ? bool(organization.RejectDirectSend) : undefined,
    virtualServers: objects(data.virtualServers).map(({ o }) => {
      const settings: Record<string, string> = {};
      for (const [k, v] of Object.entries(o)) {
        const s = str(v);
        if (s !== undefined && /^[A-Za-z]{2,40}$/.test(k)) settings[k] = s;
      }
      return settings;
    }),
    tlsSettings: objects(data.tlsSettings).map(({ o }) => ({
      path: str(o.Path) ?? '',
      name: str(o.Name) ?? '',
      value: registryValue(o.Value),
    })),
    errors: strings(data.errors).slice(0, 20),
  };
  return { ok: true, output };
}
