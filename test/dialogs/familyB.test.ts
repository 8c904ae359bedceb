/**
 * The TLS mail-flow family, part B (issue 20 items 5, 6, 7, 8, 11) through the real bot
 * (TestAdapter), in English and German: each answer renders as a card within Teams' size limit,
 * names its cause in the user's language and sends its filled PowerShell as a code block.
 */
import { strict as assert } from 'assert';
import type { Activity } from 'botbuilder';
import { byteSize, CARD_BYTE_BUDGET } from '../../dialogs/cards/adaptive';
import { cardsIn, makeTestBot, visibleText } from '../bot/helpers/testBot';

type Replies = Array<Partial<Activity>>;

function commandsMessage(replies: Replies): string {
  return replies.map((reply) => reply.text ?? '').find((text) => text.includes('```powershell')) ?? '';
}

interface BotCase {
  cause: string;
  locale: 'en-US' | 'de-DE';
  paste: string;
  /** In the visible text (title, cause): the user's language. */
  says: RegExp;
  /** In the PowerShell code block. */
  command: RegExp;
  /** Never in the code block. */
  never?: RegExp;
}

const CASES: BotCase[] = [
  {
    cause: 'tls-version',
    locale: 'en-US',
    paste: 'Send protocol log: TLS protocol SP_PROT_TLS1_0_CLIENT negotiation failed (to contoso-com.mail.protection.outlook.com)',
    says: /only TLS 1\.0\/1\.1/,
    command: /SCHANNEL\\Protocols\\TLS 1\.2/,
    never: /AllowLegacyTLSClients/,
  },
  {
    cause: 'tls-version',
    locale: 'de-DE',
    paste: 'Unser Kopierer schickt über smtp.office365.com und bekommt 421 4.7.66 TLS 1.0 and 1.1 are not supported.',
    says: /bietet nur TLS 1\.0\/1\.1 an/,
    command: /Set-TransportConfig -AllowLegacyTLSClients \$true/,
  },
  {
    cause: 'direct-send-5-7-68',
    locale: 'en-US',
    paste:
      'SMTP error from remote server: 550 5.7.68 TenantInboundAttribution; Direct Send not allowed for this organization from unauthorized sources. Our public IP is 203.0.113.25.',
    says: /Reject Direct Send refuses an anonymous sender/,
    command: /New-InboundConnector -Name "Direct Send devices" -ConnectorType Partner .*-SenderIPAddresses "203\.0\.113\.25"/,
  },
  {
    cause: 'direct-send-5-7-68',
    locale: 'de-DE',
    paste:
      "Remoteserver hat '550 5.7.68 TenantInboundAttribution; Direct Send not allowed for this organization from unauthorized sources' zurückgegeben.",
    says: /weist einen anonymen Absender ab, der zu keinem Connector passt/,
    command: /New-InboundConnector -Name "Direct-Send-Geräte" -ConnectorType Partner/,
  },
  {
    cause: 'partner-connector-5-7-51',
    locale: 'en-US',
    paste: `Name                         : Lockdown - only via Gateway
ConnectorType                : Partner
SenderIPAddresses            : {203.0.113.0/24}
RestrictDomainsToIPAddresses : True

550 5.7.51 TenantInboundAttribution; Rejecting. Our gateway's new public IP is 198.51.100.20.`,
    says: /partner connector restricted to IP addresses or a certificate/,
    command: /Set-InboundConnector -Identity "Lockdown - only via Gateway" -SenderIPAddresses @\{Add="198\.51\.100\.20"\}/,
    never: /RestrictDomainsToIPAddresses \$false/,
  },
  {
    cause: 'partner-connector-5-7-51',
    locale: 'de-DE',
    paste:
      "Remoteserver hat '550 5.7.51 TenantInboundAttribution; There is a partner connector configured that matched the message's recipient domain. The connector had either the RestrictDomainsToIPAddresses or RestrictDomainsToCertificate set' zurückgegeben.",
    says: /Partner-Connector, der auf IP-Adressen oder ein Zertifikat beschränkt ist/,
    command: /Get-InboundConnector \| fl Name,ConnectorType/,
  },
  {
    cause: 'subject-mismatch-4-7-320',
    locale: 'en-US',
    paste:
      'Detail : The message was deferred. Reason: [{LED=450 4.7.320 Certificate validation failed [Message=SubjectMismatch] [LastAttemptedServerName=hybrid.contoso.com]};{MSG=SubjectMismatch};{FQDN=hybrid.contoso.com}]',
    says: /rejects the name on your receiving server's certificate/,
    command: /openssl s_client -starttls smtp -connect hybrid\.contoso\.com:25/,
  },
  {
    cause: 'receive-chain-4-7-320',
    locale: 'de-DE',
    paste:
      'In der Nachrichtenablaufverfolgung steht: 450 4.7.320 Certificate validation failed [Message=UntrustedRoot] [LastAttemptedServerName=mail.firma.de]',
    says: /vertraut der Zertifikatkette Ihres empfangenden Servers nicht/,
    command: /Import-Certificate -FilePath "C:\\import\\intermediate\.cer" -CertStoreLocation Cert:\\LocalMachine\\CA/,
    never: /SubjectMismatch/,
  },
];

describe('the TLS mail-flow family, part B, in the bot', () => {
  for (const c of CASES)
    it(`${c.cause} (${c.locale}): a card in the user's language and the filled commands`, async () => {
      const bot = makeTestBot({ locale: c.locale });
      const replies = await bot.send(c.paste);
      const text = visibleText(replies);
      assert.match(text, c.says);
      const commands = commandsMessage(replies);
      assert.match(commands, c.command);
      if (c.never) assert.doesNotMatch(commands, c.never);
      const cards = cardsIn(replies);
      assert.ok(cards.length > 0, 'an answer card');
      for (const card of cards) assert.ok(byteSize(card) <= CARD_BYTE_BUDGET, `${byteSize(card)} bytes`);
      if (c.locale === 'de-DE') assert.doesNotMatch(text, /\b(?:Cause|Steps|The cause)\b/, 'German answers entirely German');
    });
});
