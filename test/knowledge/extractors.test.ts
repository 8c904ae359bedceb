/**
 * Table-driven extractor tests in the spirit of ESLint's RuleTester: `finds` are real-looking
 * samples with the findings they must produce, `ignores` are near misses that must produce none
 * of the named kinds.
 */
import { strict as assert } from 'node:assert';
import { EXTRACTORS } from '../../knowledge/evidence/extract';
import type { Extractor } from '../../knowledge/evidence/extractor';
import type { Finding } from '../../knowledge';

interface Finds { name: string; text: string; expect: Array<{ kind: string; value: string; excerpt?: string; data?: Record<string, unknown> }> }
interface Ignores { name: string; text: string; kinds: string[] }
interface Table { extractor: string; finds: Finds[]; ignores: Ignores[] }

function run(extractor: Extractor, text: string): Finding[] {
  return extractor.extract({ text, lines: text.split('\n'), lower: text.toLowerCase() });
}

const tables: Table[] = [
  {
    extractor: 'smtp-reply',
    finds: [
      { name: 'English NDR', text: "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied [DB5PEPF00014B8E.eurprd02.prod.outlook.com]'", expect: [{ kind: 'smtp-reply', value: '5.7.64', excerpt: "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied [DB5PEPF00014B8E.eurprd02.prod.outlook.com]'" }] },
      { name: 'German NDR', text: "Remoteserver hat '550 5.7.64 TenantAttribution; Relayzugriff verweigert' zurückgegeben", expect: [{ kind: 'smtp-reply', value: '5.7.64' }] },
      { name: 'IIS SMTP W3C log with + for spaces', text: '2024-11-03 14:22:09 104.47.20.36 OutboundConnectionResponse SMTPSVC1 WEB01 - 25 - - 550+5.7.64+TenantAttribution;+Relay+Access+Denied 0 0 98 0 312 SMTP - - - -', expect: [{ kind: 'smtp-reply', value: '5.7.64', data: { reply: '550' } }] },
      { name: 'queue LastError with nested reply', text: 'LastError: 451 4.4.0 Primary target IP address responded with: "454 4.7.0 Unable to establish a suitable TLS channel: UntrustedRoot: Access Denied."', expect: [{ kind: 'smtp-reply', value: '4.4.0' }, { kind: 'smtp-reply', value: '4.7.0' }] },
      { name: 'message trace LED', text: 'Reason: [{LED=450 4.7.320 Certificate validation failed [Message=SubjectMismatch]};{MSG=SubjectMismatch};{FQDN=hybrid.contoso.com}]', expect: [{ kind: 'smtp-reply', value: '4.7.320' }] },
      { name: 'ATTR36 variant', text: '550 5.7.64 TenantAttribution; Relay Access Denied ATTR36 [AM4PEPF00027A5C.eurprd04.prod.outlook.com]', expect: [{ kind: 'smtp-reply', value: '5.7.64' }, { kind: 'attr36', value: 'ATTR36' }] },
      { name: 'bare known code in prose', text: 'wir bekommen seit heute 5.7.64 beim Relay', expect: [{ kind: 'smtp-reply', value: '5.7.64' }] },
      { name: 'the TenantAttribution keyword without a code', text: 'The bounces mention TenantAttribution since the renewal.', expect: [{ kind: 'smtp-reply', value: '5.7.64', data: { inferred: true } }] },
    ],
    ignores: [
      { name: 'an IP address that starts like a code', text: 'Connecting to 5.7.64.12 on port 25', kinds: ['smtp-reply'] },
      { name: 'a version number', text: 'Exchange 2019 CU14 build 15.2.1544.4 installed, .NET 4.8.1', kinds: ['smtp-reply'] },
      { name: 'unknown bare code in prose', text: 'we upgraded to version 4.7.0 of the agent', kinds: ['smtp-reply'] },
      { name: 'TenantInboundAttribution is not TenantAttribution', text: 'The NDR says TenantInboundAttribution.', kinds: ['smtp-reply'] },
    ],
  },
  {
    extractor: 'tls-error',
    finds: [
      { name: 'event 2004 English', text: 'The message with message ID 1186 was acknowledged with SMTP response 454 4.7.0 Unable to establish a suitable TLS channel: UntrustedRoot: Access Denied.', expect: [{ kind: 'tls-error', value: 'untrusted-root-send' }] },
      { name: 'translated KB wording', text: 'SMTP-Antwort 454 4.7.0 Konnte keinen geeigneten TLS-Kanal einrichten: UntrustedRoot: Access Denied', expect: [{ kind: 'tls-error', value: 'untrusted-root-send' }] },
      { name: 'the exact English text of event 2004 (KB 2888788)', text: 'Send connector Outbound to Office 365: Message delivery was not successful. The message with message ID 1186 was acknowledged with SMTP response 454 4.7.0 Failed to establish appropriate TLS channel: UntrustedRoot: Access Denied.', expect: [{ kind: 'tls-error', value: 'untrusted-root-send' }] },
      { name: 'the error text without its status code, as admins quote it', text: 'we keep getting "Failed to establish appropriate TLS channel: UntrustedRoot: Access Denied" since Monday', expect: [{ kind: 'tls-error', value: 'untrusted-root-send' }] },
      { name: 'send log UnknownCredentials', text: '2024-02-09T11:20:31.442Z,Outbound to Office 365,08DC29A1B2C3D4E5,14,10.0.5.12:40112,52.101.40.17:25,*,,TLS negotiation failed with error UnknownCredentials', expect: [{ kind: 'tls-error', value: 'unknown-credentials' }] },
      { name: 'NoCredentials', text: 'TLS negotiation failed with error NoCredentials', expect: [{ kind: 'tls-error', value: 'no-credentials' }] },
      { name: 'send connector certificate missing', text: '454 4.7.5 The certificate specified in TlsCertificateName of the SendConnector could not be found.', expect: [{ kind: 'tls-error', value: 'send-connector-certificate-not-found' }] },
      { name: 'receive side validation failure', text: '454 4.7.5 Certificate Validation Failure', expect: [{ kind: 'tls-error', value: 'receive-certificate-validation-failure' }] },
      { name: 'Kerberos', text: '454 4.7.0 Temporary authentication failure', expect: [{ kind: 'auth-error', value: 'temporary-authentication-failure' }] },
    ],
    ignores: [
      { name: '454 4.7.5 is not 454 4.7.0 UntrustedRoot', text: '454 4.7.5 Certificate Validation Failure', kinds: ['untrusted-root-send'] },
      { name: 'Kerberos 454 4.7.0 is not a TLS channel failure', text: '454 4.7.0 Temporary authentication failure', kinds: ['tls-error'] },
    ],
  },
  {
    extractor: 'event-log-text',
    finds: [
      { name: 'English labels', text: 'Log Name: Application\nSource: MSExchangeTransport\nEvent ID: 2004\nTask Category: SmtpSend\nComputer: EX01.contoso.com', expect: [{ kind: 'event', value: '2004', data: { provider: 'MSExchangeTransport', category: 'SmtpSend' } }, { kind: 'host-name', value: 'ex01.contoso.com', data: { role: 'event-computer' } }] },
      { name: 'German labels', text: 'Protokollname: Anwendung\nQuelle: MSExchangeTransport\nEreignis-ID: 2004\nAufgabenkategorie: SmtpSend', expect: [{ kind: 'event', value: '2004', data: { provider: 'MSExchangeTransport' } }] },
      { name: 'CAPI2 result as text', text: 'Result: A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider. [800B0109]', expect: [{ kind: 'chain-error', value: '800B0109' }] },
    ],
    ignores: [{ name: 'a sentence about IDs', text: 'The message ID was 2004 and the queue ID 12', kinds: ['event'] }],
  },
  {
    extractor: 'event-log-xml',
    finds: [
      { name: 'CAPI2 event 30 from the article', text: '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Windows-CAPI2" /><EventID>30</EventID><Computer>CORP-SMTP1.contoso.com</Computer></System><UserData><CertVerifyCertificateChainPolicy><Policy type="CERT_CHAIN_POLICY_SSL" constant="4" /><Certificate fileRef="EC53.cer" subjectName="smtp.contoso.com" /><EventAuxInfo ProcessName="lsass.exe" /><Result value="800B0109">A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider.</Result></CertVerifyCertificateChainPolicy></UserData></Event>', expect: [{ kind: 'event', value: '30' }, { kind: 'chain-error', value: '800B0109', data: { process: 'lsass.exe', policy: 'CERT_CHAIN_POLICY_SSL' } }, { kind: 'host-name', value: 'smtp.contoso.com' }] },
      { name: 'event 2004 XML with qualifiers', text: '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="MSExchangeTransport" /><EventID Qualifiers="32772">2004</EventID></System><EventData><Data>Outbound to Office 365</Data><Data>454 4.7.0 Unable to establish a suitable TLS channel: UntrustedRoot: Access Denied</Data></EventData></Event>', expect: [{ kind: 'event', value: '2004', data: { provider: 'MSExchangeTransport' } }] },
    ],
    ignores: [{ name: 'an event with another result', text: '<Event><System><EventID>30</EventID></System><Result value="0">ok</Result></Event>', kinds: ['chain-error'] }],
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
          { kind: 'smtp-bound-to-two-certificates', value: 'mail.contoso.com', data: { untrustedThumbprint: '89ABCDEF0123456789ABCDEF0123456789ABCDEF', trustedThumbprint: '0123456789ABCDEF0123456789ABCDEF01234567' } },
        ],
      },
      {
        name: 'table output with service flags and a wildcard certificate',
        text: 'Thumbprint                                Services   Subject\n----------                                --------   -------\n1111111111111111111111111111111111111111  IP.WS..    CN=*.fabrikam.com, O=Fabrikam, C=DE\n2222222222222222222222222222222222222222  ....S..    CN=mail.fabrikam.com\n',
        expect: [{ kind: 'certificate-listing', value: '1111111111111111111111111111111111111111', data: { services: ['IMAP', 'POP', 'IIS', 'SMTP'] } }],
      },
      {
        name: 'German system, fl with CertificateDomains and a .local issuer',
        text: 'Thumbprint         : AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\nSubject            : CN=owa.firma.de\nIssuer             : CN=Sectigo RSA Domain Validation Secure Server CA, O=Sectigo Limited, L=Salford, S=Greater Manchester, C=GB\nCertificateDomains : {owa.firma.de, autodiscover.firma.de}\nServices           : IIS, SMTP\n\nThumbprint         : BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB\nSubject            : CN=exch01.firma.local\nIssuer             : CN=Firma Issuing CA, O=firma.local\nCertificateDomains : {exch01.firma.local, owa.firma.de}\nServices           : IMAP, POP, SMTP',
        expect: [{ kind: 'smtp-bound-to-two-certificates', value: 'owa.firma.de', data: { untrustedThumbprint: 'BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB', untrustedServices: ['IMAP', 'POP', 'SMTP'] } }],
      },
      {
        name: 'a table, then "Get-ExchangeCertificate <thumbprint> | fl Issuer,RootCAType" of one of them',
        text: 'Thumbprint                                Services   Subject\n----------                                --------   -------\nE1D2C3B4A5968778695A4B3C2D1E0F1A2B3C4D5E  IP.WS..    CN=webmail.contoso.de\nC0FFEE1234567890ABCDEF1234567890ABCDEF12  IP.WS..    CN=webmail.contoso.de\n\nGet-ExchangeCertificate C0FFEE1234567890ABCDEF1234567890ABCDEF12 | fl Issuer,RootCAType,Status\nIssuer     : CN=Contoso-SubCA\nRootCAType : Enterprise\nStatus     : Valid',
        expect: [{ kind: 'smtp-bound-to-two-certificates', value: 'webmail.contoso.de', data: { untrustedThumbprint: 'C0FFEE1234567890ABCDEF1234567890ABCDEF12', trustedThumbprint: 'E1D2C3B4A5968778695A4B3C2D1E0F1A2B3C4D5E' } }],
      },
      {
        name: 'Get-TransportService names the internal transport certificate',
        text: 'Name                                   : EX01\nInternalTransportCertificateThumbprint : 7C1F0E2D3B4A59687766554433221100FFEEDDCC',
        expect: [{ kind: 'internal-transport-certificate', value: '7C1F0E2D3B4A59687766554433221100FFEEDDCC' }],
      },
      {
        name: 'an internal-CA certificate next to Exchange\'s own: only the internal-CA one can be the untrusted certificate',
        text: 'FriendlyName : public\nSubject      : CN=mail.contoso.com\nIssuer       : CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US\nThumbprint   : 0123456789ABCDEF0123456789ABCDEF01234567\nCertificateDomains : {mail.contoso.com, ex01.contoso.com}\nServices     : IIS, SMTP\n\nFriendlyName : Microsoft Exchange\nSubject      : CN=EX01\nIssuer       : CN=EX01\nThumbprint   : 89ABCDEF0123456789ABCDEF0123456789ABCDEF\nCertificateDomains : {EX01, ex01.contoso.com}\nServices     : IMAP, POP, IIS, SMTP\n\nFriendlyName : internal\nSubject      : CN=mail.contoso.com\nIssuer       : CN=contoso-DC01-CA, DC=contoso, DC=com\nThumbprint   : 1111222233334444555566667777888899990000\nServices     : IIS, SMTP',
        expect: [{ kind: 'smtp-bound-to-two-certificates', value: 'mail.contoso.com', data: { untrustedThumbprint: '1111222233334444555566667777888899990000', trustedThumbprint: '0123456789ABCDEF0123456789ABCDEF01234567', trustedSubject: 'CN=mail.contoso.com' } }],
      },
    ],
    ignores: [
      { name: 'the self-signed "Microsoft Exchange" certificate for the same name is never the untrusted one', text: 'Thumbprint : 0123456789ABCDEF0123456789ABCDEF01234567\nSubject : CN=mail.contoso.com\nIssuer : CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US\nCertificateDomains : {mail.contoso.com, ex01.contoso.com}\nServices : IIS, SMTP\n\nFriendlyName : Microsoft Exchange\nThumbprint : 89ABCDEF0123456789ABCDEF0123456789ABCDEF\nSubject : CN=EX01\nIssuer : CN=EX01\nCertificateDomains : {EX01, ex01.contoso.com}\nServices : IMAP, POP, IIS, SMTP', kinds: ['smtp-bound-to-two-certificates', 'internal-ca-on-smtp', 'two-smtp-certificates-same-name'] },
      { name: 'the Auth certificate is never the untrusted one', text: 'Thumbprint : 0123456789ABCDEF0123456789ABCDEF01234567\nSubject : CN=mail.contoso.com\nIssuer : CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US\nServices : IIS, SMTP\n\nFriendlyName : Microsoft Exchange Server Auth Certificate\nThumbprint : 2222222222222222222222222222222222222222\nSubject : CN=Microsoft Exchange Server Auth Certificate\nIssuer : CN=Contoso Enterprise CA, DC=contoso, DC=com\nCertificateDomains : {mail.contoso.com}\nServices : SMTP', kinds: ['smtp-bound-to-two-certificates', 'internal-ca-on-smtp'] },
      { name: 'the internal transport certificate (Get-TransportService in the same paste) is never the untrusted one', text: 'Thumbprint : 0123456789ABCDEF0123456789ABCDEF01234567\nSubject : CN=mail.contoso.com\nIssuer : CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US\nServices : IIS, SMTP\n\nThumbprint : 3333333333333333333333333333333333333333\nSubject : CN=mail.contoso.com\nIssuer : CN=contoso-DC01-CA, DC=contoso, DC=com\nServices : SMTP\n\nName                                   : EX01\nInternalTransportCertificateThumbprint : 3333333333333333333333333333333333333333', kinds: ['smtp-bound-to-two-certificates', 'internal-ca-on-smtp'] },
      { name: 'IsSelfSigned : True is Exchange\'s own certificate whatever its issuer line says', text: 'Thumbprint : 0123456789ABCDEF0123456789ABCDEF01234567\nSubject : CN=mail.contoso.com\nIssuer : CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US\nServices : IIS, SMTP\n\nThumbprint : 4444444444444444444444444444444444444444\nSubject : CN=mail.contoso.com\nIssuer : CN=mail.contoso.com, DC=contoso, DC=com\nIsSelfSigned : True\nServices : SMTP', kinds: ['smtp-bound-to-two-certificates', 'internal-ca-on-smtp'] },
      { name: 'the self-signed default certificate for another name', text: 'Thumbprint : 0123456789ABCDEF0123456789ABCDEF01234567\nSubject : CN=mail.contoso.com\nIssuer : CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US\nServices : IIS, SMTP\n\nThumbprint : 89ABCDEF0123456789ABCDEF0123456789ABCDEF\nSubject : CN=EX01\nIssuer : CN=EX01\nCertificateDomains : {EX01, EX01.contoso.local}\nServices : IMAP, POP, IIS, SMTP', kinds: ['smtp-bound-to-two-certificates'] },
      { name: 'internal certificate without SMTP', text: 'Thumbprint : 0123456789ABCDEF0123456789ABCDEF01234567\nSubject : CN=mail.contoso.com\nIssuer : CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US\nServices : IIS, SMTP\n\nThumbprint : 89ABCDEF0123456789ABCDEF0123456789ABCDEF\nSubject : CN=mail.contoso.com\nIssuer : CN=contoso-CA, DC=contoso, DC=com\nServices : IIS', kinds: ['smtp-bound-to-two-certificates', 'internal-ca-on-smtp'] },
    ],
  },
  {
    extractor: 'openssl-s-client',
    finds: [
      { name: 'only depth 0 sent', text: 'CONNECTED(00000003)\ndepth=0 CN = smtp.contoso.com\nverify error:num=20:unable to get local issuer certificate\nverify error:num=21:unable to verify the first certificate\n---\nCertificate chain\n 0 s:CN = smtp.contoso.com\n   i:C = US, O = DigiCert Inc, CN = DigiCert Global G2 TLS RSA SHA256 2020 CA1\n---\nVerify return code: 21 (unable to verify the first certificate)\n$ openssl s_client -starttls smtp -connect smtp.contoso.com:25 -showcerts', expect: [{ kind: 'chain-incomplete', value: 'served-without-intermediates', data: { missingIssuer: 'CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US' } }, { kind: 'host-name', value: 'smtp.contoso.com' }] },
      { name: 'an expired server certificate', text: 'depth=0 CN = relay.contoso.com\nverify error:num=10:certificate has expired\nVerify return code: 10 (certificate has expired)', expect: [{ kind: 'expired', value: 'relay.contoso.com' }] },
    ],
    ignores: [
      { name: 'a complete chain', text: 'Certificate chain\n 0 s:CN = smtp.contoso.com\n   i:C = US, O = DigiCert Inc, CN = DigiCert Global G2 TLS RSA SHA256 2020 CA1\n 1 s:C = US, O = DigiCert Inc, CN = DigiCert Global G2 TLS RSA SHA256 2020 CA1\n   i:C = US, O = DigiCert Inc, OU = www.digicert.com, CN = DigiCert Global Root G2\n---\nVerify return code: 0 (ok)', kinds: ['chain-incomplete'] },
    ],
  },
  {
    extractor: 'smtp-protocol-log',
    finds: [
      { name: 'verbose send log naming the internal certificate', text: '2024-05-02T08:11:42.120Z,Outbound to Office 365,08DC6A0F11111111,15,,,*,,Sending certificate\n2024-05-02T08:11:42.121Z,Outbound to Office 365,08DC6A0F11111111,16,,,*,CN=mail.contoso.com,Certificate subject\n2024-05-02T08:11:42.121Z,Outbound to Office 365,08DC6A0F11111111,17,,,*,"CN=Contoso Issuing CA, DC=contoso, DC=com",Certificate issuer name\n2024-05-02T08:11:42.121Z,Outbound to Office 365,08DC6A0F11111111,19,,,*,9F8E7D6C5B4A39281706F5E4D3C2B1A098765432,Certificate thumbprint', expect: [{ kind: 'route', value: 'hybrid' }, { kind: 'sending-untrusted-certificate', value: '9F8E7D6C5B4A39281706F5E4D3C2B1A098765432', data: { untrustedIssuer: 'CN=Contoso Issuing CA, DC=contoso, DC=com' } }] },
      {
        name: 'a fragment in any order, without the "Sending certificate" line, on the connector to Office 365',
        text: '2024-05-02T08:11:42.121Z,Outbound to Office 365 - 6f1d,08DC6A0F22222222,17,10.0.0.5:41025,52.101.8.34:25,*,"CN=Contoso-CA, DC=contoso, DC=local",Certificate issuer name\n2024-05-02T08:11:42.121Z,Outbound to Office 365 - 6f1d,08DC6A0F22222222,19,10.0.0.5:41025,52.101.8.34:25,*,9F8E7D6C5B4A39281706F5E4D3C2B1A098765432,Certificate thumbprint\n2024-05-02T08:11:42.121Z,Outbound to Office 365 - 6f1d,08DC6A0F22222222,16,10.0.0.5:41025,52.101.8.34:25,*,"O=Contoso, CN=mail.contoso.com",Certificate subject',
        expect: [{ kind: 'sending-untrusted-certificate', value: '9F8E7D6C5B4A39281706F5E4D3C2B1A098765432', data: { untrustedIssuer: 'CN=Contoso-CA, DC=contoso, DC=local', untrustedSubject: 'O=Contoso, CN=mail.contoso.com' } }, { kind: 'host-name', value: 'mail.contoso.com', data: { role: 'sending-certificate' } }],
      },
      {
        name: 'label in the data field and value in the context field (a re-ordered export)',
        text: '2024-05-02T08:11:42.120Z,Outbound to Office 365,08DC6A0F33333333,15,,,*,Sending certificate,\n2024-05-02T08:11:42.121Z,Outbound to Office 365,08DC6A0F33333333,17,,,*,Certificate issuer name,"DC=com, DC=contoso, CN=Contoso Issuing CA"\n2024-05-02T08:11:42.121Z,Outbound to Office 365,08DC6A0F33333333,16,,,*,Certificate subject,CN=mail.contoso.com',
        expect: [{ kind: 'sending-untrusted-certificate', data: { untrustedIssuer: 'DC=com, DC=contoso, CN=Contoso Issuing CA' }, value: 'DC=com, DC=contoso, CN=Contoso Issuing CA' }],
      },
    ],
    ignores: [
      { name: 'Exchange Online\'s certificate after "Remote certificate" is not ours', text: '2024-05-02T08:11:42.120Z,Outbound to Office 365,08DC6A0F11111111,15,,,*,,Remote certificate\n2024-05-02T08:11:42.121Z,Outbound to Office 365,08DC6A0F11111111,17,,,*,"CN=Some Internal CA, DC=fabrikam, DC=local",Certificate issuer name', kinds: ['sending-untrusted-certificate'] },
      { name: 'a self-signed certificate being sent is not this article\'s untrusted certificate', text: '2024-05-02T08:11:42.120Z,Outbound to Office 365,08DC6A0F11111111,15,,,*,,Sending certificate\n2024-05-02T08:11:42.121Z,Outbound to Office 365,08DC6A0F11111111,16,,,*,CN=EX01,Certificate subject\n2024-05-02T08:11:42.121Z,Outbound to Office 365,08DC6A0F11111111,17,,,*,CN=EX01,Certificate issuer name', kinds: ['sending-untrusted-certificate'] },
      { name: 'a fragment without its "Sending certificate" line on an internal connector says nothing about whose certificate it is', text: '2024-05-02T08:11:42.121Z,Internet Send,08DC6A0F44444444,17,,,*,"CN=Contoso-CA, DC=contoso, DC=local",Certificate issuer name', kinds: ['sending-untrusted-certificate'] },
      { name: 'a public certificate being sent', text: '2024-05-02T08:11:42.120Z,Outbound to Office 365,08DC6A0F11111111,15,,,*,,Sending certificate\n2024-05-02T08:11:42.121Z,Outbound to Office 365,08DC6A0F11111111,17,,,*,"CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US",Certificate issuer name', kinds: ['sending-untrusted-certificate'] },
    ],
  },
  {
    extractor: 'connector-config',
    finds: [
      { name: 'Get-InboundConnector | fl (on-premises, certificate)', text: 'Name                         : Inbound from Contoso relay\nConnectorType                : OnPremises\nRequireTls                   : True\nRestrictDomainsToCertificate : True\nTlsSenderCertificateName     : relay.contoso.com\nSenderIPAddresses            : {}', expect: [{ kind: 'connector', value: 'inbound-certificate-validation', data: { tlsSenderCertificateName: 'relay.contoso.com' } }, { kind: 'host-name', value: 'relay.contoso.com' }] },
      { name: 'Get-SendConnector | fl (hybrid)', text: 'Name               : Outbound to Office 365 - 6f1d\nSmartHosts         : {contoso-com.mail.protection.outlook.com}\nTlsCertificateName : <I>CN=Sectigo RSA Domain Validation Secure Server CA, O=Sectigo Limited, C=GB<S>CN=mail.contoso.com\nRequireTLS         : True', expect: [{ kind: 'route', value: 'hybrid' }] },
    ],
    ignores: [
      { name: 'a partner connector identified by IP', text: 'ConnectorType     : Partner\nSenderIPAddresses : {198.51.100.7}\nTlsSenderCertificateName :', kinds: ['connector'] },
      { name: 'a send connector to a third-party smart host', text: 'SmartHosts : {smtp.relayprovider.example}\nCloudServicesMailEnabled : False', kinds: ['route'] },
    ],
  },
  {
    extractor: 'send-connector-certificate',
    finds: [
      {
        name: 'Get-SendConnector | fl Name,Fqdn,TlsCertificateName: the hybrid connector names an internal-CA certificate',
        text: 'Name               : Internet\nFqdn               : mail.contoso.com\nTlsCertificateName :\n\nName               : Outbound to Office 365 - 6f1d2c3b-9a8e-4f11-b2a3-0c1d2e3f4a5b\nFqdn               : mail.contoso.com\nTlsCertificateName : <I>CN=Contoso-CA, DC=contoso, DC=local<S>CN=mail.contoso.com',
        expect: [{ kind: 'send-connector-internal-certificate', value: 'CN=Contoso-CA, DC=contoso, DC=local', data: { connector: 'Outbound to Office 365 - 6f1d2c3b-9a8e-4f11-b2a3-0c1d2e3f4a5b', untrustedSubject: 'CN=mail.contoso.com' } }],
      },
      { name: 'only the field was pasted', text: 'TlsCertificateName : <I>CN=contoso-EX01-CA, DC=contoso, DC=com<S>CN=smtp.contoso.com', expect: [{ kind: 'send-connector-internal-certificate', value: 'CN=contoso-EX01-CA, DC=contoso, DC=com' }] },
    ],
    ignores: [
      { name: 'pinned to a public certificate (the fix already applied)', text: 'Name               : Outbound to Office 365\nTlsCertificateName : <I>CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US<S>CN=mail.contoso.com', kinds: ['send-connector-internal-certificate'] },
      { name: 'an internal certificate on a connector that does not go to Exchange Online', text: 'Name               : To partner\nSmartHosts         : {relay.fabrikam.example}\nTlsCertificateName : <I>CN=Contoso-CA, DC=contoso, DC=local<S>CN=mail.contoso.com', kinds: ['send-connector-internal-certificate'] },
    ],
  },
  {
    extractor: 'free-text',
    finds: [
      { name: 'English relay description', text: 'Our IIS SMTP server relays through EOP and now gets relay access denied.', expect: [{ kind: 'symptom', value: 'relay-access-denied' }, { kind: 'route', value: 'relay-via-eop' }, { kind: 'route', value: 'iis-smtp' }] },
      { name: 'German intermediate missing', text: 'Ich glaube das Zwischenzertifikat fehlt auf dem Relay-Server.', expect: [{ kind: 'symptom', value: 'intermediate-missing' }] },
      { name: 'German hybrid with two certificates', text: 'Im Hybrid-Setup hängt die Warteschlange zu Office 365. Dem SMTP-Dienst sind zwei Zertifikate zugewiesen, eines von unserer internen CA.', expect: [{ kind: 'route', value: 'hybrid' }, { kind: 'two-smtp-certificates-stated', value: 'stated' }, { kind: 'internal-ca-mentioned', value: 'stated' }, { kind: 'symptom', value: 'mail-to-exchange-online-failing' }] },
      { name: 'event mention', text: 'Auf dem Server steht Ereignis 2004 im Protokoll.', expect: [{ kind: 'event', value: '2004' }] },
      { name: 'the name of a renewed certificate', text: 'We renewed the cert last week, new one is CN=smtp.contoso.net (was smtp.contoso.com).', expect: [{ kind: 'host-name', value: 'smtp.contoso.net', data: { role: 'certificate-subject' } }] },
    ],
    ignores: [
      { name: 'NDR line is left to the SMTP extractor', text: "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied'", kinds: ['symptom'] },
      { name: 'unrelated mailbox question', text: 'How do I set an out of office reply for a shared mailbox?', kinds: ['symptom', 'route', 'change', 'connector'] },
    ],
  },
  {
    extractor: 'paste-format',
    finds: [
      { name: 'English NDR with generating server', text: 'Diagnostic information for administrators:\nGenerating server: EX16-HUB02.litware.local', expect: [{ kind: 'input-format', value: 'ndr' }, { kind: 'host-name', value: 'ex16-hub02.litware.local' }] },
      { name: 'German NDR', text: 'Diagnoseinformationen für Administratoren:\nGenerierender Server: RELAY02.firma.local', expect: [{ kind: 'input-format', value: 'ndr' }, { kind: 'host-name', value: 'relay02.firma.local' }] },
      { name: 'IIS SMTP log', text: '#Software: Microsoft Internet Information Services 10.0\n2024-11-03 14:22:09 104.47.20.36 OutboundConnectionResponse SMTPSVC1 WEB01 - 25 - - 250+OK', expect: [{ kind: 'input-format', value: 'iis-smtp-log' }, { kind: 'route', value: 'iis-smtp' }] },
    ],
    ignores: [{ name: 'plain prose', text: 'Mail is slow today.', kinds: ['input-format'] }],
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
            assert.ok(found.some((f) => matches(f, e)), `missing ${JSON.stringify(e)} in ${JSON.stringify(found.map((f) => ({ kind: f.kind, value: f.value, data: f.data })))}`);
          }
          for (const f of found) assert.ok(f.excerpt.length > 0 && f.excerpt.length <= 300, 'excerpt present and short');
        });
      }
      for (const c of table.ignores) {
        it(`ignores: ${c.name}`, () => {
          const found = run(extractor, c.text).filter((f) => c.kinds.includes(f.kind) || c.kinds.includes(f.value));
          assert.deepEqual(found.map((f) => `${f.kind}:${f.value}`), []);
        });
      }
    });
  }
});
