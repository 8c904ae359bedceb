/**
 * The PowerShell lines of the two articles, filled from certificate findings. The answer
 * renderer (knowledge/) owns the answer; these helpers only guarantee the exact strings:
 * thumbprints as Exchange wants them, paths quoted when they need it.
 */
import type { Language } from '../types';
import { message } from './catalogue';

export interface CertificateCommand {
  label: string;
  script: string;
}

/** 40 hex digits, upper case, no spaces or colons: what Get-ExchangeCertificate prints. */
export function exchangeThumbprint(value: string): string | undefined {
  const compact = value.replace(/[\s:]/g, '').replace(/^\u200e/, '').toUpperCase();
  return /^[0-9A-F]{40}$/.test(compact) ? compact : undefined;
}

/** KB 2888788: look at the untrusted certificate, then take SMTP away from it. */
export function removeSmtpCommands(untrustedThumbprint: string, language: Language): CertificateCommand[] {
  const thumbprint = exchangeThumbprint(untrustedThumbprint) ?? untrustedThumbprint;
  return [
    {
      label: message('command.showCertificate', language),
      script: `Get-ExchangeCertificate -Thumbprint ${thumbprint} | Format-List FriendlyName,Subject,Issuer,Services`,
    },
    {
      label: message('command.removeSmtp', language),
      script: `Enable-ExchangeCertificate -Thumbprint ${thumbprint} -Services IIS,POP,IMAP`,
    },
  ];
}

/** KB 3212877: import the downloaded intermediate into the machine's intermediate CA store. */
export function importIntermediateCommand(fileName: string, language: Language): CertificateCommand {
  const safeName = fileName.replace(/[^A-Za-z0-9._-]/g, '_') || 'intermediateca.cer';
  return {
    label: message('command.importIntermediate', language),
    script: `Get-ChildItem -Path c:\\import\\${safeName} | Import-Certificate -CertStoreLocation cert:\\LocalMachine\\CA`,
  };
}

/** A file name for the missing intermediate, from its AIA URL ("…/SectigoRSADVCA.crt"). */
export function intermediateFileName(aiaUrl: string | undefined): string {
  if (!aiaUrl) return 'intermediateca.cer';
  const last = aiaUrl.split(/[/?#]/).filter((p) => p.length > 0).pop() ?? '';
  return /^[A-Za-z0-9._-]{1,80}\.(crt|cer|der|p7c|p7b)$/i.test(last) ? last : 'intermediateca.cer';
}
