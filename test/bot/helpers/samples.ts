/** Pastes as admins send them (written for these tests; same formats as the eval set). */
export const NDR_5_7_64_EN = `Delivery has failed to these recipients or groups:
orders@fabrikam-partner.com

Diagnostic information for administrators:
Generating server: SMTP01.woodgrove.local
orders@fabrikam-partner.com
Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied [AM4PEPF00027A5C.eurprd04.prod.outlook.com]'`;

export const NDR_5_7_64_DE = `Diagnoseinformationen für Administratoren:
Generierender Server: SMTP01.woodgrove.local
bestellung@fabrikam-partner.de
Remoteserver hat '550 5.7.64 TenantAttribution; Relayzugriff verweigert' zurückgegeben`;

export const PUBLIC_THUMBPRINT = '0A1B2C3D4E5F60718293A4B5C6D7E8F901234567';
export const INTERNAL_THUMBPRINT = '9F8E7D6C5B4A39281706F5E4D3C2B1A098765432';

export const TWO_SMTP_CERTIFICATES = `FriendlyName : Mail 2026 (public)
Subject      : CN=mail.woodgrove.com
Issuer       : CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US
Thumbprint   : ${PUBLIC_THUMBPRINT}
Services     : IMAP, POP, IIS, SMTP

FriendlyName : Woodgrove internal
Subject      : CN=mail.woodgrove.com
Issuer       : CN=Woodgrove-DC01-CA, DC=woodgrove, DC=local
Thumbprint   : ${INTERNAL_THUMBPRINT}
Services     : IMAP, POP, IIS, SMTP`;

export const EVENT_2004_DE = `Ereignis-ID: 2004
Quelle: MSExchangeTransport
Aufgabenkategorie: SmtpSend
Beschreibung: Connector ausgehend an Office 365 senden: Die Nachrichtenübermittlung war nicht erfolgreich. Die Nachricht mit der Nachrichten-ID 7781 wurde mit der SMTP-Antwort 454 4.7.0 Unable to establish a suitable TLS channel: UntrustedRoot: Access Denied bestätigt.`;

export const EVENT_2004_EN = `Source: MSExchangeTransport
Event ID: 2004
Task Category: SmtpSend
Description: Send connector Outbound to Office 365: Message delivery wasn't successful. The message with message ID 1186 was acknowledged with SMTP response 454 4.7.0 Unable to establish a suitable TLS channel: UntrustedRoot: Access Denied.`;
