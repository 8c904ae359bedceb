/**
 * Table-driven extractor tests in the spirit of ESLint's RuleTester: `finds` are real-looking
 * samples with the findings they must produce, `ignores` are near misses that must produce none
 * of the named kinds.
 */
import { strict as assert } from 'node:assert';
import { EXTRACTORS } from '../../knowledge/evidence/extract';
import type { Extractor } from '../../knowledge/evidence/extractor';
import type { Finding } from '../../knowledge';

interface Finds {
  name: string;
  text: string;
  expect: Array<{ kind: string; value: string; excerpt?: string; data?: Record<string, unknown> }>;
}
interface Ignores {
  name: string;
  text: string;
  kinds: string[];
}
interface Table {
  extractor: string;
  finds: Finds[];
  ignores: Ignores[];
}

function run(extractor: Extractor, text: string): Finding[] {
  return extractor.extract({ text, lines: text.split('\n'), lower: text.toLowerCase() });
}

const tables: Table[] = [
  {
    extractor: 'smtp-reply',
    finds: [
      {
        name: 'English NDR',
        text: "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied [DB5PEPF00014B8E.eurprd02.prod.outlook.com]'",
        expect: [
          {
            kind: 'smtp-reply',
            value: '5.7.64',
            excerpt:
              "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied [DB5PEPF00014B8E.eurprd02.prod.outlook.com]'",
          },
        ],
      },
      {
        name: 'German NDR',
        text: "Remoteserver hat '550 5.7.64 TenantAttribution; Relayzugriff verweigert' zurückgegeben",
        expect: [{ kind: 'smtp-reply', value: '5.7.64' }],
      },
      {
        name: 'IIS SMTP W3C log with + for spaces',
        text: '2024-11-03 14:22:09 104.47.20.36 OutboundConnectionResponse SMTPSVC1 WEB01 - 25 - - 550+5.7.64+TenantAttribution;+Relay+Access+Denied 0 0 98 0 312 SMTP - - - -',
        expect: [{ kind: 'smtp-reply', value: '5.7.64', data: { reply: '550' } }],
      },
      {
        name: 'queue LastError with nested reply',
        text: 'LastError: 451 4.4.0 Primary target IP address responded with: "454 4.7.0 Unable to establish a suitable TLS channel: UntrustedRoot: Access Denied."',
        expect: [
          { kind: 'smtp-reply', value: '4.4.0' },
          { kind: 'smtp-reply', value: '4.7.0' },
        ],
      },
      {
        name: 'message trace LED',
        text: 'Reason: [{LED=450 4.7.320 Certificate validation failed [Message=SubjectMismatch]};{MSG=SubjectMismatch};{FQDN=hybrid.contoso.com}]',
        expect: [{ kind: 'smtp-reply', value: '4.7.320' }],
      },
      {
        // (ATTR36 itself is KB 4019940's own recogniser: knowledge/causes/kb4019940.)
        name: 'ATTR36 variant',
        text: '550 5.7.64 TenantAttribution; Relay Access Denied ATTR36 [AM4PEPF00027A5C.eurprd04.prod.outlook.com]',
        expect: [{ kind: 'smtp-reply', value: '5.7.64' }],
      },
      {
        name: 'bare known code in prose',
        text: 'wir bekommen seit heute 5.7.64 beim Relay',
        expect: [{ kind: 'smtp-reply', value: '5.7.64' }],
      },
      {
        name: 'the TenantAttribution keyword without a code',
        text: 'The bounces mention TenantAttribution since the renewal.',
        expect: [{ kind: 'smtp-reply', value: '5.7.64', data: { inferred: true } }],
      },
      {
        name: 'a recipient error is marked as not about TLS',
        text: "Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'",
        expect: [
          { kind: 'smtp-reply', value: '5.1.1' },
          { kind: 'non-tls-error', value: '5.1.1' },
        ],
      },
      {
        name: 'directory-based edge blocking is not about TLS',
        text: '550 5.4.1 Recipient address rejected: Access denied. For more information see https://aka.ms/EXOSmtpErrors',
        expect: [{ kind: 'non-tls-error', value: '5.4.1' }],
      },
    ],
    ignores: [
      { name: 'an IP address that starts like a code', text: 'Connecting to 5.7.64.12 on port 25', kinds: ['smtp-reply'] },
      { name: 'a version number', text: 'Exchange 2019 CU14 build 15.2.1544.4 installed, .NET 4.8.1', kinds: ['smtp-reply'] },
      { name: 'unknown bare code in prose', text: 'we upgraded to version 4.7.0 of the agent', kinds: ['smtp-reply'] },
      { name: 'TenantInboundAttribution is not TenantAttribution', text: 'The NDR says TenantInboundAttribution.', kinds: ['smtp-reply'] },
      {
        name: 'TLS and relay codes are never "not about TLS"',
        text: '550 5.7.64 TenantAttribution; Relay Access Denied\n451 4.4.0 Primary target IP address responded with: "454 4.7.0 Unable to establish a suitable TLS channel: UntrustedRoot"\n550 5.7.51 TenantInboundAttribution\n450 4.4.317 Cannot connect to remote server',
        kinds: ['non-tls-error'],
      },
    ],
  },
  {
    extractor: 'tls-error',
    finds: [
      {
        name: 'event 2004 English',
        text: 'The message with message ID 1186 was acknowledged with SMTP response 454 4.7.0 Unable to establish a suitable TLS channel: UntrustedRoot: Access Denied.',
        expect: [{ kind: 'tls-error', value: 'untrusted-root-send' }],
      },
      {
        name: 'translated KB wording',
        text: 'SMTP-Antwort 454 4.7.0 Konnte keinen geeigneten TLS-Kanal einrichten: UntrustedRoot: Access Denied',
        expect: [{ kind: 'tls-error', value: 'untrusted-root-send' }],
      },
      {
        name: 'the exact English text of event 2004 (KB 2888788)',
        text: 'Send connector Outbound to Office 365: Message delivery was not successful. The message with message ID 1186 was acknowledged with SMTP response 454 4.7.0 Failed to establish appropriate TLS channel: UntrustedRoot: Access Denied.',
        expect: [{ kind: 'tls-error', value: 'untrusted-root-send' }],
      },
      {
        name: 'the error text without its status code, as admins quote it',
        text: 'we keep getting "Failed to establish appropriate TLS channel: UntrustedRoot: Access Denied" since Monday',
        expect: [{ kind: 'tls-error', value: 'untrusted-root-send' }],
      },
      {
        name: 'send log UnknownCredentials',
        text: '2024-02-09T11:20:31.442Z,Outbound to Office 365,08DC29A1B2C3D4E5,14,10.0.5.12:40112,52.101.40.17:25,*,,TLS negotiation failed with error UnknownCredentials',
        expect: [{ kind: 'tls-error', value: 'unknown-credentials' }],
      },
      {
        name: 'NoCredentials',
        text: 'TLS negotiation failed with error NoCredentials',
        expect: [{ kind: 'tls-error', value: 'no-credentials' }],
      },
      {
        name: 'send connector certificate missing',
        text: '454 4.7.5 The certificate specified in TlsCertificateName of the SendConnector could not be found.',
        expect: [{ kind: 'tls-error', value: 'send-connector-certificate-not-found' }],
      },
      {
        name: 'receive side validation failure',
        text: '454 4.7.5 Certificate Validation Failure',
        expect: [{ kind: 'tls-error', value: 'receive-certificate-validation-failure' }],
      },
      {
        name: '454 4.7.5 in an on-premises queue: the remote side refused our certificate',
        text: 'LastError: 451 4.4.0 Primary target IP address responded with: "454 4.7.5 Certificate Validation Failure." Attempted failover to alternate host',
        expect: [{ kind: 'tls-error', value: 'remote-refused-certificate' }],
      },
      {
        name: 'Kerberos',
        text: '454 4.7.0 Temporary authentication failure',
        expect: [{ kind: 'auth-error', value: 'temporary-authentication-failure' }],
      },
    ],
    ignores: [
      {
        name: '454 4.7.5 is not 454 4.7.0 UntrustedRoot',
        text: '454 4.7.5 Certificate Validation Failure',
        kinds: ['untrusted-root-send'],
      },
      { name: 'Kerberos 454 4.7.0 is not a TLS channel failure', text: '454 4.7.0 Temporary authentication failure', kinds: ['tls-error'] },
      {
        name: 'a queued 454 4.7.5 is not the receive side',
        text: 'LastError: 451 4.4.0 Primary target IP address responded with: "454 4.7.5 Certificate Validation Failure."',
        kinds: ['receive-certificate-validation-failure'],
      },
    ],
  },
  {
    extractor: 'event-log-text',
    finds: [
      {
        name: 'English labels',
        text: 'Log Name: Application\nSource: MSExchangeTransport\nEvent ID: 2004\nTask Category: SmtpSend\nComputer: EX01.contoso.com',
        expect: [
          { kind: 'event', value: '2004', data: { provider: 'MSExchangeTransport', category: 'SmtpSend' } },
          { kind: 'host-name', value: 'ex01.contoso.com', data: { role: 'event-computer' } },
        ],
      },
      {
        name: 'German labels',
        text: 'Protokollname: Anwendung\nQuelle: MSExchangeTransport\nEreignis-ID: 2004\nAufgabenkategorie: SmtpSend',
        expect: [{ kind: 'event', value: '2004', data: { provider: 'MSExchangeTransport' } }],
      },
      {
        name: 'CAPI2 result as text',
        text: 'Result: A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider. [800B0109]',
        expect: [{ kind: 'chain-error', value: '800B0109' }],
      },
      {
        name: 'CAPI2 details as text: lsass.exe and the own certificate',
        text: 'Details:\n  CertVerifyCertificateChainPolicy\n    Policy: CERT_CHAIN_POLICY_SSL\n    Certificate: subjectName relay.tailspintoys.com\n    EventAuxInfo ProcessName: lsass.exe\n    Result: [value] 800B0109  A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider.',
        expect: [
          { kind: 'chain-error', value: '800B0109' },
          { kind: 'chain-error', value: 'schannel-own-chain' },
          { kind: 'host-name', value: 'relay.tailspintoys.com', data: { role: 'sending-certificate' } },
        ],
      },
      {
        name: 'German details, 800B010A is CERT_E_CHAINING',
        text: 'Prozessname: lsass.exe\nErgebnis: 800B010A Es konnte keine Zertifikatkette zu einer vertrauenswürdigen Stammzertifizierungsstelle aufgebaut werden.',
        expect: [
          { kind: 'chain-error', value: '800B010A' },
          { kind: 'chain-error', value: 'schannel-own-chain' },
        ],
      },
      {
        name: "EdgeTransport failing on Exchange Online's chain is the local trust store",
        text: 'ProcessName: EdgeTransport.exe\nsubjectName: mail.protection.outlook.com\nResult: 800B010A A certificate chain could not be built to a trusted root authority.',
        expect: [{ kind: 'chain-error', value: 'exo-chain-untrusted' }],
      },
    ],
    ignores: [
      { name: 'a sentence about IDs', text: 'The message ID was 2004 and the queue ID 12', kinds: ['event'] },
      { name: 'errors that are gone', text: 'The CAPI2 800B0109 errors are gone, but relay still fails.', kinds: ['chain-error'] },
      {
        name: "Exchange Online's chain is not the server's own",
        text: 'ProcessName: EdgeTransport.exe\nsubjectName: *.outlook.com\nResult: 800B0109',
        kinds: ['800B0109', 'schannel-own-chain'],
      },
    ],
  },
  {
    extractor: 'event-log-xml',
    finds: [
      {
        name: 'CAPI2 event 30 from the article',
        text: '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Windows-CAPI2" /><EventID>30</EventID><Computer>CORP-SMTP1.contoso.com</Computer></System><UserData><CertVerifyCertificateChainPolicy><Policy type="CERT_CHAIN_POLICY_SSL" constant="4" /><Certificate fileRef="EC53.cer" subjectName="smtp.contoso.com" /><EventAuxInfo ProcessName="lsass.exe" /><Result value="800B0109">A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider.</Result></CertVerifyCertificateChainPolicy></UserData></Event>',
        expect: [
          { kind: 'event', value: '30' },
          { kind: 'chain-error', value: '800B0109', data: { process: 'lsass.exe', policy: 'CERT_CHAIN_POLICY_SSL' } },
          { kind: 'host-name', value: 'smtp.contoso.com' },
        ],
      },
      {
        name: 'event 2004 XML with qualifiers',
        text: '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="MSExchangeTransport" /><EventID Qualifiers="32772">2004</EventID></System><EventData><Data>Outbound to Office 365</Data><Data>454 4.7.0 Unable to establish a suitable TLS channel: UntrustedRoot: Access Denied</Data></EventData></Event>',
        expect: [{ kind: 'event', value: '2004', data: { provider: 'MSExchangeTransport' } }],
      },
      {
        name: 'a fragment as admins paste it: the Result line and the subjectName',
        text: '  <Certificate fileRef="DD9DB0BACCEE11AA12A477DB6082D80711E16224.cer" subjectName="mail.klinger-textil.de" />\n  <EventAuxInfo ProcessName="lsass.exe" impersonateToken="S-1-5-18" />\n  <Result value="800B0109">A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider.</Result>',
        expect: [
          { kind: 'chain-error', value: '800B0109', data: { process: 'lsass.exe' } },
          { kind: 'chain-error', value: 'schannel-own-chain' },
          { kind: 'host-name', value: 'mail.klinger-textil.de' },
        ],
      },
      {
        name: 'EdgeTransport failing on mail.protection.outlook.com: the local trust store, not KB 3212877',
        text: '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Windows-CAPI2" /><EventID>30</EventID></System><UserData><CertVerifyCertificateChainPolicy><Policy type="CERT_CHAIN_POLICY_SSL" constant="4" /><Certificate fileRef="6974.cer" subjectName="mail.protection.outlook.com" /><EventAuxInfo ProcessName="EdgeTransport.exe" /><Result value="800B010A">A certificate chain could not be built to a trusted root authority.</Result></CertVerifyCertificateChainPolicy></UserData></Event>',
        expect: [
          { kind: 'event', value: '30' },
          { kind: 'chain-error', value: 'exo-chain-untrusted', data: { process: 'EdgeTransport.exe', code: '800B010A' } },
        ],
      },
    ],
    ignores: [
      {
        name: 'an event with another result',
        text: '<Event><System><EventID>30</EventID></System><Result value="0">ok</Result></Event>',
        kinds: ['chain-error'],
      },
      {
        name: 'Exchange Online\'s certificate is never "the server\'s own chain"',
        text: '<Certificate subjectName="*.outlook.com" /><EventAuxInfo ProcessName="EdgeTransport.exe" /><Result value="800B0109">x</Result>',
        kinds: ['800B0109', 'schannel-own-chain', 'host-name'],
      },
    ],
  },
  {
    extractor: 'exchange-certificate',
    finds: [
      {
        name: 'fl output, internal CA and public CA both with SMTP',
        text: 'FriendlyName : public\nSubject      : CN=mail.contoso.com\nIssuer       : CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US\nThumbprint   : 0123456789ABCDEF0123456789ABCDEF01234567\nServices     : IMAP, POP, IIS, SMTP\n\nFriendlyName : internal\nSubject      : CN=mail.contoso.com\nIssuer       : CN=contoso-DC01-CA, DC=contoso, DC=com\nThumbprint   : 89ABCDEF0123456789ABCDEF0123456789ABCDEF\nServices     : IIS, SMTP',
        expect: [
          { kind: 'certificate-listing', value: '0123456789ABCDEF0123456789ABCDEF01234567', data: { issuerKind: 'public' } },
          { kind: 'certificate-listing', value: '89ABCDEF0123456789ABCDEF0123456789ABCDEF', data: { issuerKind: 'internal' } },
          {
            kind: 'smtp-bound-to-two-certificates',
            value: 'mail.contoso.com',
            data: {
              untrustedThumbprint: '89ABCDEF0123456789ABCDEF0123456789ABCDEF',
              trustedThumbprint: '0123456789ABCDEF0123456789ABCDEF01234567',
            },
          },
        ],
      },
      {
        name: 'table output with service flags and a wildcard certificate',
        text: 'Thumbprint                                Services   Subject\n----------                                --------   -------\n1111111111111111111111111111111111111111  IP.WS..    CN=*.fabrikam.com, O=Fabrikam, C=DE\n2222222222222222222222222222222222222222  ....S..    CN=mail.fabrikam.com\n',
        expect: [
          {
            kind: 'certificate-listing',
            value: '1111111111111111111111111111111111111111',
            data: { services: ['IMAP', 'POP', 'IIS', 'SMTP'] },
          },
        ],
      },
      {
        name: 'German system, fl with CertificateDomains and a .local issuer',
        text: 'Thumbprint         : AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\nSubject            : CN=owa.firma.de\nIssuer             : CN=Sectigo RSA Domain Validation Secure Server CA, O=Sectigo Limited, L=Salford, S=Greater Manchester, C=GB\nCertificateDomains : {owa.firma.de, autodiscover.firma.de}\nServices           : IIS, SMTP\n\nThumbprint         : BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB\nSubject            : CN=exch01.firma.local\nIssuer             : CN=Firma Issuing CA, O=firma.local\nCertificateDomains : {exch01.firma.local, owa.firma.de}\nServices           : IMAP, POP, SMTP',
        expect: [
          {
            kind: 'smtp-bound-to-two-certificates',
            value: 'owa.firma.de',
            data: { untrustedThumbprint: 'BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB', untrustedServices: ['IMAP', 'POP', 'SMTP'] },
          },
        ],
      },
      {
        name: 'a table, then "Get-ExchangeCertificate <thumbprint> | fl Issuer,RootCAType" of one of them',
        text: 'Thumbprint                                Services   Subject\n----------                                --------   -------\nE1D2C3B4A5968778695A4B3C2D1E0F1A2B3C4D5E  IP.WS..    CN=webmail.contoso.de\nC0FFEE1234567890ABCDEF1234567890ABCDEF12  IP.WS..    CN=webmail.contoso.de\n\nGet-ExchangeCertificate C0FFEE1234567890ABCDEF1234567890ABCDEF12 | fl Issuer,RootCAType,Status\nIssuer     : CN=Contoso-SubCA\nRootCAType : Enterprise\nStatus     : Valid',
        expect: [
          {
            kind: 'smtp-bound-to-two-certificates',
            value: 'webmail.contoso.de',
            data: {
              untrustedThumbprint: 'C0FFEE1234567890ABCDEF1234567890ABCDEF12',
              trustedThumbprint: 'E1D2C3B4A5968778695A4B3C2D1E0F1A2B3C4D5E',
            },
          },
        ],
      },
      {
        name: 'Get-TransportService names the internal transport certificate',
        text: 'Name                                   : EX01\nInternalTransportCertificateThumbprint : 7C1F0E2D3B4A59687766554433221100FFEEDDCC',
        expect: [{ kind: 'internal-transport-certificate', value: '7C1F0E2D3B4A59687766554433221100FFEEDDCC' }],
      },
      {
        name: "an internal-CA certificate next to Exchange's own: only the internal-CA one can be the untrusted certificate",
        text: 'FriendlyName : public\nSubject      : CN=mail.contoso.com\nIssuer       : CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US\nThumbprint   : 0123456789ABCDEF0123456789ABCDEF01234567\nCertificateDomains : {mail.contoso.com, ex01.contoso.com}\nServices     : IIS, SMTP\n\nFriendlyName : Microsoft Exchange\nSubject      : CN=EX01\nIssuer       : CN=EX01\nThumbprint   : 89ABCDEF0123456789ABCDEF0123456789ABCDEF\nCertificateDomains : {EX01, ex01.contoso.com}\nServices     : IMAP, POP, IIS, SMTP\n\nFriendlyName : internal\nSubject      : CN=mail.contoso.com\nIssuer       : CN=contoso-DC01-CA, DC=contoso, DC=com\nThumbprint   : 1111222233334444555566667777888899990000\nServices     : IIS, SMTP',
        expect: [
          {
            kind: 'smtp-bound-to-two-certificates',
            value: 'mail.contoso.com',
            data: {
              untrustedThumbprint: '1111222233334444555566667777888899990000',
              trustedThumbprint: '0123456789ABCDEF0123456789ABCDEF01234567',
              trustedSubject: 'CN=mail.contoso.com',
            },
          },
        ],
      },
    ],
    ignores: [
      {
        name: 'the self-signed "Microsoft Exchange" certificate for the same name is never the untrusted one',
        text: 'Thumbprint : 0123456789ABCDEF0123456789ABCDEF01234567\nSubject : CN=mail.contoso.com\nIssuer : CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US\nCertificateDomains : {mail.contoso.com, ex01.contoso.com}\nServices : IIS, SMTP\n\nFriendlyName : Microsoft Exchange\nThumbprint : 89ABCDEF0123456789ABCDEF0123456789ABCDEF\nSubject : CN=EX01\nIssuer : CN=EX01\nCertificateDomains : {EX01, ex01.contoso.com}\nServices : IMAP, POP, IIS, SMTP',
        kinds: ['smtp-bound-to-two-certificates', 'internal-ca-on-smtp', 'two-smtp-certificates-same-name'],
      },
      {
        name: 'the Auth certificate is never the untrusted one',
        text: 'Thumbprint : 0123456789ABCDEF0123456789ABCDEF01234567\nSubject : CN=mail.contoso.com\nIssuer : CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US\nServices : IIS, SMTP\n\nFriendlyName : Microsoft Exchange Server Auth Certificate\nThumbprint : 2222222222222222222222222222222222222222\nSubject : CN=Microsoft Exchange Server Auth Certificate\nIssuer : CN=Contoso Enterprise CA, DC=contoso, DC=com\nCertificateDomains : {mail.contoso.com}\nServices : SMTP',
        kinds: ['smtp-bound-to-two-certificates', 'internal-ca-on-smtp'],
      },
      {
        name: 'the internal transport certificate (Get-TransportService in the same paste) is never the untrusted one',
        text: 'Thumbprint : 0123456789ABCDEF0123456789ABCDEF01234567\nSubject : CN=mail.contoso.com\nIssuer : CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US\nServices : IIS, SMTP\n\nThumbprint : 3333333333333333333333333333333333333333\nSubject : CN=mail.contoso.com\nIssuer : CN=contoso-DC01-CA, DC=contoso, DC=com\nServices : SMTP\n\nName                                   : EX01\nInternalTransportCertificateThumbprint : 3333333333333333333333333333333333333333',
        kinds: ['smtp-bound-to-two-certificates', 'internal-ca-on-smtp'],
      },
      {
        name: "IsSelfSigned : True is Exchange's own certificate whatever its issuer line says",
        text: 'Thumbprint : 0123456789ABCDEF0123456789ABCDEF01234567\nSubject : CN=mail.contoso.com\nIssuer : CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US\nServices : IIS, SMTP\n\nThumbprint : 4444444444444444444444444444444444444444\nSubject : CN=mail.contoso.com\nIssuer : CN=mail.contoso.com, DC=contoso, DC=com\nIsSelfSigned : True\nServices : SMTP',
        kinds: ['smtp-bound-to-two-certificates', 'internal-ca-on-smtp'],
      },
      {
        name: 'the self-signed default certificate for another name',
        text: 'Thumbprint : 0123456789ABCDEF0123456789ABCDEF01234567\nSubject : CN=mail.contoso.com\nIssuer : CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US\nServices : IIS, SMTP\n\nThumbprint : 89ABCDEF0123456789ABCDEF0123456789ABCDEF\nSubject : CN=EX01\nIssuer : CN=EX01\nCertificateDomains : {EX01, EX01.contoso.local}\nServices : IMAP, POP, IIS, SMTP',
        kinds: ['smtp-bound-to-two-certificates'],
      },
      {
        name: 'internal certificate without SMTP',
        text: 'Thumbprint : 0123456789ABCDEF0123456789ABCDEF01234567\nSubject : CN=mail.contoso.com\nIssuer : CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US\nServices : IIS, SMTP\n\nThumbprint : 89ABCDEF0123456789ABCDEF0123456789ABCDEF\nSubject : CN=mail.contoso.com\nIssuer : CN=contoso-CA, DC=contoso, DC=com\nServices : IIS',
        kinds: ['smtp-bound-to-two-certificates', 'internal-ca-on-smtp'],
      },
    ],
  },
  {
    extractor: 'openssl-s-client',
    finds: [
      {
        name: 'only depth 0 sent',
        text: 'CONNECTED(00000003)\ndepth=0 CN = smtp.contoso.com\nverify error:num=20:unable to get local issuer certificate\nverify error:num=21:unable to verify the first certificate\n---\nCertificate chain\n 0 s:CN = smtp.contoso.com\n   i:C = US, O = DigiCert Inc, CN = DigiCert Global G2 TLS RSA SHA256 2020 CA1\n---\nVerify return code: 21 (unable to verify the first certificate)\n$ openssl s_client -starttls smtp -connect smtp.contoso.com:25 -showcerts',
        expect: [
          {
            kind: 'chain-incomplete',
            value: 'served-without-intermediates',
            data: { missingIssuer: 'CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US' },
          },
          { kind: 'host-name', value: 'smtp.contoso.com' },
        ],
      },
      {
        name: 'an expired server certificate',
        text: 'depth=0 CN = relay.contoso.com\nverify error:num=10:certificate has expired\nVerify return code: 10 (certificate has expired)',
        expect: [{ kind: 'expired', value: 'relay.contoso.com' }],
      },
      {
        name: 'OpenSSL 3 without -showcerts: depth lines and "Verification: OK" are a complete chain',
        text: 'depth=2 C = US, O = DigiCert Inc, OU = www.digicert.com, CN = DigiCert Global Root G2\nverify return:1\ndepth=1 C = US, O = DigiCert Inc, CN = DigiCert Global G2 TLS RSA SHA256 2020 CA1\nverify return:1\ndepth=0 C = DE, O = Stadtwerke, CN = mail.stadtwerke-lindenau.de\nverify return:1\nVerification: OK',
        expect: [
          { kind: 'chain-complete', value: 'served-with-intermediates' },
          { kind: 'host-name', value: 'mail.stadtwerke-lindenau.de', data: { role: 'certificate-subject' } },
        ],
      },
      {
        name: '-brief output and the SAN list of openssl x509',
        text: 'CONNECTION ESTABLISHED\nProtocol version: TLSv1.2\nPeer certificate: CN = mx01.tailwindtraders.com\nVerification: OK\n\nX509v3 Subject Alternative Name:\n    DNS:mx01.tailwindtraders.com, DNS:smtp.tailwindtraders.com',
        expect: [
          { kind: 'chain-complete', value: 'verified' },
          { kind: 'host-name', value: 'mx01.tailwindtraders.com' },
          { kind: 'host-name', value: 'smtp.tailwindtraders.com' },
        ],
      },
      {
        name: 'OpenSSL 3 "Verification error" with only the leaf',
        text: 'Certificate chain\n 0 s:CN = mail.contoso.com\n   i:C = US, O = DigiCert Inc, OU = www.digicert.com, CN = GeoTrust TLS RSA CA G1\n---\nVerification error: unable to verify the first certificate',
        expect: [{ kind: 'chain-incomplete', value: 'served-without-intermediates' }],
      },
    ],
    ignores: [
      {
        name: 'a complete chain',
        text: 'Certificate chain\n 0 s:CN = smtp.contoso.com\n   i:C = US, O = DigiCert Inc, CN = DigiCert Global G2 TLS RSA SHA256 2020 CA1\n 1 s:C = US, O = DigiCert Inc, CN = DigiCert Global G2 TLS RSA SHA256 2020 CA1\n   i:C = US, O = DigiCert Inc, OU = www.digicert.com, CN = DigiCert Global Root G2\n---\nVerify return code: 0 (ok)',
        kinds: ['chain-incomplete'],
      },
      {
        name: '"Verification: OK" is never an incomplete chain',
        text: 'Peer certificate: CN = mx01.tailwindtraders.com\nVerification: OK',
        kinds: ['chain-incomplete'],
      },
    ],
  },
  {
    extractor: 'smtp-protocol-log',
    finds: [
      {
        name: 'verbose send log naming the internal certificate',
        text: '2024-05-02T08:11:42.120Z,Outbound to Office 365,08DC6A0F11111111,15,,,*,,Sending certificate\n2024-05-02T08:11:42.121Z,Outbound to Office 365,08DC6A0F11111111,16,,,*,CN=mail.contoso.com,Certificate subject\n2024-05-02T08:11:42.121Z,Outbound to Office 365,08DC6A0F11111111,17,,,*,"CN=Contoso Issuing CA, DC=contoso, DC=com",Certificate issuer name\n2024-05-02T08:11:42.121Z,Outbound to Office 365,08DC6A0F11111111,19,,,*,9F8E7D6C5B4A39281706F5E4D3C2B1A098765432,Certificate thumbprint',
        expect: [
          { kind: 'route', value: 'hybrid' },
          {
            kind: 'sending-untrusted-certificate',
            value: '9F8E7D6C5B4A39281706F5E4D3C2B1A098765432',
            data: { untrustedIssuer: 'CN=Contoso Issuing CA, DC=contoso, DC=com' },
          },
        ],
      },
      {
        name: "Exchange Online's greeting names the address the server sends from",
        text: '2025-04-06T10:22:31.901Z,EOP Smarthost,08DDFC95FD89CDE6,4,172.16.4.30:50112,104.47.74.10:25,<,250  BN8NAM11FT034.mail.protection.outlook.com Hello [192.0.2.200] SIZE 157286400 PIPELINING DSN ENHANCEDSTATUSCODES STARTTLS,',
        expect: [{ kind: 'sender-ip', value: '192.0.2.200', data: { role: 'seen-by-exchange-online' } }],
      },
      {
        name: 'a fragment in any order, without the "Sending certificate" line, on the connector to Office 365',
        text: '2024-05-02T08:11:42.121Z,Outbound to Office 365 - 6f1d,08DC6A0F22222222,17,10.0.0.5:41025,52.101.8.34:25,*,"CN=Contoso-CA, DC=contoso, DC=local",Certificate issuer name\n2024-05-02T08:11:42.121Z,Outbound to Office 365 - 6f1d,08DC6A0F22222222,19,10.0.0.5:41025,52.101.8.34:25,*,9F8E7D6C5B4A39281706F5E4D3C2B1A098765432,Certificate thumbprint\n2024-05-02T08:11:42.121Z,Outbound to Office 365 - 6f1d,08DC6A0F22222222,16,10.0.0.5:41025,52.101.8.34:25,*,"O=Contoso, CN=mail.contoso.com",Certificate subject',
        expect: [
          {
            kind: 'sending-untrusted-certificate',
            value: '9F8E7D6C5B4A39281706F5E4D3C2B1A098765432',
            data: { untrustedIssuer: 'CN=Contoso-CA, DC=contoso, DC=local', untrustedSubject: 'O=Contoso, CN=mail.contoso.com' },
          },
          { kind: 'host-name', value: 'mail.contoso.com', data: { role: 'sending-certificate' } },
        ],
      },
      {
        name: 'label in the data field and value in the context field (a re-ordered export)',
        text: '2024-05-02T08:11:42.120Z,Outbound to Office 365,08DC6A0F33333333,15,,,*,Sending certificate,\n2024-05-02T08:11:42.121Z,Outbound to Office 365,08DC6A0F33333333,17,,,*,Certificate issuer name,"DC=com, DC=contoso, CN=Contoso Issuing CA"\n2024-05-02T08:11:42.121Z,Outbound to Office 365,08DC6A0F33333333,16,,,*,Certificate subject,CN=mail.contoso.com',
        expect: [
          {
            kind: 'sending-untrusted-certificate',
            data: { untrustedIssuer: 'DC=com, DC=contoso, CN=Contoso Issuing CA' },
            value: 'DC=com, DC=contoso, CN=Contoso Issuing CA',
          },
        ],
      },
    ],
    ignores: [
      {
        name: 'a greeting of another server names no address of ours',
        text: '2025-04-06T10:22:31.901Z,To partner,08DDFC95FD89CDE6,4,172.16.4.30:50112,198.51.100.1:25,<,250  mx.partner.example Hello [192.0.2.200] SIZE 157286400,',
        kinds: ['sender-ip'],
      },
      {
        name: 'Exchange Online\'s certificate after "Remote certificate" is not ours',
        text: '2024-05-02T08:11:42.120Z,Outbound to Office 365,08DC6A0F11111111,15,,,*,,Remote certificate\n2024-05-02T08:11:42.121Z,Outbound to Office 365,08DC6A0F11111111,17,,,*,"CN=Some Internal CA, DC=fabrikam, DC=local",Certificate issuer name',
        kinds: ['sending-untrusted-certificate'],
      },
      {
        name: "a self-signed certificate being sent is not this article's untrusted certificate",
        text: '2024-05-02T08:11:42.120Z,Outbound to Office 365,08DC6A0F11111111,15,,,*,,Sending certificate\n2024-05-02T08:11:42.121Z,Outbound to Office 365,08DC6A0F11111111,16,,,*,CN=EX01,Certificate subject\n2024-05-02T08:11:42.121Z,Outbound to Office 365,08DC6A0F11111111,17,,,*,CN=EX01,Certificate issuer name',
        kinds: ['sending-untrusted-certificate'],
      },
      {
        name: 'a fragment without its "Sending certificate" line on an internal connector says nothing about whose certificate it is',
        text: '2024-05-02T08:11:42.121Z,Internet Send,08DC6A0F44444444,17,,,*,"CN=Contoso-CA, DC=contoso, DC=local",Certificate issuer name',
        kinds: ['sending-untrusted-certificate'],
      },
      {
        name: 'a public certificate being sent',
        text: '2024-05-02T08:11:42.120Z,Outbound to Office 365,08DC6A0F11111111,15,,,*,,Sending certificate\n2024-05-02T08:11:42.121Z,Outbound to Office 365,08DC6A0F11111111,17,,,*,"CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US",Certificate issuer name',
        kinds: ['sending-untrusted-certificate'],
      },
    ],
  },
  {
    extractor: 'connector-config',
    finds: [
      {
        name: 'Get-InboundConnector | fl (on-premises, certificate)',
        text: 'Name                         : Inbound from Contoso relay\nConnectorType                : OnPremises\nRequireTls                   : True\nRestrictDomainsToCertificate : True\nTlsSenderCertificateName     : relay.contoso.com\nSenderIPAddresses            : {}',
        expect: [
          { kind: 'connector', value: 'inbound-certificate-validation', data: { tlsSenderCertificateName: 'relay.contoso.com' } },
          { kind: 'host-name', value: 'relay.contoso.com' },
        ],
      },
      {
        name: 'an IP-based on-premises connector (empty TlsSenderCertificateName)',
        text: 'Name                         : Relay from on-prem apps\nConnectorType                : OnPremises\nSenderIPAddresses            : {203.0.113.25, 203.0.113.0/29}\nRequireTls                   : False\nRestrictDomainsToIPAddresses : True\nTlsSenderCertificateName     :',
        expect: [
          {
            kind: 'connector',
            value: 'ip-based',
            data: { connectorName: 'Relay from on-prem apps', senderIpAddresses: ['203.0.113.25', '203.0.113.0/29'] },
          },
        ],
      },
      {
        name: 'Get-InboundConnector | ft, the name with spaces',
        text: 'Name                     ConnectorType TlsSenderCertificateName\n----                     ------------- ------------------------\nVon Exchange lokal       OnPremises    mail.brenner-logistik.de',
        expect: [
          {
            kind: 'connector',
            value: 'inbound-certificate-validation',
            data: { connectorName: 'Von Exchange lokal', tlsSenderCertificateName: 'mail.brenner-logistik.de' },
          },
        ],
      },
      {
        name: 'Get-InboundConnector "name" | fl: the name from the command line',
        text: 'PS> Get-InboundConnector "Proseware on-prem" | fl SenderIPAddresses,TlsSenderCertificateName\n\nSenderIPAddresses        : {192.0.2.10, 192.0.2.11}\nTlsSenderCertificateName :',
        expect: [{ kind: 'connector', value: 'ip-based', data: { connectorName: 'Proseware on-prem' } }],
      },
      {
        name: 'words between the field and its value',
        text: 'TlsSenderCertificateName on the connector still says mail.contoso.com.',
        expect: [{ kind: 'connector', value: 'inbound-certificate-validation', data: { tlsSenderCertificateName: 'mail.contoso.com' } }],
      },
      {
        name: 'fields quoted in a sentence',
        text: 'Inbound connector "OnPrem Relay" has TlsSenderCertificateName smtp.northwindtraders.com.\nEXO: TlsSenderCertificateName : smtp.lakeshore.com ; SenderIPAddresses : {203.0.113.90}',
        expect: [
          {
            kind: 'connector',
            value: 'inbound-certificate-validation',
            data: { connectorName: 'OnPrem Relay', tlsSenderCertificateName: 'smtp.northwindtraders.com' },
          },
          { kind: 'connector', value: 'inbound-certificate-validation', data: { tlsSenderCertificateName: 'smtp.lakeshore.com' } },
        ],
      },
      {
        name: 'a connector pinned to issuer and subject',
        text: 'TlsSenderCertificateName : <I>CN=GeoTrust TLS RSA CA G1, OU=www.digicert.com, O=DigiCert Inc, C=US<S>CN=mail.alpineskihouse.com',
        expect: [
          {
            kind: 'connector',
            value: 'inbound-certificate-validation',
            data: {
              tlsSenderCertificateName: 'mail.alpineskihouse.com',
              pinnedIssuer: 'CN=GeoTrust TLS RSA CA G1, OU=www.digicert.com, O=DigiCert Inc, C=US',
            },
          },
        ],
      },
      {
        name: "the send connector's TlsCertificateName names the certificate it sends",
        text: '[PS] C:\\>Get-SendConnector "Outbound to Office 365" | fl Name,Fqdn,TlsCertificateName\nName               : Outbound to Office 365\nFqdn               : smtp.adatum.com\nTlsCertificateName : <I>CN=R10, O=Let\'s Encrypt, C=US<S>CN=smtp.adatum.com',
        expect: [{ kind: 'host-name', value: 'smtp.adatum.com', data: { role: 'sending-certificate' } }],
      },
      {
        name: 'Get-SendConnector | fl (hybrid)',
        text: 'Name               : Outbound to Office 365 - 6f1d\nSmartHosts         : {contoso-com.mail.protection.outlook.com}\nTlsCertificateName : <I>CN=Sectigo RSA Domain Validation Secure Server CA, O=Sectigo Limited, C=GB<S>CN=mail.contoso.com\nRequireTLS         : True',
        expect: [{ kind: 'route', value: 'hybrid' }],
      },
    ],
    ignores: [
      {
        name: 'a partner connector identified by IP',
        text: 'ConnectorType     : Partner\nSenderIPAddresses : {198.51.100.7}\nTlsSenderCertificateName :',
        kinds: ['connector'],
      },
      {
        name: 'a send connector to a third-party smart host',
        text: 'SmartHosts : {smtp.relayprovider.example}\nCloudServicesMailEnabled : False',
        kinds: ['route'],
      },
      {
        name: 'a file name after the field is not a certificate name',
        text: 'Get-InboundConnector | fl Name,TlsSenderCertificateName | Out-File c:\\temp\\conn.txt',
        kinds: ['connector'],
      },
      {
        name: "a receive connector's TlsCertificateName is not what the server sends",
        text: 'Get-ReceiveConnector "EX01\\Default Frontend EX01" | fl TlsCertificateName\nTlsCertificateName : <I>CN=R10, O=Let\'s Encrypt, C=US<S>CN=mail.contoso.com',
        kinds: ['host-name'],
      },
      {
        name: "a certificate listing after the connector is not the connector's",
        text: 'PS> Get-InboundConnector | fl Name,TlsSenderCertificateName\nName : Relay\nTlsSenderCertificateName : mail.contoso.com\n\n[PS] C:\\>Get-ExchangeCertificate | fl Subject,Issuer\nSubject : CN=smtp.contoso.com\nIssuer : CN=R10',
        kinds: ['ip-based', 'smtp.contoso.com'],
      },
    ],
  },
  {
    extractor: 'send-connector-certificate',
    finds: [
      {
        name: 'Get-SendConnector | fl Name,Fqdn,TlsCertificateName: the hybrid connector names an internal-CA certificate',
        text: 'Name               : Internet\nFqdn               : mail.contoso.com\nTlsCertificateName :\n\nName               : Outbound to Office 365 - 6f1d2c3b-9a8e-4f11-b2a3-0c1d2e3f4a5b\nFqdn               : mail.contoso.com\nTlsCertificateName : <I>CN=Contoso-CA, DC=contoso, DC=local<S>CN=mail.contoso.com',
        expect: [
          {
            kind: 'send-connector-internal-certificate',
            value: 'CN=Contoso-CA, DC=contoso, DC=local',
            data: { connector: 'Outbound to Office 365 - 6f1d2c3b-9a8e-4f11-b2a3-0c1d2e3f4a5b', untrustedSubject: 'CN=mail.contoso.com' },
          },
        ],
      },
      {
        name: 'only the field was pasted',
        text: 'TlsCertificateName : <I>CN=contoso-EX01-CA, DC=contoso, DC=com<S>CN=smtp.contoso.com',
        expect: [{ kind: 'send-connector-internal-certificate', value: 'CN=contoso-EX01-CA, DC=contoso, DC=com' }],
      },
    ],
    ignores: [
      {
        name: 'pinned to a public certificate (the fix already applied)',
        text: 'Name               : Outbound to Office 365\nTlsCertificateName : <I>CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US<S>CN=mail.contoso.com',
        kinds: ['send-connector-internal-certificate'],
      },
      {
        name: 'an internal certificate on a connector that does not go to Exchange Online',
        text: 'Name               : To partner\nSmartHosts         : {relay.fabrikam.example}\nTlsCertificateName : <I>CN=Contoso-CA, DC=contoso, DC=local<S>CN=mail.contoso.com',
        kinds: ['send-connector-internal-certificate'],
      },
    ],
  },
  // Issue 20, family A: what the send-side causes fill their commands with.
  {
    extractor: 'send-connector-certificate',
    finds: [
      {
        name: 'every send connector shown, with its Fqdn and the certificate it names',
        text: "Name               : Outbound to Office 365 - 61b1d24e\nFqdn               : mail.contoso.com\nTlsCertificateName : <I>CN=R10, O=Let's Encrypt, C=US<S>CN=mail.contoso.com",
        expect: [
          {
            kind: 'send-connector',
            value: 'Outbound to Office 365 - 61b1d24e',
            data: {
              fqdn: 'mail.contoso.com',
              tlsIssuer: "CN=R10, O=Let's Encrypt, C=US",
              tlsSubject: 'CN=mail.contoso.com',
              toExchangeOnline: true,
            },
          },
        ],
      },
    ],
    ignores: [],
  },
  {
    extractor: 'queue-listing',
    finds: [
      {
        name: "a smart-host queue: the connector's name and the server",
        text: 'DeliveryType  : SmartHostConnectorDelivery\nNextHopDomain : outbound to office 365 - 61b1d24e\nStatus        : Retry\nIdentity      : EX19-01\\21',
        expect: [{ kind: 'queue', value: 'EX19-01', data: { server: 'EX19-01', connector: 'outbound to office 365 - 61b1d24e' } }],
      },
    ],
    ignores: [
      {
        name: 'a DNS queue names a domain, not a connector',
        text: 'DeliveryType  : DnsConnectorDelivery\nNextHopDomain : fabrikam.com\nStatus        : Retry',
        kinds: ['queue'],
      },
    ],
  },
  {
    extractor: 'exchange-certificate',
    finds: [
      {
        name: 'HasPrivateKey False',
        text: 'Thumbprint    : 5566778899AABBCCDDEEFF00112233445566778A\nSubject       : CN=mail.fabrikam.com\nHasPrivateKey : False\nServices      : SMTP',
        expect: [{ kind: 'private-key-missing', value: '5566778899AABBCCDDEEFF00112233445566778A' }],
      },
      {
        name: 'Status DateInvalid on the SMTP certificate, no renewal beside it',
        text: "Thumbprint : 5566778899AABBCCDDEEFF00112233445566778A\nSubject    : CN=mail.fabrikam.com\nIssuer     : CN=R3, O=Let's Encrypt, C=US\nServices   : IIS, SMTP\nStatus     : DateInvalid\nNotAfter   : 3/1/2025 12:00:00 PM",
        expect: [{ kind: 'expired', value: '5566778899AABBCCDDEEFF00112233445566778A' }],
      },
      {
        name: 'only the self-signed certificate and an internal CA: no public certificate',
        text: 'Thumbprint : 1111111111111111111111111111111111111111\nSubject    : CN=EX01\nIssuer     : CN=EX01\nServices   : IMAP, POP, IIS, SMTP\n\nThumbprint : 2222222222222222222222222222222222222222\nSubject    : CN=mail.contoso.com\nIssuer     : CN=Contoso-Issuing-CA, DC=contoso, DC=local\nServices   : IIS, SMTP',
        expect: [{ kind: 'no-public-certificate', value: 'internal-ca' }],
      },
    ],
    ignores: [
      {
        name: 'an expired certificate next to its valid renewal is not the cause',
        text: "Thumbprint : 5566778899AABBCCDDEEFF00112233445566778A\nSubject    : CN=mail.fabrikam.com\nIssuer     : CN=R3, O=Let's Encrypt, C=US\nServices   : IIS, SMTP\nStatus     : DateInvalid\n\nThumbprint : 6666778899AABBCCDDEEFF00112233445566778A\nSubject    : CN=mail.fabrikam.com\nIssuer     : CN=R11, O=Let's Encrypt, C=US\nServices   : IIS, SMTP\nStatus     : Valid",
        kinds: ['expired', 'no-public-certificate'],
      },
      {
        name: 'NotAfter in the past with Status Valid (a paste read later than made) is not expired',
        text: "Thumbprint : 5566778899AABBCCDDEEFF00112233445566778A\nSubject    : CN=mail.fabrikam.com\nIssuer     : CN=R3, O=Let's Encrypt, C=US\nServices   : IIS, SMTP\nStatus     : Valid\nNotAfter   : 3/1/2020 12:00:00 PM",
        kinds: ['expired'],
      },
    ],
  },
  {
    extractor: 'smtp-protocol-log',
    finds: [
      {
        name: 'the certificate the session offered, with its thumbprint',
        text: '2026-11-30T07:14:02.118Z,Outbound to Office 365,08DE,7,10.0.5.12:40112,52.101.40.17:25,*,,Sending certificate\n2026-11-30T07:14:02.118Z,Outbound to Office 365,08DE,8,10.0.5.12:40112,52.101.40.17:25,*,CN=mail.contoso.com,Certificate subject\n2026-11-30T07:14:02.118Z,Outbound to Office 365,08DE,9,10.0.5.12:40112,52.101.40.17:25,*,3F2A9C0D7E6B5A4F3E2D1C0B9A8F7E6D5C4B3A29,Certificate thumbprint',
        expect: [
          {
            kind: 'sending-certificate',
            value: '3F2A9C0D7E6B5A4F3E2D1C0B9A8F7E6D5C4B3A29',
            data: { subject: 'CN=mail.contoso.com', connector: 'Outbound to Office 365' },
          },
        ],
      },
    ],
    ignores: [],
  },
  {
    extractor: 'free-text',
    finds: [
      {
        name: 'English relay description',
        text: 'Our IIS SMTP server relays through EOP and now gets relay access denied.',
        expect: [
          { kind: 'symptom', value: 'relay-access-denied' },
          { kind: 'route', value: 'relay-via-eop' },
          { kind: 'route', value: 'iis-smtp' },
        ],
      },
      {
        name: 'German intermediate missing',
        text: 'Ich glaube das Zwischenzertifikat fehlt auf dem Relay-Server.',
        expect: [{ kind: 'symptom', value: 'intermediate-missing' }],
      },
      {
        name: 'German hybrid with two certificates',
        text: 'Im Hybrid-Setup hängt die Warteschlange zu Office 365. Dem SMTP-Dienst sind zwei Zertifikate zugewiesen, eines von unserer internen CA.',
        expect: [
          { kind: 'route', value: 'hybrid' },
          { kind: 'two-smtp-certificates-stated', value: 'stated' },
          { kind: 'internal-ca-mentioned', value: 'stated' },
          { kind: 'symptom', value: 'mail-to-exchange-online-failing' },
        ],
      },
      { name: 'event mention', text: 'Auf dem Server steht Ereignis 2004 im Protokoll.', expect: [{ kind: 'event', value: '2004' }] },
      {
        name: 'the prose after a reply in the same line still counts',
        text: 'Seit dem Providerwechsel lehnt EOP unser Relay mit 550 5.7.64 TenantAttribution ab. Der Inbound-Connector ist rein IP-basiert.',
        expect: [
          { kind: 'change', value: 'sending-ip-changed' },
          { kind: 'connector', value: 'ip-based' },
        ],
      },
      {
        name: 'a new public address, a move, a new server',
        text: 'We changed ISP on Friday. The relay VM was lifted into Azure. We decommissioned the old Exchange 2013 server.',
        expect: [
          { kind: 'change', value: 'sending-ip-changed' },
          { kind: 'change', value: 'network-changed' },
          { kind: 'change', value: 'sending-server-replaced' },
        ],
      },
      {
        name: 'a certificate with another name',
        text: 'Replaced our SAN cert with a wildcard one last night.',
        expect: [
          { kind: 'change', value: 'certificate-name-changed' },
          { kind: 'change', value: 'certificate-renewed' },
        ],
      },
      {
        name: 'intermittent, nothing changed',
        text: 'It happens only sometimes and nothing changed on our side.',
        expect: [
          { kind: 'pattern', value: 'intermittent' },
          { kind: 'change', value: 'nothing-changed' },
        ],
      },
      {
        name: 'some mail fails, a second server was added',
        text: 'Some of our outbound relay mail bounces, other messages go through fine. The second hub server was added last week.',
        expect: [
          { kind: 'pattern', value: 'intermittent' },
          { kind: 'change', value: 'sending-server-replaced' },
        ],
      },
      {
        name: 'the fix of KB 3212877 already applied (German)',
        text: 'Wir haben KB 3212877 schon umgesetzt: Zwischenzertifikat exportiert und mit Import-Certificate nach Cert:\\LocalMachine\\CA importiert.',
        expect: [{ kind: 'chain-complete', value: 'fix-applied' }],
      },
      {
        name: 'a complete chain in words',
        text: 'certlm shows all three levels. The CAPI2 800B0109 errors are gone.',
        expect: [{ kind: 'chain-complete', value: 'stated' }],
      },
      {
        name: 'CAPI2 event 30 told in prose',
        text: 'CAPI2 logs event 30 on the sending server.',
        expect: [{ kind: 'chain-error', value: 'capi2-event-30' }],
      },
      {
        name: 'a certificate domain that is not accepted (German)',
        text: 'Der Antragstellername des Zertifikats entspricht keiner akzeptierten Domäne im Tenant.',
        expect: [{ kind: 'certificate-domain-not-accepted', value: 'stated' }],
      },
    ],
    ignores: [
      {
        name: 'NDR line is left to the SMTP extractor',
        text: "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied'",
        kinds: ['symptom'],
      },
      {
        name: 'unrelated mailbox question',
        text: 'How do I set an out of office reply for a shared mailbox?',
        kinds: ['symptom', 'route', 'change', 'connector'],
      },
      {
        name: 'the intermediate already imported is not "intermediate missing"',
        text: 'We imported the intermediate into LocalMachine\\CA and restarted transport.',
        kinds: ['intermediate-missing'],
      },
      {
        name: 'receive-side checkers do not see the chain the server sends',
        text: 'Remote Connectivity Analyzer and SSL Labs both say our certificate chain is fine.',
        kinds: ['chain-complete'],
      },
      {
        name: 'mail to migrated cloud mailboxes is no network change',
        text: 'Mails from on-prem mailboxes to migrated cloud mailboxes are stuck in the queue.',
        kinds: ['network-changed'],
      },
      {
        name: 'a domain that is already accepted',
        text: 'cohowinery.com is already an accepted domain (Authoritative) in the tenant.',
        kinds: ['certificate-domain-not-accepted'],
      },
      { name: 'CAPI2 event 30 that is gone', text: 'No CAPI2 event 30 any more.', kinds: ['capi2-event-30'] },
      {
        name: '"no change" after a fix is not "nothing changed"',
        text: 'We re-imported the intermediate and restarted transport, no change.',
        kinds: ['nothing-changed'],
      },
    ],
  },
  {
    extractor: 'stated-names',
    finds: [
      {
        name: 'the name of a renewed certificate, not the old one',
        text: 'We renewed the cert last week, new one is CN=smtp.contoso.net (was smtp.contoso.com).',
        expect: [{ kind: 'host-name', value: 'smtp.contoso.net', data: { role: 'certificate-subject' } }],
      },
      {
        name: 'German: the old name and the new wildcard',
        text: 'Das alte lautete auf mail.mueller.de, das neue ist ein Wildcard-Zertifikat *.mueller.de (GlobalSign).',
        expect: [{ kind: 'host-name', value: '*.mueller.de', data: { role: 'certificate-subject' } }],
      },
      {
        name: 'what the inbound connector expects, in one sentence with the certificate',
        text: 'Inbound connector expects mail.treyresearch.net but our renewed cert is issued to smtp.treyresearch.net only.',
        expect: [
          { kind: 'connector', value: 'inbound-certificate-validation', data: { tlsSenderCertificateName: 'mail.treyresearch.net' } },
          { kind: 'host-name', value: 'smtp.treyresearch.net', data: { role: 'certificate-subject' } },
        ],
      },
      {
        name: 'German: "steht aber noch"',
        text: 'Im Inbound-Connector (EXO) steht aber noch exchange.stadtwerke.de, so hieß das alte Zertifikat.',
        expect: [
          { kind: 'connector', value: 'inbound-certificate-validation', data: { tlsSenderCertificateName: 'exchange.stadtwerke.de' } },
        ],
      },
      {
        name: "the admin center's wording of the connector",
        text: 'The connector is set to "By verifying that the subject name on the certificate that the sending server uses to authenticate with Office 365 matches this domain name: smtp.fourthcoffee.com".',
        expect: [
          { kind: 'connector', value: 'inbound-certificate-validation', data: { tlsSenderCertificateName: 'smtp.fourthcoffee.com' } },
        ],
      },
      {
        name: 'a new public address, not the old one',
        text: 'Der alte ging über 91.198.44.10 raus, der neue laut Firewall über 91.198.44.25.',
        expect: [{ kind: 'sender-ip', value: '91.198.44.25' }],
      },
      {
        name: 'what the server sees as its address',
        text: 'From the VM, curl ifconfig.me returns 20.113.58.201.',
        expect: [{ kind: 'sender-ip', value: '20.113.58.201' }],
      },
      {
        name: 'the connector still fits',
        text: 'Cert renewed Monday, same CN (smtp.brightwater.com), connector unchanged and matches, same public IP.',
        expect: [
          { kind: 'connector-certificate-name-match', value: 'stated' },
          { kind: 'connector-sender-ip-match', value: 'stated' },
        ],
      },
      {
        name: 'a plain "connector" with a verb of expecting (German)',
        text: 'Der Connector erwartet mail.firma.de, das neue Zertifikat lautet auf smtp.firma.de.',
        expect: [
          { kind: 'connector', value: 'inbound-certificate-validation', data: { tlsSenderCertificateName: 'mail.firma.de' } },
          { kind: 'host-name', value: 'smtp.firma.de', data: { role: 'certificate-subject' } },
        ],
      },
      {
        name: "the admin center's wording of an IP-based connector",
        text: 'The connector is set to "By verifying that the IP address of the sending server matches one of these IP addresses, which belong exclusively to your organization: 203.0.113.25, 203.0.113.26".',
        expect: [{ kind: 'connector', value: 'ip-based', data: { senderIpAddresses: ['203.0.113.25', '203.0.113.26'] } }],
      },
      {
        name: '"the old one" refers back to the certificate',
        text: "The new certificate's subject is CN=webmail.contoso.com; the old one was mail.contoso.com.",
        expect: [
          { kind: 'host-name', value: 'webmail.contoso.com', data: { role: 'certificate-subject' } },
          { kind: 'host-name', value: 'mail.contoso.com', data: { role: 'old-certificate-name' } },
        ],
      },
      {
        name: 'the addresses a connector lists, in prose',
        text: 'Der Connector in Exchange Online lässt nur unsere alte IP 85.12.34.56 zu. Die VM geht jetzt über 20.50.60.70 raus.',
        expect: [
          { kind: 'connector', value: 'ip-based', data: { senderIpAddresses: ['85.12.34.56'] } },
          { kind: 'sender-ip', value: '20.50.60.70' },
        ],
      },
      {
        name: 'the same name as connector value and certificate name in one sentence',
        text: 'Inbound connector expects smtp.contoso.com, our certificate is for smtp.contoso.com too.',
        expect: [
          { kind: 'host-name', value: 'smtp.contoso.com', data: { role: 'connector-certificate-name' } },
          { kind: 'host-name', value: 'smtp.contoso.com', data: { role: 'certificate-subject' } },
        ],
      },
      {
        name: 'after a quoted field, "and" starts a new statement',
        text: "The inbound connector's TlsSenderCertificateName is mail.fourthcoffee.com and Get-ExchangeCertificate shows CN=smtp.fourthcoffee.com with SMTP.",
        expect: [{ kind: 'host-name', value: 'smtp.fourthcoffee.com', data: { role: 'certificate-subject' } }],
      },
      {
        name: "the user says the connector's name no longer matches",
        text: "I checked: the TlsSenderCertificateName on the inbound connector doesn't match our new certificate anymore.",
        expect: [{ kind: 'connector-certificate-name-mismatch', value: 'stated' }],
      },
      {
        name: "a listed address in the connector's sentence (German)",
        text: 'Der Connector in EXO prüft die IP, eingetragen ist 80.150.10.20.',
        expect: [{ kind: 'connector', value: 'ip-based', data: { senderIpAddresses: ['80.150.10.20'] } }],
      },
      {
        name: 'changed from one address to another',
        text: 'Our public egress IP changed from 203.0.113.5 to 203.0.113.9 last night.',
        expect: [{ kind: 'sender-ip', value: '203.0.113.9' }],
      },
      {
        name: 'the issuer of the certificate in use',
        text: 'This year we bought it from Sectigo (same name, CN=mail.alpine.com, issuer CN=Sectigo Public Server Authentication CA DV R36, O=Sectigo Limited).',
        expect: [{ kind: 'certificate-issuer', value: 'CN=Sectigo Public Server Authentication CA DV R36' }],
      },
    ],
    ignores: [
      {
        name: 'a name the certificate does not have',
        text: 'Microsoft Exchange could not find a certificate that contains the domain name mail.koenig.de in the personal store.',
        kinds: ['host-name'],
      },
      {
        name: 'the receive connector is not the inbound connector',
        text: 'It is unable to support STARTTLS for the connector Default Frontend KBEX01 with a FQDN parameter of mail.koenig.de.',
        kinds: ['connector'],
      },
      {
        name: "an e-mail address and Microsoft's servers are no certificate names",
        text: 'The certificate bounce went to einkauf@zulieferer.de from AM2PEPF0001C70F.eurprd05.prod.outlook.com.',
        kinds: ['host-name'],
      },
      { name: 'an old address', text: 'The old address was 62.154.10.33.', kinds: ['sender-ip'] },
      { name: 'a negated match', text: 'The connector no longer matches the certificate.', kinds: ['connector-certificate-name-match'] },
      {
        name: 'an address that does not match is not a name mismatch',
        text: "The connector's IP address does not match any more.",
        kinds: ['connector-certificate-name-mismatch'],
      },
      {
        name: 'the address it changed from',
        text: 'Our public egress IP changed from 203.0.113.5 to 203.0.113.9 last night.',
        kinds: ['203.0.113.5'],
      },
    ],
  },
  {
    extractor: 'certutil-verify',
    finds: [
      {
        name: 'a partial chain with the missing issuer and its AIA address',
        text: 'C:\\temp>certutil -verify smtp.cer\nIssuer:\n    CN=Thawte TLS RSA CA G1\nSubject:\n    CN=smtp.graniteridge.com\nCertContext[0][0]: dwInfoStatus=102 dwErrorStatus=10000\n  ----------------  Certificate AIA  ----------------\n  Failed "AIA" Time: 0\n    http://cacerts.thawte.com/ThawteTLSRSACAG1.crt\n\nMissing Issuer: CN=Thawte TLS RSA CA G1, OU=www.digicert.com, O=DigiCert Inc, C=US\nIncomplete certificate chain\nCertUtil: -verify command FAILED: 0x800b010a (-2146762486 CERT_E_CHAINING)',
        expect: [
          {
            kind: 'chain-incomplete',
            value: 'certutil-partial-chain',
            data: {
              missingIssuer: 'CN=Thawte TLS RSA CA G1, OU=www.digicert.com, O=DigiCert Inc, C=US',
              aiaUrl: 'http://cacerts.thawte.com/ThawteTLSRSACAG1.crt',
            },
          },
          { kind: 'host-name', value: 'smtp.graniteridge.com', data: { role: 'certificate-subject' } },
        ],
      },
      {
        name: 'the missing issuer quoted in a sentence',
        text: "certutil -verify on the cert: Missing Issuer: CN=R11, O=Let's Encrypt, C=US",
        expect: [{ kind: 'chain-incomplete', value: 'certutil-partial-chain', data: { missingIssuer: "CN=R11, O=Let's Encrypt, C=US" } }],
      },
      {
        name: 'a verified chain',
        text: 'C:\\>certutil -verify -urlfetch relay.cer\nCertContext[0][0]: dwInfoStatus=102 dwErrorStatus=0\n  Subject: CN=relay.cpc-eisen.com\nCertContext[0][1]: dwInfoStatus=102 dwErrorStatus=0\nCertUtil: -verify command completed successfully.',
        expect: [
          { kind: 'chain-complete', value: 'certutil-verified' },
          { kind: 'host-name', value: 'relay.cpc-eisen.com' },
        ],
      },
    ],
    ignores: [
      {
        name: 'a successful run with an element error is not "complete"',
        text: 'CertContext[0][0]: dwInfoStatus=102 dwErrorStatus=20\nCertUtil: -verify command completed successfully.',
        kinds: ['chain-complete'],
      },
      { name: 'prose without certutil output', text: 'We ran certutil yesterday.', kinds: ['chain-incomplete', 'chain-complete'] },
    ],
  },
  {
    extractor: 'paste-format',
    finds: [
      {
        name: 'English NDR with generating server',
        text: 'Diagnostic information for administrators:\nGenerating server: EX16-HUB02.litware.local',
        expect: [
          { kind: 'input-format', value: 'ndr' },
          { kind: 'host-name', value: 'ex16-hub02.litware.local' },
        ],
      },
      {
        name: 'German NDR',
        text: 'Diagnoseinformationen für Administratoren:\nGenerierender Server: RELAY02.firma.local',
        expect: [
          { kind: 'input-format', value: 'ndr' },
          { kind: 'host-name', value: 'relay02.firma.local' },
        ],
      },
      {
        name: 'IIS SMTP log',
        text: '#Software: Microsoft Internet Information Services 10.0\n2024-11-03 14:22:09 104.47.20.36 OutboundConnectionResponse SMTPSVC1 WEB01 - 25 - - 250+OK',
        expect: [
          { kind: 'input-format', value: 'iis-smtp-log' },
          { kind: 'route', value: 'iis-smtp' },
        ],
      },
    ],
    ignores: [{ name: 'plain prose', text: 'Mail is slow today.', kinds: ['input-format'] }],
  },
  // Variants written against review-cases-4.json (fixtures/README.md): other formats, other orders,
  // German, and near misses; the whole-pipeline rows of the same fixes are in variants.test.ts.
  {
    extractor: 'connector-config',
    finds: [
      {
        name: 'a property of all connectors, its value on the next line',
        text: 'PS C:\\> (Get-InboundConnector).TlsSenderCertificateName\nsmtp.contoso.com',
        expect: [{ kind: 'connector', value: 'inbound-certificate-validation', data: { tlsSenderCertificateName: 'smtp.contoso.com' } }],
      },
      {
        name: 'a property of a named connector, the prompt after the value',
        text: 'PS C:\\> (Get-InboundConnector "Contoso Relay").TlsSenderCertificateName\nrelay.contoso.com\nPS C:\\>',
        expect: [
          {
            kind: 'connector',
            value: 'inbound-certificate-validation',
            data: { tlsSenderCertificateName: 'relay.contoso.com', connectorName: 'Contoso Relay' },
          },
        ],
      },
      {
        name: 'Select-Object -ExpandProperty with a blank line before the value',
        text: 'Get-InboundConnector | Select-Object -ExpandProperty TlsSenderCertificateName\n\nmail.fabrikam.com',
        expect: [{ kind: 'connector', value: 'inbound-certificate-validation', data: { tlsSenderCertificateName: 'mail.fabrikam.com' } }],
      },
      {
        name: 'select -expand SenderIPAddresses: one address a line, a single-quoted name',
        text: "Get-InboundConnector 'HQ relay' | select -expand SenderIPAddresses\n203.0.113.25\n203.0.113.26",
        expect: [
          {
            kind: 'connector',
            value: 'ip-based',
            data: { senderIpAddresses: ['203.0.113.25', '203.0.113.26'], connectorName: 'HQ relay' },
          },
        ],
      },
      {
        name: 'ForEach-Object shorthand with a wildcard value',
        text: 'Get-InboundConnector | % TlsSenderCertificateName\n*.contoso.com',
        expect: [{ kind: 'connector', value: 'inbound-certificate-validation', data: { tlsSenderCertificateName: '*.contoso.com' } }],
      },
      {
        name: 'an arrow after fl, and an apostrophe in the double-quoted name',
        text: 'Get-InboundConnector "Margie\'s Travel HQ" | fl SenderIPAddresses -> {203.0.113.64/28}',
        expect: [
          { kind: 'connector', value: 'ip-based', data: { senderIpAddresses: ['203.0.113.64/28'], connectorName: "Margie's Travel HQ" } },
        ],
      },
      {
        name: 'a => arrow with a certificate name',
        text: 'Get-InboundConnector -Identity "Relay (Nord)" | fl TlsSenderCertificateName => smtp.mueller.de',
        expect: [
          {
            kind: 'connector',
            value: 'inbound-certificate-validation',
            data: { tlsSenderCertificateName: 'smtp.mueller.de', connectorName: 'Relay (Nord)' },
          },
        ],
      },
      {
        name: 'a Unicode arrow in a note',
        text: 'SenderIPAddresses → {198.51.100.7, 198.51.100.8}',
        expect: [{ kind: 'connector', value: 'ip-based', data: { senderIpAddresses: ['198.51.100.7', '198.51.100.8'] } }],
      },
      {
        name: 'German: words between the field and its value',
        text: 'Im Connector steht unter SenderIPAddresses noch 62.153.40.2.',
        expect: [{ kind: 'connector', value: 'ip-based', data: { senderIpAddresses: ['62.153.40.2'] } }],
      },
      {
        name: 'German console, a CIDR entry',
        text: 'PS C:\\> (Get-InboundConnector -Identity "Von lokal").SenderIPAddresses\n80.150.10.16/29',
        expect: [{ kind: 'connector', value: 'ip-based', data: { senderIpAddresses: ['80.150.10.16/29'], connectorName: 'Von lokal' } }],
      },
      {
        name: 'a value pinned to issuer and subject',
        text: "(Get-InboundConnector).TlsSenderCertificateName\n<I>CN=R10, O=Let's Encrypt, C=US<S>CN=mail.contoso.com",
        expect: [
          {
            kind: 'connector',
            value: 'inbound-certificate-validation',
            data: { tlsSenderCertificateName: 'mail.contoso.com', pinnedIssuer: "CN=R10, O=Let's Encrypt, C=US" },
          },
        ],
      },
    ],
    ignores: [
      {
        name: 'a property without output',
        text: 'PS C:\\> (Get-InboundConnector).TlsSenderCertificateName\n\nPS C:\\> Get-Queue',
        kinds: ['connector'],
      },
      {
        name: 'an error instead of the value',
        text: "PS C:\\> (Get-InboundConnector).TlsSenderCertificateName\nGet-InboundConnector : The term 'Get-InboundConnector' is not recognized as the name of a cmdlet",
        kinds: ['connector'],
      },
      {
        name: "a send connector's property",
        text: '(Get-SendConnector "Outbound to Office 365").TlsCertificateName\nmail.contoso.com',
        kinds: ['inbound-certificate-validation', 'ip-based'],
      },
      { name: 'an empty address list after the arrow', text: 'Get-InboundConnector | fl SenderIPAddresses -> {}', kinds: ['connector'] },
    ],
  },
  {
    extractor: 'stated-names',
    finds: [
      // The connector described in words.
      {
        name: 'the admin center described: "Identify by certificate"',
        text: 'Security restrictions: "Identify by certificate: mail.contoso.com". Status: On.',
        expect: [
          { kind: 'connector', value: 'inbound-certificate-validation', data: { tlsSenderCertificateName: 'mail.contoso.com' } },
          { kind: 'host-name', value: 'mail.contoso.com', data: { role: 'connector-certificate-name' } },
        ],
      },
      {
        name: '"identifies the sending server by certificate name:"',
        text: 'The connector identifies the sending server by certificate name: relay.contoso.com',
        expect: [{ kind: 'connector', value: 'inbound-certificate-validation', data: { tlsSenderCertificateName: 'relay.contoso.com' } }],
      },
      {
        name: 'German: "identifiziert per Zertifikat"',
        text: 'Der Connector identifiziert per Zertifikat: smtp.firma.de',
        expect: [{ kind: 'connector', value: 'inbound-certificate-validation', data: { tlsSenderCertificateName: 'smtp.firma.de' } }],
      },
      {
        name: '"Identify by IP address" with two addresses',
        text: 'Identify by IP address: 203.0.113.25, 203.0.113.26',
        expect: [{ kind: 'connector', value: 'ip-based', data: { senderIpAddresses: ['203.0.113.25', '203.0.113.26'] } }],
      },
      {
        name: 'German: "Erkennung anhand der IP-Adresse"',
        text: 'Erkennung anhand der IP-Adresse: 80.150.10.20',
        expect: [{ kind: 'connector', value: 'ip-based', data: { senderIpAddresses: ['80.150.10.20'] } }],
      },
      {
        name: 'German: "ist an die IP ... gebunden", the server now elsewhere',
        text: 'Der Connector ist an die IP 81.14.200.10 gebunden, der Server sendet inzwischen von 81.14.200.12.',
        expect: [
          { kind: 'connector', value: 'ip-based', data: { senderIpAddresses: ['81.14.200.10'] } },
          { kind: 'sender-ip', value: '81.14.200.12' },
        ],
      },
      {
        name: '"bound to" in English',
        text: 'The connector is bound to 203.0.113.10 but the new firewall NATs us to 203.0.113.77.',
        expect: [
          { kind: 'connector', value: 'ip-based', data: { senderIpAddresses: ['203.0.113.10'] } },
          { kind: 'sender-ip', value: '203.0.113.77' },
        ],
      },
      {
        name: '"restricted to" and "now leaves via"',
        text: 'Connector restricted to 198.51.100.5; outbound now leaves via 198.51.100.9',
        expect: [
          { kind: 'connector', value: 'ip-based' },
          { kind: 'sender-ip', value: '198.51.100.9' },
        ],
      },
      {
        name: '"locked to" a certificate name',
        text: 'The connector is locked to smtp.contoso.com',
        expect: [{ kind: 'connector', value: 'inbound-certificate-validation', data: { tlsSenderCertificateName: 'smtp.contoso.com' } }],
      },
      {
        name: '"was updated to" the new name',
        text: 'The connector was updated to smtp.contoso.com yesterday',
        expect: [{ kind: 'connector', value: 'inbound-certificate-validation', data: { tlsSenderCertificateName: 'smtp.contoso.com' } }],
      },
      // Old and new names.
      {
        name: '"the new certificate was issued for x": x is in use',
        text: 'the new certificate was issued for exchange.contoso.edu and autodiscover.contoso.edu',
        expect: [
          { kind: 'host-name', value: 'exchange.contoso.edu', data: { role: 'certificate-subject' } },
          { kind: 'host-name', value: 'autodiscover.contoso.edu', data: { role: 'certificate-subject' } },
        ],
      },
      {
        name: '"the old certificate was issued for x": x is old',
        text: 'the old certificate was issued for mail.contoso.com',
        expect: [{ kind: 'host-name', value: 'mail.contoso.com', data: { role: 'old-certificate-name' } }],
      },
      {
        name: 'German: "jetzt ... statt ..."',
        text: 'Antragsteller ist jetzt CN=owa.firma.de statt mail.firma.de',
        expect: [
          { kind: 'host-name', value: 'owa.firma.de', data: { role: 'certificate-subject' } },
          { kind: 'host-name', value: 'mail.firma.de', data: { role: 'old-certificate-name' } },
        ],
      },
      {
        name: '"instead of"',
        text: 'the new cert is for smtp.contoso.com instead of mail.contoso.com',
        expect: [
          { kind: 'host-name', value: 'smtp.contoso.com', data: { role: 'certificate-subject' } },
          { kind: 'host-name', value: 'mail.contoso.com', data: { role: 'old-certificate-name' } },
        ],
      },
      {
        name: '"replacing x" in its own clause',
        text: 'our certificate, replacing mail.contoso.com, is CN=relay.contoso.com',
        expect: [
          { kind: 'host-name', value: 'mail.contoso.com', data: { role: 'old-certificate-name' } },
          { kind: 'host-name', value: 'relay.contoso.com', data: { role: 'certificate-subject' } },
        ],
      },
      {
        name: '"x was replaced by y"',
        text: 'The certificate mail.contoso.com was replaced by smtp.contoso.com.',
        expect: [
          { kind: 'host-name', value: 'mail.contoso.com', data: { role: 'old-certificate-name' } },
          { kind: 'host-name', value: 'smtp.contoso.com', data: { role: 'certificate-subject' } },
        ],
      },
      {
        name: 'German: "ersetzt durch"',
        text: 'Das Zertifikat mail.firma.de wurde ersetzt durch gateway.firma.de.',
        expect: [
          { kind: 'host-name', value: 'mail.firma.de', data: { role: 'old-certificate-name' } },
          { kind: 'host-name', value: 'gateway.firma.de', data: { role: 'certificate-subject' } },
        ],
      },
      {
        name: 'German: "anstelle von"',
        text: 'Wir haben jetzt ein Zertifikat für relay.firma.de anstelle von mail.firma.de.',
        expect: [
          { kind: 'host-name', value: 'relay.firma.de', data: { role: 'certificate-subject' } },
          { kind: 'host-name', value: 'mail.firma.de', data: { role: 'old-certificate-name' } },
        ],
      },
      {
        name: 'a renewal names the certificate: "renewed with a different name (now x instead of y)"',
        text: 'Renewed with a different name (now smtp.contoso.com instead of mail.contoso.com)',
        expect: [
          { kind: 'host-name', value: 'smtp.contoso.com', data: { role: 'certificate-subject' } },
          { kind: 'host-name', value: 'mail.contoso.com', data: { role: 'old-certificate-name' } },
        ],
      },
      {
        name: '"replaced x with y"',
        text: 'We replaced the certificate mail.contoso.com with smtp.contoso.com.',
        expect: [
          { kind: 'host-name', value: 'mail.contoso.com', data: { role: 'old-certificate-name' } },
          { kind: 'host-name', value: 'smtp.contoso.com', data: { role: 'certificate-subject' } },
        ],
      },
      {
        name: '"swapped x for y"',
        text: 'We swapped the mail.contoso.com cert for relay.contoso.com.',
        expect: [
          { kind: 'host-name', value: 'mail.contoso.com', data: { role: 'old-certificate-name' } },
          { kind: 'host-name', value: 'relay.contoso.com', data: { role: 'certificate-subject' } },
        ],
      },
      {
        name: 'German: "x gegen y getauscht"',
        text: 'Wir haben das Zertifikat mail.firma.de gegen smtp.firma.de getauscht.',
        expect: [
          { kind: 'host-name', value: 'mail.firma.de', data: { role: 'old-certificate-name' } },
          { kind: 'host-name', value: 'smtp.firma.de', data: { role: 'certificate-subject' } },
        ],
      },
      {
        name: 'German: "hieß früher"',
        text: 'Das Zertifikat hieß mail.firma.de, jetzt lautet es auf smtp.firma.de.',
        expect: [
          { kind: 'host-name', value: 'mail.firma.de', data: { role: 'old-certificate-name' } },
          { kind: 'host-name', value: 'smtp.firma.de', data: { role: 'certificate-subject' } },
        ],
      },
      // The connector left alone.
      {
        name: 'German: "wurde nicht angefasst"',
        text: 'Der Connector in Exchange Online wurde nicht angefasst.',
        expect: [{ kind: 'connector-unchanged', value: 'stated' }],
      },
      {
        name: '"nobody touched the inbound connector"',
        text: 'Nobody touched the inbound connector.',
        expect: [{ kind: 'connector-unchanged', value: 'stated' }],
      },
      {
        name: '"we haven\'t changed the connector"',
        text: "We haven't changed the connector in EXO since the HCW run.",
        expect: [{ kind: 'connector-unchanged', value: 'stated' }],
      },
      {
        name: 'German: "nichts geändert"',
        text: 'Am Connector in EXO haben wir nichts geändert.',
        expect: [{ kind: 'connector-unchanged', value: 'stated' }],
      },
      {
        name: 'German: "unverändert"',
        text: 'Der Inbound-Connector ist unverändert.',
        expect: [{ kind: 'connector-unchanged', value: 'stated' }],
      },
      {
        name: '"left as is"',
        text: 'The Exchange Online connector was left as is after the renewal.',
        expect: [{ kind: 'connector-unchanged', value: 'stated' }],
      },
      // The address the server sends from.
      {
        name: 'German: "öffentliche IP" after a comma',
        text: 'Ausgehender Verkehr läuft jetzt über die Azure Firewall, öffentliche IP 20.52.14.87.',
        expect: [{ kind: 'sender-ip', value: '20.52.14.87', data: { role: 'stated-now' } }],
      },
      { name: 'German: "über" alone', text: 'Versand erfolgt über 203.0.113.77.', expect: [{ kind: 'sender-ip', value: '203.0.113.77' }] },
      {
        name: 'a renumbered block "from A to B"',
        text: 'the static block moved from 203.0.113.64/28 to 198.51.100.224/28 on the 1st',
        expect: [{ kind: 'sender-ip', value: '198.51.100.224/28', data: { role: 'stated-now' } }],
      },
      {
        name: 'German: "von A auf B"',
        text: 'Unser Block wurde von 85.10.20.0/29 auf 85.10.30.0/29 umgestellt.',
        expect: [{ kind: 'sender-ip', value: '85.10.30.0/29' }],
      },
      {
        name: 'an arrow between old and new',
        text: 'egress 203.0.113.5 -> 198.51.100.23 since the cutover',
        expect: [{ kind: 'sender-ip', value: '198.51.100.23' }],
      },
      {
        name: 'German: "externe IP lautet seit"',
        text: 'Unsere externe IP lautet seit dem Umzug 85.88.1.20.',
        expect: [{ kind: 'sender-ip', value: '85.88.1.20' }],
      },
      {
        name: 'German: "erwartet noch den alten Namen" is a connector left alone',
        text: 'Der Connector erwartet noch den alten Namen.',
        expect: [{ kind: 'connector-unchanged', value: 'stated' }],
      },
      {
        name: '"inzwischen"',
        text: 'Der Server sendet inzwischen von 81.14.200.12.',
        expect: [{ kind: 'sender-ip', value: '81.14.200.12' }],
      },
    ],
    ignores: [
      {
        name: 'a connector that was changed is not "unchanged"',
        text: 'The connector was changed yesterday to smtp.contoso.com.',
        kinds: ['connector-unchanged'],
      },
      {
        name: 'the send connector left alone says nothing about the inbound connector',
        text: 'The send connector was not touched.',
        kinds: ['connector-unchanged'],
      },
      {
        name: 'an untouched server is not the connector',
        text: 'Exchange was not touched, only the certificate.',
        kinds: ['connector-unchanged'],
      },
      {
        name: 'a file name in a sentence about the certificate',
        text: 'When I open the cert in certlm.msc on the relay, the path is short.',
        kinds: ['host-name'],
      },
      {
        name: 'a PowerShell provider path is no host name',
        text: 'The cert is under Microsoft.PowerShell.Security\\Certificate::LocalMachine\\My.',
        kinds: ['host-name'],
      },
      {
        name: 'private addresses are never what Exchange Online sees',
        text: 'our internal relay moved from 10.0.0.5 to 10.0.0.6, the new public NAT is pending',
        kinds: ['sender-ip'],
      },
      { name: 'a block wider than /24', text: 'the provider moved us from 198.51.100.0/22 to 203.0.112.0/22', kinds: ['sender-ip'] },
      { name: 'the old address of "from A to B"', text: 'changed from 203.0.113.5 to 203.0.113.9', kinds: ['203.0.113.5'] },
      {
        name: 'a firewall rule with one address is no address in use',
        text: 'Firewall-Regel für 203.0.113.5 auf Port 25 geändert.',
        kinds: ['sender-ip'],
      },
    ],
  },
  {
    extractor: 'smtp-protocol-log',
    finds: [
      {
        name: 'Exchange Online greets an IPv6 address',
        text: '2025-06-19T09:03:11.301Z,Outbound EOP,08DD9FF628C1B1D9,4,[2001:db8:4a1:20::25]:50334,[2a01:111:f403:c900::1]:25,<,250  AM4PEPF00027A6C.mail.protection.outlook.com Hello [2001:db8:4a1:20::25] SIZE 157286400 PIPELINING,',
        expect: [{ kind: 'sender-ip', value: '2001:db8:4a1:20::25', data: { role: 'seen-by-exchange-online' } }],
      },
      {
        name: 'the IPv6: literal form',
        text: '2025-06-20T10:00:01.000Z,Outbound to Office 365,08DD9FF628C1B1E0,4,[2a02:8108:1:2::5]:50000,[2a01:111:f403:c901::1]:25,<,250  FR4P281CA0001.mail.protection.outlook.com Hello [IPv6:2A02:8108:1:2::5] SIZE 157286400,',
        expect: [{ kind: 'sender-ip', value: '2a02:8108:1:2::5' }],
      },
      {
        name: "Exchange Online's greeting quoted in prose",
        text: 'Send log: 250  AM0PEPF00000001.mail.protection.outlook.com Hello [20.1.1.9]',
        expect: [{ kind: 'sender-ip', value: '20.1.1.9', data: { role: 'seen-by-exchange-online' } }],
      },
    ],
    ignores: [
      {
        name: 'brackets that are no address',
        text: '2025-06-19T09:03:11.301Z,Outbound EOP,08DD9FF628C1B1D9,4,10.0.0.5:50334,52.101.40.17:25,<,250  AM4PEPF00027A6C.mail.protection.outlook.com Hello [::::::] SIZE 157286400,',
        kinds: ['sender-ip'],
      },
      {
        name: "a greeting that is not Exchange Online's",
        text: '2025-06-19T09:03:11.301Z,Outbound,08DD9FF628C1B1D9,4,[2001:db8::5]:50334,[2001:db8::9]:25,<,250 mx.partner.example Hello [2001:db8::5] SIZE 157286400,',
        kinds: ['sender-ip'],
      },
    ],
  },
  {
    extractor: 'free-text',
    finds: [
      // The way out changed.
      {
        name: 'German: "nach Azure migriert"',
        text: 'Wir haben den Relay-Server nach Azure migriert.',
        expect: [{ kind: 'change', value: 'network-changed' }],
      },
      {
        name: 'German: "ins neue Rechenzentrum verlagert"',
        text: 'Exchange wurde ins neue Rechenzentrum verlagert.',
        expect: [{ kind: 'change', value: 'network-changed' }],
      },
      {
        name: 'IPv6 enabled by the ISP',
        text: 'Our ISP enabled IPv6 on the line last Thursday.',
        expect: [
          { kind: 'change', value: 'network-changed' },
          { kind: 'ipv6-stated', value: 'stated' },
        ],
      },
      {
        name: 'German: IPv6 freigeschaltet',
        text: 'Der Provider hat IPv6 freigeschaltet.',
        expect: [
          { kind: 'change', value: 'network-changed' },
          { kind: 'ipv6-stated', value: 'stated' },
        ],
      },
      {
        name: 'all outbound now through another datacenter',
        text: 'All outbound now leaves through the London datacenter instead of Munich.',
        expect: [{ kind: 'change', value: 'network-changed' }],
      },
      {
        name: 'German: outbound through another site since Monday',
        text: 'Ausgehender Verkehr läuft seit Montag über den Standort Hamburg.',
        expect: [{ kind: 'change', value: 'network-changed' }],
      },
      // The certification path and the certificate dialog.
      {
        name: "the path shows only the server's name",
        text: 'The Certification Path tab shows only smtp.contoso.com, nothing above it.',
        expect: [{ kind: 'symptom', value: 'intermediate-missing' }],
      },
      {
        name: 'the path stops at the server certificate',
        text: 'The certification path stops at the server certificate.',
        expect: [{ kind: 'symptom', value: 'intermediate-missing' }],
      },
      {
        name: 'German: "im Zertifizierungspfad steht nur"',
        text: 'Im Zertifizierungspfad steht nur mail.firma.de.',
        expect: [{ kind: 'symptom', value: 'intermediate-missing' }],
      },
      {
        name: 'the General tab in English',
        text: 'The General tab says "This certificate cannot be verified up to a trusted certification authority".',
        expect: [{ kind: 'symptom', value: 'intermediate-missing' }],
      },
      {
        name: 'the General tab in German',
        text: 'Dieses Zertifikat kann nicht bis zu einer vertrauenswürdigen Zertifizierungsstelle verifiziert werden.',
        expect: [{ kind: 'symptom', value: 'intermediate-missing' }],
      },
      {
        name: '"Windows does not have enough information to verify this certificate"',
        text: 'Windows does not have enough information to verify this certificate.',
        expect: [{ kind: 'symptom', value: 'intermediate-missing' }],
      },
      // Two certificates for one name.
      {
        name: '"the public certificate for the same name also has SMTP"',
        text: 'The public certificate for the same name also has SMTP.',
        expect: [{ kind: 'two-smtp-certificates-stated', value: 'stated' }],
      },
      {
        name: 'German: "auf denselben Namen ebenfalls für SMTP"',
        text: 'Das öffentliche Zertifikat (DigiCert) auf denselben Namen ist ebenfalls für SMTP aktiv.',
        expect: [{ kind: 'two-smtp-certificates-stated', value: 'stated' }],
      },
    ],
    ignores: [
      { name: 'outbound through EOP is the route', text: 'All outbound now goes through EOP.', kinds: ['network-changed'] },
      { name: 'a move that is only planned', text: 'We plan to move the relay to Azure next year.', kinds: ['network-changed'] },
      { name: 'IPv6 switched off', text: 'IPv6 is disabled on the Exchange server.', kinds: ['network-changed', 'ipv6-stated'] },
      {
        name: 'a path with all levels on the relay',
        text: 'The certification path on the relay shows all three levels.',
        kinds: ['intermediate-missing'],
      },
      {
        name: 'a command line is not prose',
        text: 'PS C:\\> Get-ChildItem -Path c:\\import\\intermediateca.cer | Import-Certificate -CertStoreLocation cert:\\LocalMachine\\CA',
        kinds: ['intermediate-missing'],
      },
      {
        name: 'a renewal under the same name',
        text: 'The certificate was renewed with the same name and SMTP enabled.',
        kinds: ['two-smtp-certificates-stated'],
      },
      {
        name: '"nobody touched the send connector" is not "nothing changed"',
        text: 'The certificate now has another name. Nobody touched the send connector.',
        kinds: ['nothing-changed'],
      },
    ],
  },
  {
    extractor: 'exchange-certificate',
    finds: [
      {
        name: 'one certificate a line, comma-separated',
        text: 'Intern: Thumbprint 1378F2FBA3A2C154136F170E740F30BE3F37E7FD, Issuer CN=Contoso-Issuing-CA, DC=contoso, DC=local, Services IMAP, SMTP',
        expect: [
          {
            kind: 'certificate-listing',
            value: '1378F2FBA3A2C154136F170E740F30BE3F37E7FD',
            data: { issuer: 'CN=Contoso-Issuing-CA, DC=contoso, DC=local', services: ['IMAP', 'SMTP'], issuerKind: 'internal' },
          },
          { kind: 'internal-ca-on-smtp', value: '1378F2FBA3A2C154136F170E740F30BE3F37E7FD' },
        ],
      },
      {
        name: 'German keys with pipes',
        text: 'Fingerabdruck: BD92F86805E2C1DD3DA4D4C9C9A6C95760A18477 | Aussteller: CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US | Dienste: IIS, SMTP',
        expect: [
          {
            kind: 'certificate-listing',
            value: 'BD92F86805E2C1DD3DA4D4C9C9A6C95760A18477',
            data: { services: ['IIS', 'SMTP'], issuerKind: 'public' },
          },
        ],
      },
      {
        name: 'colons and a subject on the line: two certificates for one name',
        text: "Thumbprint: 0123456789ABCDEF0123456789ABCDEF01234567, Subject: CN=mail.contoso.com, Issuer: CN=R11, O=Let's Encrypt, C=US, Services: IIS, SMTP\nThumbprint: 89ABCDEF0123456789ABCDEF0123456789ABCDEF, Subject: CN=mail.contoso.com, Issuer: CN=contoso-DC01-CA, DC=contoso, DC=com, Services: SMTP",
        expect: [
          {
            kind: 'smtp-bound-to-two-certificates',
            value: 'mail.contoso.com',
            data: { untrustedThumbprint: '89ABCDEF0123456789ABCDEF0123456789ABCDEF' },
          },
        ],
      },
      {
        name: 'names listed without a thumbprint still say which certificate has SMTP',
        text: 'Get-ExchangeCertificate | ? Services -match SMTP | fl Subject,CertificateDomains\n\nSubject            : CN=edge01.woodgrove.com\nCertificateDomains : {edge01.woodgrove.com, autodiscover.woodgrove.com}',
        expect: [
          { kind: 'host-name', value: 'edge01.woodgrove.com', data: { role: 'certificate-subject' } },
          { kind: 'host-name', value: 'autodiscover.woodgrove.com', data: { role: 'certificate-subject' } },
        ],
      },
    ],
    ignores: [
      {
        name: 'names without a thumbprint of a certificate without SMTP',
        text: 'Subject            : CN=owa.woodgrove.com\nCertificateDomains : {owa.woodgrove.com}\nServices           : IIS',
        kinds: ['host-name'],
      },
      {
        name: 'a self-signed certificate listed without a thumbprint',
        text: 'Subject            : CN=ex01.woodgrove.com\nIssuer             : CN=ex01.woodgrove.com\nCertificateDomains : {ex01.woodgrove.com}',
        kinds: ['host-name'],
      },
      {
        name: "a CA store listing after Import-Certificate is not Exchange's",
        text: '   PSParentPath: Microsoft.PowerShell.Security\\Certificate::LocalMachine\\CA\n\nThumbprint                                Subject\n----------                                -------\n759BC575B5B0253F7F08808B1AF25BF5CB4885EE  CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US',
        kinds: ['certificate-listing'],
      },
      {
        name: 'a thumbprint in a sentence without another field',
        text: 'The thumbprint 1378F2FBA3A2C154136F170E740F30BE3F37E7FD is the one we renewed.',
        kinds: ['certificate-listing'],
      },
    ],
  },
  {
    extractor: 'command-transcript',
    finds: [
      {
        name: 'Import-Certificate into LocalMachine\\CA with the certificate it printed',
        text: 'PS C:\\> Get-ChildItem -Path c:\\import\\intermediateca.cer | Import-Certificate -CertStoreLocation cert:\\LocalMachine\\CA\n\n   PSParentPath: Microsoft.PowerShell.Security\\Certificate::LocalMachine\\CA\n\nThumbprint                                Subject\n----------                                -------\n759BC575B5B0253F7F08808B1AF25BF5CB4885EE  CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US',
        expect: [{ kind: 'chain-complete', value: 'fix-applied', data: { command: 'import-certificate' } }],
      },
      {
        name: 'the Exchange Management Shell prompt',
        text: '[PS] C:\\Windows\\system32>Import-Certificate -FilePath C:\\certs\\g1.cer -CertStoreLocation Cert:\\LocalMachine\\CA\n\n   PSParentPath: Microsoft.PowerShell.Security\\Certificate::LocalMachine\\CA',
        expect: [{ kind: 'chain-complete', value: 'fix-applied' }],
      },
      {
        name: 'certutil -addstore CA completed',
        text: 'C:\\>certutil -addstore CA c:\\temp\\inter.cer\nCA "Intermediate Certification Authorities"\nCertUtil: -addstore command completed successfully.',
        expect: [{ kind: 'chain-complete', value: 'fix-applied', data: { command: 'certutil' } }],
      },
      {
        name: 'certutil -f -addstore with a quoted store, German output',
        text: 'C:\\Windows\\system32>certutil -f -addstore "CA" zwischen.cer\nCertUtil: -addstore-Befehl wurde erfolgreich ausgeführt.',
        expect: [{ kind: 'chain-complete', value: 'fix-applied' }],
      },
      {
        name: 'a "what is my IP" service at the prompt, its answer below',
        text: '[PS] C:\\>Invoke-RestMethod ifconfig.me\n198.51.100.201',
        expect: [{ kind: 'sender-ip', value: '198.51.100.201', data: { role: 'stated-now' } }],
      },
      {
        name: 'curl with the answer on the same line',
        text: 'C:\\>curl -s https://api.ipify.org  198.51.100.33',
        expect: [{ kind: 'sender-ip', value: '198.51.100.33' }],
      },
      {
        name: 'irm ipinfo.io in parentheses, JSON-ish output',
        text: 'PS> (irm ipinfo.io).ip\n203.0.113.90',
        expect: [{ kind: 'sender-ip', value: '203.0.113.90' }],
      },
    ],
    ignores: [
      {
        name: 'an import that failed',
        text: 'PS C:\\> Import-Certificate -FilePath C:\\certs\\inter.cer -CertStoreLocation Cert:\\LocalMachine\\CA\nImport-Certificate : The system cannot find the file specified.\n    + CategoryInfo          : NotSpecified: (:) [Import-Certificate], FileNotFoundException\n    + FullyQualifiedErrorId : System.IO.FileNotFoundException',
        kinds: ['chain-complete'],
      },
      {
        name: 'a command without a prompt and without output',
        text: 'Get-ChildItem -Path c:\\import\\intermediateca.cer | Import-Certificate -CertStoreLocation cert:\\LocalMachine\\CA',
        kinds: ['chain-complete'],
      },
      {
        name: 'a prompt but no output',
        text: 'PS C:\\> Import-Certificate -FilePath .\\inter.cer -CertStoreLocation Cert:\\LocalMachine\\CA\nPS C:\\> Restart-Service MSExchangeTransport',
        kinds: ['chain-complete'],
      },
      {
        name: 'the root store is not the intermediate store',
        text: 'PS C:\\> Import-Certificate -FilePath .\\inter.cer -CertStoreLocation Cert:\\LocalMachine\\Root\n\n   PSParentPath: Microsoft.PowerShell.Security\\Certificate::LocalMachine\\Root',
        kinds: ['chain-complete'],
      },
      {
        name: 'certutil failed',
        text: 'C:\\>certutil -addstore CA inter.cer\nCertUtil: -addstore command FAILED: 0x80070002 (WIN32: 2 ERROR_FILE_NOT_FOUND)',
        kinds: ['chain-complete'],
      },
      {
        name: 'the personal store is not the intermediate store',
        text: 'C:\\>certutil -addstore My smtp.cer\nCertUtil: -addstore command completed successfully.',
        kinds: ['chain-complete'],
      },
      {
        name: 'a "what is my IP" service answering a private address (a proxy inside)',
        text: 'PS> Invoke-RestMethod ifconfig.me\n10.0.0.5',
        kinds: ['sender-ip'],
      },
      { name: 'a service named in a sentence, no answer', text: 'Should we check ifconfig.me from the relay?', kinds: ['sender-ip'] },
    ],
  },
];

