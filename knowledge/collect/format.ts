/**
 * The collection scripts' output format, version 1 ("mailflow-tls-collect/1"): one line naming
 * the format, its version and the script's kind, then one JSON object whose property names are
 * the cmdlets' own property names (docs/collect.md documents every field). Read exactly: the
 * header decides that it is this format, JSON.parse reads it, and each field is taken only with
 * the type the format gives it. Windows PowerShell's quirks are part of the format: an array may
 * arrive as {"value": [...], "Count": n} (the ETS wrapper of Windows PowerShell 5.1), a single
 * element or nothing instead of an array, and a date as "/Date(ms)/", ISO 8601, or in the
 * culture's own form (German "31.12.2026 13:05:00", US "12/31/2026 1:05:00 PM").
 */

export const COLLECT_FORMAT = 'mailflow-tls-collect';
export const COLLECT_VERSION = 1;
export const COLLECT_KINDS = ['exchange', 'exo', 'iis'] as const;
export type CollectKind = (typeof COLLECT_KINDS)[number];

/** "mailflow-tls-collect/1 exchange": the first line of every output. */
export const HEADER = /^\s{0,40}mailflow-tls-collect\/(\d{1,3})\s{1,10}([a-z]{2,10})\s*$/m;

export interface StoreChainEntry {
  subject?: string;
  issuer?: string;
  thumbprint?: string;
  /** "CA" (intermediate store) or "Root". */
  store?: string;
  notAfter?: string;
}

export interface CollectedCertificate {
  thumbprint: string;
  friendlyName?: string;
  subject?: string;
  issuer?: string;
  domains: string[];
  /** ["IMAP", "POP", "IIS", "SMTP"]; empty for "None" or an IIS relay's certificates. */
  services: string[];
  status?: string;
  notBefore?: string;
  notAfter?: string;
  hasPrivateKey?: boolean;
  isSelfSigned?: boolean;
  rootCAType?: string;
  /** The chain the server builds from its own stores; absent when the script did not build one (no SMTP). */
  storeChain?: { chain: StoreChainEntry[]; missingIssuer?: string; complete: boolean };
  /** Where in the output it stands, e.g. "certificates[2]". */
  path: string;
}

export interface CollectedSendConnector {
  name: string;
  enabled?: boolean;
  fqdn?: string;
  tlsCertificateName?: string;
  requireTls?: boolean;
  tlsAuthLevel?: string;
  tlsDomain?: string;
  smartHosts: string[];
  addressSpaces: string[];
  sourceTransportServers: string[];
  cloudServicesMailEnabled?: boolean;
  path: string;
}

export interface CollectedReceiveConnector {
  identity: string;
  name?: string;
  enabled?: boolean;
  fqdn?: string;
  tlsCertificateName?: string;
  requireTls?: boolean;
  transportRole?: string;
  authMechanism?: string;
  bindings: string[];
  path: string;
}

export interface CollectedInboundConnector {
  name: string;
  enabled?: boolean;
  connectorType?: string;
  connectorSource?: string;
  senderDomains: string[];
  senderIPAddresses: string[];
  requireTls?: boolean;
  restrictDomainsToIPAddresses?: boolean;
  restrictDomainsToCertificate?: boolean;
  tlsSenderCertificateName?: string;
  path: string;
}

export interface CollectedOutboundConnector {
  name: string;
  enabled?: boolean;
  connectorType?: string;
  connectorSource?: string;
  recipientDomains: string[];
  smartHosts: string[];
  useMXRecord?: boolean;
  tlsSettings?: string;
  tlsDomain?: string;
  path: string;
}

export interface CollectedHybridConfiguration {
  tlsCertificateName?: string;
  onPremisesSmartHost?: string;
  domains: string[];
  features: string[];
  sendingTransportServers: string[];
  receivingTransportServers: string[];
  edgeTransportServers: string[];
  path: string;
}

export interface CollectedEvent {
  log?: string;
  id: number;
  provider?: string;
  timeCreated?: string;
  message: string;
  path: string;
}

export interface CollectedOutput {
  version: number;
  kind: CollectKind;
  collectedAt?: string;
  computer?: string;
  certificates: CollectedCertificate[];
  sendConnectors: CollectedSendConnector[];
  receiveConnectors: CollectedReceiveConnector[];
  transportServices: Array<{ name: string; internalTransportCertificateThumbprint?: string; path: string }>;
  hybridConfiguration?: CollectedHybridConfiguration;
  edgeSubscriptions: Array<{ name: string; site?: string; domain?: string }>;
  events: CollectedEvent[];
  /** Send protocol log lines (Exchange) or SMTPSVC log lines (IIS), as the log has them. */
  logLines: string[];
  inboundConnectors: CollectedInboundConnector[];
  outboundConnectors: CollectedOutboundConnector[];
  acceptedDomains: Array<{ domainName: string; domainType?: string; default?: boolean }>;
  rejectDirectSend?: boolean;
  /** IIS: each SMTP virtual server's metabase settings, by name. */
  virtualServers: Array<Record<string, string>>;
  tlsSettings: Array<{ path: string; name: string; value: string | number | null }>;
  /** Errors the script met (a cmdlet that is not there, a log that is off). */
  errors: string[];
}
