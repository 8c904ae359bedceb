/**
 * Removes secrets from user text before it is analysed, stored or echoed: PEM private keys,
 * password/secret assignments, bearer tokens, storage account keys and SAS signatures.
 */
const PATTERNS: RegExp[] = [
  /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|$)/g,
  /\b(password|passwort|kennwort|pwd|secret|client_secret|clientsecret|MicrosoftAppPassword)(\s*[:=]\s*)("[^"]*"|'[^']*'|\S+)/gi,
  /-(Password|Secret|Key)(\s+)(\(ConvertTo-SecureString\s+)?("[^"]*"|'[^']*'|\S+)/gi,
  /\bBearer\s+[A-Za-z0-9\-._~+/]{16,}=*/g,
  /\b(AccountKey|SharedAccessKey)=[^;\s]+/gi,
  /([?&]sig=)[^&\s]+/gi,
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g,
];

export interface RedactionResult {
  text: string;
  redacted: boolean;
}

export function redactSecrets(input: string): RedactionResult {
  let text = input;
  let redacted = false;
  for (const pattern of PATTERNS) {
    text = text.replace(pattern, (...args: unknown[]) => {
      redacted = true;
      const whole = String(args[0]);
      if (whole.startsWith('-----BEGIN')) return '[private key removed]';
      const keyName = /^([?&]sig=|[A-Za-z]+=|-[A-Za-z]+\s+|[A-Za-z_]+\s*[:=]\s*)/.exec(whole);
      return keyName && !/^Bearer/i.test(whole) && !whole.startsWith('eyJ') ? `${keyName[1]}[removed]` : '[removed]';
    });
  }
  return { text, redacted };
}