function matches(f: Finding, e: Finds['expect'][number]): boolean {
  if (f.kind !== e.kind || f.value !== e.value) return false;
  if (e.excerpt !== undefined && f.excerpt !== e.excerpt) return false;
  for (const [k, v] of Object.entries(e.data ?? {})) {
    if (JSON.stringify(f.data?.[k]) !== JSON.stringify(v)) return false;
  }
  return true;
}

describe('evidence extractors', () => {
  it('every extractor has a table', () => {
    const tested = new Set(tables.map((t) => t.extractor));
    for (const e of EXTRACTORS) assert.ok(tested.has(e.name), `no table for ${e.name}`);
  });
  for (const table of tables) {
    describe(table.extractor, () => {
      const extractor = EXTRACTORS.find((e) => e.name === table.extractor)!;
      for (const c of table.finds) {
        it(`finds: ${c.name}`, () => {
          const found = run(extractor, c.text);
          for (const e of c.expect) {
            assert.ok(
              found.some((f) => matches(f, e)),
              `missing ${JSON.stringify(e)} in ${JSON.stringify(found.map((f) => ({ kind: f.kind, value: f.value, data: f.data })))}`,
            );
          }
          for (const f of found) assert.ok(f.excerpt.length > 0 && f.excerpt.length <= 300, 'excerpt present and short');
        });
      }
      for (const c of table.ignores) {
        it(`ignores: ${c.name}`, () => {
          const found = run(extractor, c.text).filter((f) => c.kinds.includes(f.kind) || c.kinds.includes(f.value));
          assert.deepEqual(
            found.map((f) => `${f.kind}:${f.value}`),
            [],
          );
        });
      }
    });
  }
});
