/**
 * Collected outputs as the scripts print them, written from the cmdlet reference's documented
 * properties (Get-ExchangeCertificate, Get-SendConnector, Get-ReceiveConnector,
 * Get-InboundConnector, Get-OutboundConnector): a renewal on 1 December 2026 where the old
 * certificate is still named in several places.
 */
export const NEW_THUMB = 'A1B2C3D4E5F60718293A4B5C6D7E8F9012345678';
export const OLD_THUMB = '0F1E2D3C4B5A69788796A5B4C3D2E1F001234567';
export const NEW_ISSUER = 'CN=GeoTrust TLS RSA CA G1, OU=www.digicert.com, O=DigiCert Inc, C=US';
export const NEW_SUBJECT = 'CN=mail.contoso.com, O="Contoso, Ltd.", L=München, C=DE';
export const OLD_SUBJECT = 'CN=mail.contoso.com, O=Contoso Ltd, C=DE';
export const OLD_ISSUER = 'CN=Old Public CA, O=Old CA Inc, C=US';

export function exchangeOutput(overrides: { missingIssuer?: string; version?: number } = {}): string {
  const data = {
    format: 'mailflow-tls-collect',
    version: overrides.version ?? 1,
    kind: 'exchange',
    collectedAt: '2026-12-07T09:00:00Z',
    computer: 'EX01',
    certificates: {
      value: [
        {
          Thumbprint: NEW_THUMB,
          FriendlyName: 'Zertifikat 2026 – mail',
          Subject: NEW_SUBJECT,
          Issuer: NEW_ISSUER,
          CertificateDomains: ['mail.contoso.com', 'autodiscover.contoso.com'],
          Services: 'IMAP, POP, IIS, SMTP',
          Status: 'Valid',
          NotBefore: '01.12.2026 00:00:00',
          NotAfter: '/Date(1828224000000)/',
          HasPrivateKey: true,
          IsSelfSigned: false,
          RootCAType: 'ThirdParty',
          StoreChain: overrides.missingIssuer
            ? { Chain: [], MissingIssuer: overrides.missingIssuer, Complete: false }
            : {
                Chain: [
                  { Subject: NEW_ISSUER, Issuer: 'CN=DigiCert Global Root G2', Thumbprint: 'aa'.repeat(20), Store: 'CA' },
                  {
                    Subject: 'CN=DigiCert Global Root G2',
                    Issuer: 'CN=DigiCert Global Root G2',
                    Thumbprint: 'bb'.repeat(20),
                    Store: 'Root',
                  },
                ],
                MissingIssuer: null,
                Complete: true,
              },
        },
        {
          Thumbprint: OLD_THUMB,
          Subject: OLD_SUBJECT,
          Issuer: OLD_ISSUER,
          CertificateDomains: 'mail.contoso.com',
          Services: 'SMTP',
          Status: 'Valid',
          NotBefore: '12/10/2025 12:00:00 AM',
          NotAfter: '12/20/2026 11:59:59 PM',
          HasPrivateKey: true,
          IsSelfSigned: false,
          RootCAType: 'ThirdParty',
        },
      ],
      Count: 2,
    },
    sendConnectors: [
      {
        Name: 'Outbound to Office 365 - 1a2b',
        Enabled: true,
        Fqdn: 'mail.contoso.com',
        TlsCertificateName: `<I>${OLD_ISSUER}<S>${OLD_SUBJECT}`,
        RequireTLS: true,
        TlsAuthLevel: 'DomainValidation',
        TlsDomain: 'mail.protection.outlook.com',
        SmartHosts: ['contoso-com.mail.protection.outlook.com'],
        AddressSpaces: 'smtp:contoso.mail.onmicrosoft.com;1',
        CloudServicesMailEnabled: true,
      },
    ],
    receiveConnectors: [
      {
        Identity: 'EX01\\Default Frontend EX01',
        Name: 'Default Frontend EX01',
        Enabled: true,
        Fqdn: 'mail.contoso.com',
        TlsCertificateName: `<I>${OLD_ISSUER}<S>${OLD_SUBJECT}`,
        RequireTLS: false,
        TransportRole: 'FrontendTransport',
        Bindings: ['0.0.0.0:25', '[::]:25'],
      },
    ],
    transportServices: [{ Name: 'EX01', InternalTransportCertificateThumbprint: 'cc'.repeat(20) }],
    hybridConfiguration: { TlsCertificateName: `<I>${OLD_ISSUER}<S>${OLD_SUBJECT}`, Domains: ['contoso.com'] },
    events: [],
    protocolLog: [],
    errors: [],
  };
  return `mailflow-tls-collect/${overrides.version ?? 1} exchange\r\n${JSON.stringify(data, null, 2)}\r\n`;
}

export function exoOutput(): string {
  const data = {
    format: 'mailflow-tls-collect',
    version: 1,
    kind: 'exo',
    collectedAt: '2026-12-07T09:05:00Z',
    inboundConnectors: [
      {
        Name: 'Inbound from 1a2b',
        Enabled: true,
        ConnectorType: 'OnPremises',
        ConnectorSource: 'HybridWizard',
        SenderDomains: ['smtp:*;1'],
        SenderIPAddresses: [],
        RequireTls: true,
        RestrictDomainsToCertificate: false,
        TlsSenderCertificateName: 'owa.contoso.com',
      },
    ],
    outboundConnectors: [
      {
        Name: 'Outbound to 1a2b',
        Enabled: true,
        ConnectorType: 'OnPremises',
        ConnectorSource: 'HybridWizard',
        RecipientDomains: ['contoso.com'],
        SmartHosts: ['mail.contoso.com'],
        TlsSettings: 'DomainValidation',
        TlsDomain: 'legacy.contoso.com',
      },
    ],
    acceptedDomains: [{ DomainName: 'contoso.com', DomainType: 'Authoritative', Default: true }],
    organization: { RejectDirectSend: false },
    errors: [],
  };
  return `mailflow-tls-collect/1 exo\n${JSON.stringify(data)}\n`;
}
