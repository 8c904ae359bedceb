/**
 * The secrets corpus (issue 13): every shape of secret a user may paste, upload or put in a file
 * name, in English and German, each with the strings that must never come out of the bot again
 * (replies, stored state, the handoff record, the log). Secrets are unique made-up strings, so a
 * leak names its sample. Beside it: evidence that redaction must leave alone.
 */

export interface SecretSample {
  name: string;
  text: string;
  /** Strings that must not appear in any output or stored byte. */
  secrets: string[];
}

import {
  CERTIFICATE_BASE64,
  ENCRYPTED_PKCS8_KEY_BASE64,
  PFX_BASE64,
  PKCS7_BASE64,
  PKCS8_KEY_BASE64,
  RSA_KEY_BASE64,
  SEC1_EC_KEY_BASE64,
} from './base64Blobs';

/** base64 wrapped at `width` characters a line (openssl: 64, certutil and ToBase64String's line breaks: 76). */
export function wrapped(base64: string, width: number, indent = ''): string {
  return (base64.match(new RegExp(`.{1,${width}}`, 'g')) ?? []).map((line) => indent + line).join('\r\n');
}

/** Pieces of a base64 block that must not survive: its start, middle and end. */
function slicesOf(base64: string): string[] {
  const third = Math.floor(base64.length / 3);
  return [base64.slice(8, 40), base64.slice(third, third + 32), base64.slice(-36, -4)];
}

const PEM_BODY =
  'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7PrivQx9Zr8Tn\nW3kSecretKeyMaterialLineTwoQ5mV8bN2cX4pL7dR1fH6jK9sA3eU0wY2tZ5\n';

export const SECRET_SAMPLES: SecretSample[] = [
  // ---- issue 24: PFX and keys as base64 without armour -----------------------------------------------
  { name: 'base64 PFX on one line', text: `$pfx = "${PFX_BASE64}"`, secrets: slicesOf(PFX_BASE64) },
  {
    name: 'base64 PFX in 64-character lines (LF)',
    text: `Here is our certificate export:\n${wrapped(PFX_BASE64, 64).replace(/\r\n/g, '\n')}\nPlease check it.`,
    secrets: slicesOf(PFX_BASE64),
  },
  {
    name: 'base64 PFX in 76-character CRLF lines, indented (Export-ExchangeCertificate FileData)',
    text: `FileData : ${wrapped(PFX_BASE64, 76, '           ').trimStart()}\r\nThumbprint : A909502DD82AE41433E6F83886B00D4277A32A7B`,
    secrets: slicesOf(PFX_BASE64),
  },
  { name: 'base64 PKCS#8 key', text: `key: ${PKCS8_KEY_BASE64}`, secrets: slicesOf(PKCS8_KEY_BASE64) },
  { name: 'base64 SEC1 EC key in JSON', text: `{"privateKey":"${SEC1_EC_KEY_BASE64}"}`, secrets: slicesOf(SEC1_EC_KEY_BASE64) },
  {
    name: 'base64 encrypted PKCS#8 key, wrapped',
    text: `Schlüsseldatei (Base64):\n${wrapped(ENCRYPTED_PKCS8_KEY_BASE64, 64)}`,
    secrets: slicesOf(ENCRYPTED_PKCS8_KEY_BASE64),
  },
  { name: 'base64 RSA (PKCS#1) key', text: wrapped(RSA_KEY_BASE64, 64), secrets: slicesOf(RSA_KEY_BASE64) },

  // ---- issue 24: a label directly followed by its value ----------------------------------------------
  { name: 'Password "X"', text: 'Password "Qa1-dq-Pw" for the relay account', secrets: ['Qa1-dq-Pw'] },
  { name: 'Kennwort »X«', text: 'Kennwort »Qb2-guill-Pw« für den Connector', secrets: ['Qb2-guill-Pw'] },
  { name: 'Zugriffstoken „X“', text: 'Zugriffstoken „Qc3-tok-Pw“ gilt noch', secrets: ['Qc3-tok-Pw'] },
  { name: 'das Passwort „X“', text: 'Ich habe das Passwort „Qd4 lang Pw“ eingegeben', secrets: ['Qd4 lang Pw'] },
  { name: 'Passwort X', text: 'Benutzer relay@contoso.com, Passwort Qe5-bare-Pw, Port 587', secrets: ['Qe5-bare-Pw'] },
  { name: '(Passwort X)', text: 'Der Relay-Account (Passwort Sommer2024Qf) geht nicht', secrets: ['Sommer2024Qf'] },
  { name: 'password X', text: 'tried user scanner with password Qg7!bare and got 535', secrets: ['Qg7!bare'] },
  { name: 'PIN X', text: 'Smartcard PIN 739154 entered twice', secrets: ['739154'] },
  { name: "password 'X' (single quotes)", text: "the password 'Qh8-sq-Pw' does not work", secrets: ['Qh8-sq-Pw'] },

  // ---- issue 24: SMTP AUTH LOGIN in every transcript ----------------------------------------------------
  {
    name: 'SMTP AUTH LOGIN in a swaks transcript',
    text: [
      '=== Trying smtp.office365.com:587...',
      ' -> EHLO client.contoso.com',
      '<-  250-AUTH LOGIN XOAUTH2',
      ' -> AUTH LOGIN',
      '<-  334 VXNlcm5hbWU6',
      ' -> c3dha3NAY29udG9zby5jb20=',
      '<-  334 UGFzc3dvcmQ6',
      ' -> U3dha3MtUHctOTE=',
      '<~  235 2.7.0 Authentication successful',
    ].join('\n'),
    secrets: ['c3dha3NAY29udG9zby5jb20=', 'U3dha3MtUHctOTE='],
  },
  {
    name: 'SMTP AUTH LOGIN in a CRLF telnet transcript',
    text: 'EHLO test\r\n250-mail.contoso.com Hello\r\nAUTH LOGIN\r\n334 VXNlcm5hbWU6\r\ndGVsbmV0QGNvbnRvc28uY29t\r\n334 UGFzc3dvcmQ6\r\nQ3JsZi1Qdy03Nw==\r\n235 2.7.0 Authentication successful\r\n',
    secrets: ['dGVsbmV0QGNvbnRvc28uY29t', 'Q3JsZi1Qdy03Nw=='],
  },
  {
    name: 'SMTP AUTH LOGIN in an openssl s_client transcript (CRLF)',
    text: 'CONNECTED(00000003)\r\n---\r\n250 CHUNKING\r\nauth login\r\n334 VXNlcm5hbWU6\r\nb3NzbEBjb250b3NvLmNvbQ==\r\n334 UGFzc3dvcmQ6\r\nT3NzbC1Qdy04OA==\r\n235 2.7.0 Authentication successful\r\n',
    secrets: ['b3NzbEBjb250b3NvLmNvbQ==', 'T3NzbC1Qdy04OA=='],
  },
  {
    name: 'SMTP AUTH LOGIN in a one-line CSV protocol log',
    text: '2024-05-01T10:00:00.123Z,EX01\\Client Proxy EX01,08DC6A1F,5,10.0.0.5:587,10.0.0.9:50123,AUTH LOGIN,334 VXNlcm5hbWU6,b25lbGluZUBjb250b3NvLmNvbQ==,334 UGFzc3dvcmQ6,T25lbGluZS1Qdy05OQ==,235 2.7.0 Authentication successful',
    secrets: ['b25lbGluZUBjb250b3NvLmNvbQ==', 'T25lbGluZS1Qdy05OQ=='],
  },
  {
    name: 'SMTP AUTH LOGIN with client ">" lines',
    text: '> AUTH LOGIN\n< 334 VXNlcm5hbWU6\n> Z3RAY29udG9zby5jb20=\n< 334 UGFzc3dvcmQ6\n> R3QtUHctMTAx\n< 235 2.7.0 Authentication successful',
    secrets: ['Z3RAY29udG9zby5jb20=', 'R3QtUHctMTAx'],
  },
  {
    name: 'SMTP AUTH LOGIN in an Exchange Send protocol log (">" is the client)',
    text: [
      '2024-05-01T10:00:00.123Z,Relay to smarthost,08DC6A20,5,10.0.0.5:50200,203.0.113.7:587,>,AUTH LOGIN,',
      '2024-05-01T10:00:00.124Z,Relay to smarthost,08DC6A20,6,10.0.0.5:50200,203.0.113.7:587,<,334 VXNlcm5hbWU6,',
      '2024-05-01T10:00:00.200Z,Relay to smarthost,08DC6A20,7,10.0.0.5:50200,203.0.113.7:587,>,c2VuZEBjb250b3NvLmNvbQ==,',
      '2024-05-01T10:00:00.201Z,Relay to smarthost,08DC6A20,8,10.0.0.5:50200,203.0.113.7:587,<,334 UGFzc3dvcmQ6,',
      '2024-05-01T10:00:00.300Z,Relay to smarthost,08DC6A20,9,10.0.0.5:50200,203.0.113.7:587,>,U2VuZC1Qdy0yMDI=,',
      '2024-05-01T10:00:00.400Z,Relay to smarthost,08DC6A20,10,10.0.0.5:50200,203.0.113.7:587,<,235 2.7.0 Authentication successful,',
    ].join('\n'),
    secrets: ['c2VuZEBjb250b3NvLmNvbQ==', 'U2VuZC1Qdy0yMDI='],
  },

  // ---- the shapes the adversarial test found ----------------------------------------------------------
  { name: 'JSON "password"', text: '{"user": "admin@contoso.com", "password": "Qm7-json-Pw!"}', secrets: ['Qm7-json-Pw!'] },
  { name: 'JSON password with an escaped quote', text: '{"Password":"Xv4q9\\"esc-Pw"}', secrets: ['Xv4q9', 'esc-Pw'] },
  {
    name: 'XML <Password> element',
    text: '<Credential><UserName>admin</UserName><Password>Kq9-xml-Pw</Password></Credential>',
    secrets: ['Kq9-xml-Pw'],
  },
  {
    name: '-Password (ConvertTo-SecureString -String ...)',
    text: 'Import-PfxCertificate -FilePath C:\\certs\\mail.pfx -CertStoreLocation Cert:\\LocalMachine\\My -Password (ConvertTo-SecureString -String "Lw3-ps-Pw" -AsPlainText -Force)',
    secrets: ['Lw3-ps-Pw'],
  },
  {
    name: 'openssl -passin pass:',
    text: 'openssl pkcs12 -in mail.pfx -passin pass:Tz8-ossl-Pw -nokeys -out mail.pem',
    secrets: ['Tz8-ossl-Pw'],
  },
  {
    name: 'Authorization: Basic',
    text: 'GET /owa HTTP/1.1\nHost: mail.contoso.com\nAuthorization: Basic YWRtaW46Um44LWJhc2ljLVB3\n',
    secrets: ['YWRtaW46Um44LWJhc2ljLVB3'],
  },
  { name: 'password = two words', text: 'password = Lila Giraffe7', secrets: ['Lila', 'Giraffe7'] },
  {
    name: 'PuTTY private key',
    text: 'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: eddsa-key-20240501\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIPuttyPublicHalfQz\nPuttyPubLine2\nPrivate-Lines: 1\nAAAAIPuttyPrivateHalfSecretMaterialXq\nPrivate-MAC: 6f2a9c0d1e3b4a5f\n',
    secrets: ['PuttyPrivateHalfSecretMaterialXq', 'PuttyPublicHalfQz'],
  },
  {
    name: 'SMTP AUTH LOGIN in an Exchange protocol log',
    text: [
      '2024-05-01T10:00:00.100Z,EX01\\Client Proxy EX01,08DC6A1F,4,10.0.0.5:587,10.0.0.9:50123,<,EHLO client.contoso.com,',
      '2024-05-01T10:00:00.123Z,EX01\\Client Proxy EX01,08DC6A1F,5,10.0.0.5:587,10.0.0.9:50123,<,AUTH LOGIN,',
      '2024-05-01T10:00:00.124Z,EX01\\Client Proxy EX01,08DC6A1F,6,10.0.0.5:587,10.0.0.9:50123,>,334 VXNlcm5hbWU6,',
      '2024-05-01T10:00:00.200Z,EX01\\Client Proxy EX01,08DC6A1F,7,10.0.0.5:587,10.0.0.9:50123,<,c2Nhbm5lckBjb250b3NvLmNvbQ==,',
      '2024-05-01T10:00:00.201Z,EX01\\Client Proxy EX01,08DC6A1F,8,10.0.0.5:587,10.0.0.9:50123,>,334 UGFzc3dvcmQ6,',
      '2024-05-01T10:00:00.300Z,EX01\\Client Proxy EX01,08DC6A1F,9,10.0.0.5:587,10.0.0.9:50123,<,Wmo1LXNtdHAtUHc=,',
      '2024-05-01T10:00:00.400Z,EX01\\Client Proxy EX01,08DC6A1F,10,10.0.0.5:587,10.0.0.9:50123,>,235 2.7.0 Authentication successful,',
    ].join('\n'),
    secrets: ['c2Nhbm5lckBjb250b3NvLmNvbQ==', 'Wmo1LXNtdHAtUHc='],
  },
  {
    name: 'SMTP AUTH LOGIN in a telnet transcript',
    text: 'EHLO test\n250-mail.contoso.com Hello\nAUTH LOGIN\n334 VXNlcm5hbWU6\nYWRtaW5AY29udG9zby5jb20=\n334 UGFzc3dvcmQ6\nUGg2LXRlbG5ldC1Qdw==\n235 2.7.0 Authentication successful',
    secrets: ['YWRtaW5AY29udG9zby5jb20=', 'UGg2LXRlbG5ldC1Qdw=='],
  },
  {
    name: 'SMTP AUTH PLAIN with initial response',
    text: 'C: AUTH PLAIN AGFkbWluAFZiMi1wbGFpbi1Qdw==\nS: 235 2.7.0 Authentication successful',
    secrets: ['AGFkbWluAFZiMi1wbGFpbi1Qdw=='],
  },
  {
    name: 'SMTP AUTH XOAUTH2',
    text: 'AUTH XOAUTH2 dXNlcj1hZG1pbkBjb250b3NvLmNvbQFhdXRoPUJlYXJlciB5YTI5LnZ2MXhvYXV0aAEB',
    secrets: ['dXNlcj1hZG1pbkBjb250b3NvLmNvbQFhdXRoPUJlYXJlciB5YTI5LnZ2MXhvYXV0aAEB'],
  },

  // ---- key = value in every quoting ----------------------------------------------------------------
  { name: 'YAML', text: 'smtp:\n  host: smtp.office365.com\n  password: Hy5-yaml-Pw', secrets: ['Hy5-yaml-Pw'] },
  { name: 'INI with spaces', text: '[relay]\nPassword = Nc2 ini Pw', secrets: ['Nc2 ini Pw'] },
  { name: '.env', text: 'MicrosoftAppId=11111111-2222-3333-4444-555555555555\nMicrosoftAppPassword=Ew6-env-Pw\n', secrets: ['Ew6-env-Pw'] },
  { name: 'shell export', text: 'export DB_PASSWORD="Rf1-export-Pw"', secrets: ['Rf1-export-Pw'] },
  { name: 'single quotes', text: "smtp_password='Jd8-single-Pw'", secrets: ['Jd8-single-Pw'] },
  { name: 'German quotes', text: 'Kennwort: „Gb5-deutsch-Pw“ (bitte nicht weitergeben)', secrets: ['Gb5-deutsch-Pw'] },
  { name: 'guillemets', text: 'Passwort = »Vh3-guill-Pw«', secrets: ['Vh3-guill-Pw'] },
  {
    name: 'PowerShell variable',
    text: '$password = "Ks4-var-Pw"\n$cred = New-Object PSCredential("admin", (ConvertTo-SecureString $password -AsPlainText -Force))',
    secrets: ['Ks4-var-Pw'],
  },
  {
    name: 'ConvertTo-SecureString positional',
    text: "$secure = ConvertTo-SecureString 'Pc7-positional-Pw' -AsPlainText -Force",
    secrets: ['Pc7-positional-Pw'],
  },
  {
    name: 'ConvertTo-SecureString -String last',
    text: '$s = ConvertTo-SecureString -AsPlainText -Force -String Mx2-last-Pw',
    secrets: ['Mx2-last-Pw'],
  },
  {
    name: 'NetworkCredential',
    text: '$smtp.Credentials = New-Object System.Net.NetworkCredential("relay@contoso.com", "Wq6-netcred-Pw")',
    secrets: ['Wq6-netcred-Pw'],
  },
  {
    name: 'PowerShell parameter',
    text: 'Set-ADAccountPassword -Identity svc-relay -NewPassword Fz9-param-Pw -Reset',
    secrets: ['Fz9-param-Pw'],
  },
  {
    name: 'appSettings',
    text: '<appSettings>\n  <add key="MicrosoftAppPassword" value="Ud3-appsettings-Pw" />\n</appSettings>',
    secrets: ['Ud3-appsettings-Pw'],
  },
  {
    name: 'XML element with namespace and attribute',
    text: '<d:Kennwort type="plain">Oy8-nsxml-Pw</d:Kennwort>',
    secrets: ['Oy8-nsxml-Pw'],
  },
  { name: 'HTML form value', text: '<input type="password" name="password" value="Id4-html-Pw">', secrets: ['Id4-html-Pw'] },
  { name: 'client secret', text: 'client_secret: Cs1~client-secret-value-Qz', secrets: ['Cs1~client-secret-value-Qz'] },
  { name: 'API key in prose label', text: 'API key: ak-8c41f0e2-api-Pw', secrets: ['ak-8c41f0e2-api-Pw'] },
  { name: 'token', text: 'token=tk-55e1-token-Pw&user=admin', secrets: ['tk-55e1-token-Pw'] },
  { name: 'PIN in JSON', text: '{"pin": "PIN-73914"}', secrets: ['PIN-73914'] },
  { name: 'secret with colon-equals', text: 'ClientSecret := "Zr5-coloneq-Pw"', secrets: ['Zr5-coloneq-Pw'] },

  // ---- German labels and prose ---------------------------------------------------------------------
  { name: 'Passwort', text: 'Benutzer: relay@contoso.com\nPasswort: Sommer-2024-Xy', secrets: ['Sommer-2024-Xy'] },
  { name: 'Kennwort with two words', text: 'Kennwort = Grüner Baum 42', secrets: ['Grüner Baum 42'] },
  {
    name: 'Kennwort lautet (prose)',
    text: 'Das Kennwort für den Connector lautet Hb7-lautet-Pw, bitte prüfen.',
    secrets: ['Hb7-lautet-Pw'],
  },
  { name: 'Passwort ist (prose)', text: 'Das Passwort ist Ej2-ist-Pw!', secrets: ['Ej2-ist-Pw'] },
  { name: 'geheimer Schlüssel', text: 'Geheimer Schlüssel: gs-77c3-geheim-Pw', secrets: ['gs-77c3-geheim-Pw'] },
  { name: 'Zugriffsschlüssel', text: 'Zugriffsschlüssel=zs-41aa-zugriff-Pw', secrets: ['zs-41aa-zugriff-Pw'] },
  { name: 'Zugriffstoken', text: 'Zugriffstoken: zt-90bd-token-Pw', secrets: ['zt-90bd-token-Pw'] },
  { name: 'Geheimnis', text: 'Geheimnis des Bots: gh-12ef-bot-Pw', secrets: ['gh-12ef-bot-Pw'] },
  {
    name: 'English prose',
    text: 'I tried again, my password is Ax9-prose-Pw and it still fails with 550 5.7.64.',
    secrets: ['Ax9-prose-Pw'],
  },

  // ---- connection strings and URLs -----------------------------------------------------------------
  {
    name: 'storage connection string',
    text: 'BLOB_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=contosobot;AccountKey=c3RvcmFnZUFjY291bnRLZXlTZWNyZXQrVmFsdWUvWFlaMDEyMzQ1Njc4OQ==;EndpointSuffix=core.windows.net',
    secrets: ['c3RvcmFnZUFjY291bnRLZXlTZWNyZXQrVmFsdWUvWFlaMDEyMzQ1Njc4OQ=='],
  },
  {
    name: 'Service Bus connection string',
    text: 'Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=c2VydmljZWJ1cy1zZWNyZXQta2V5LVB3MTIzNDU2Nzg5MA=',
    secrets: ['c2VydmljZWJ1cy1zZWNyZXQta2V5LVB3MTIzNDU2Nzg5MA='],
  },
  {
    name: 'SQL connection string',
    text: 'Server=sql01;Database=Relay;User Id=sa;Password=Yt5-sql-Pw;TrustServerCertificate=True',
    secrets: ['Yt5-sql-Pw'],
  },
  { name: 'ODBC Pwd', text: 'Driver={ODBC Driver 18};Server=sql01;Uid=sa;Pwd=Oq2-odbc-Pw;', secrets: ['Oq2-odbc-Pw'] },
  {
    name: 'SAS URL',
    text: 'https://contosobot.blob.core.windows.net/bot-state/x.json?sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01&sig=U2FzU2lnbmF0dXJlU2VjcmV0%2BQQ%3D',
    secrets: ['U2FzU2lnbmF0dXJlU2VjcmV0%2BQQ%3D'],
  },
  {
    name: 'AWS presigned URL',
    text: 'https://bucket.s3.amazonaws.com/a.cer?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Security-Token=FwoGZXIvYXdzEAws-token-Pw&X-Amz-Signature=9f2c6e0aawssignaturePw',
    secrets: ['FwoGZXIvYXdzEAws-token-Pw', '9f2c6e0aawssignaturePw'],
  },
  {
    name: 'OAuth code and fragment token',
    text: 'https://bot.contoso.com/auth?code=0.AQcode-secret-Pw&state=xyz and https://app/#access_token=at-frag-secret-Pw&token_type=Bearer',
    secrets: ['0.AQcode-secret-Pw', 'at-frag-secret-Pw'],
  },
  {
    name: 'URL with user:password',
    text: 'Smart host: smtp://relay%40contoso.com:Ui8-url-Pw@smtp.office365.com:587',
    secrets: ['Ui8-url-Pw'],
  },
  {
    name: 'password for a link: the value after the link',
    text: 'The relay password for https://relay.contoso.com: Rl5-link-Pw',
    secrets: ['Rl5-link-Pw'],
  },
  { name: 'Kennwort für einen Link = Wert', text: 'Kennwort für smtp://relay.contoso.com = Kl7-link-Pw', secrets: ['Kl7-link-Pw'] },
  { name: 'password that only starts like a scheme', text: 'Passwort: https:Hs2-scheme-Pw', secrets: ['Hs2-scheme-Pw'] },
  { name: 'curl -u', text: 'curl -u admin:Dk3-curl-Pw https://mail.contoso.com/ews/exchange.asmx', secrets: ['Dk3-curl-Pw'] },
  { name: 'certutil -p', text: 'certutil -f -p "Ce4-certutil-Pw" -importpfx mail.pfx', secrets: ['Ce4-certutil-Pw'] },
  {
    name: 'openssl -passout and enc -k',
    text: 'openssl pkcs12 -export -in a.pem -inkey a.key -passout pass:Po6-passout-Pw -out a.pfx\nopenssl enc -aes-256-cbc -k Ek1-enc-Pw -in x -out y',
    secrets: ['Po6-passout-Pw', 'Ek1-enc-Pw'],
  },

  // ---- tokens and keys that need no label --------------------------------------------------------------
  {
    name: 'Bearer token',
    text: 'Authorization: Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJhcGk6Ly9ib3QiLCJpc3MiOiJ4In0.c2lnbmF0dXJlLWJlYXJlci1QdzEyMw',
    secrets: ['c2lnbmF0dXJlLWJlYXJlci1QdzEyMw', 'eyJhdWQiOiJhcGk6Ly9ib3QiLCJpc3MiOiJ4In0'],
  },
  {
    name: 'bare JWT',
    text: 'token from the emulator: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqd3QtYmFyZSJ9.andWd1Ntb2tlLWJhcmUtUHc',
    secrets: ['eyJzdWIiOiJqd3QtYmFyZSJ9', 'andWd1Ntb2tlLWJhcmUtUHc'],
  },
  {
    name: 'Proxy-Authorization NTLM',
    text: 'Proxy-Authorization: NTLM TlRMTVNTUAADAAAAGAAYAHAAAABudGxtLVB3',
    secrets: ['TlRMTVNTUAADAAAAGAAYAHAAAABudGxtLVB3'],
  },
  {
    name: 'Cookie header',
    text: 'Cookie: X-OWA-CANARY=owacanary-Pw-77; cadata=cadata-secret-Pw',
    secrets: ['owacanary-Pw-77', 'cadata-secret-Pw'],
  },
  {
    name: 'Azure AD client secret',
    text: 'The app registration secret abc8Q~Xq2ZrT5vW8yB1nM4kL7jH0gF3dS6aP9oI is in Key Vault',
    secrets: ['abc8Q~Xq2ZrT5vW8yB1nM4kL7jH0gF3dS6aP9oI'],
  },
  { name: 'GitHub token', text: 'ghp_16C7e42F292c6912E7710c838347Ae178B4a', secrets: ['ghp_16C7e42F292c6912E7710c838347Ae178B4a'] },
  {
    name: 'bare storage account key',
    text: 'key1: c3RvcmFnZS1hY2NvdW50LWtleS1iYXJlLXNlY3JldC1mb3ItdGhlLWNvcnB1cy0wMTIzNDU2Nzg5YWJjZGVmZw==',
    secrets: ['c3RvcmFnZS1hY2NvdW50LWtleS1iYXJlLXNlY3JldC1mb3ItdGhlLWNvcnB1cy0wMTIzNDU2Nzg5YWJjZGVmZw=='],
  },

  // ---- private keys ---------------------------------------------------------------------------------
  {
    name: 'PEM PKCS#8 key',
    text: `-----BEGIN PRIVATE KEY-----\n${PEM_BODY}-----END PRIVATE KEY-----`,
    secrets: ['W3kSecretKeyMaterialLineTwo'],
  },
  {
    name: 'PEM RSA key',
    text: `-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEArsaKeyMaterialSecretQq\n-----END RSA PRIVATE KEY-----`,
    secrets: ['rsaKeyMaterialSecretQq'],
  },
  {
    name: 'PEM encrypted key',
    text: `-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqencryptedKeySecretZz\n-----END ENCRYPTED PRIVATE KEY-----`,
    secrets: ['encryptedKeySecretZz'],
  },
  {
    name: 'OpenSSH key',
    text: `-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQopensshSecretYy\n-----END OPENSSH PRIVATE KEY-----`,
    secrets: ['opensshSecretYy'],
  },
  {
    name: 'PEM key cut off',
    text: `Here is the key:\n-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIcutOffEcKeySecretWw`,
    secrets: ['cutOffEcKeySecretWw'],
  },
];

/** File names with a secret in them (as attachment names). */
export const FILE_NAME_SAMPLES: SecretSample[] = [
  { name: 'password_ in a file name', text: 'relay_password_Fn1-file-Pw.cer', secrets: ['Fn1-file-Pw'] },
  { name: 'Kennwort in a file name', text: 'Zertifikat Kennwort Fn2-datei-Pw.pem', secrets: ['Fn2-datei-Pw'] },
  { name: 'pw= in a file name', text: 'mail(pw=Fn3-eq-Pw).crt', secrets: ['Fn3-eq-Pw'] },
];

/** Evidence the diagnosis needs: redaction must leave these untouched. */
export const EVIDENCE_SAMPLES: Array<{ name: string; text: string }> = [
  { name: 'a certificate as base64 on one line', text: `certificate: ${CERTIFICATE_BASE64}` },
  { name: 'a certificate as base64 in 64-character lines', text: wrapped(CERTIFICATE_BASE64, 64) },
  { name: 'a PKCS#7 bundle as base64', text: wrapped(PKCS7_BASE64, 76) },
  {
    name: 'a password label followed by words (near misses)',
    text: 'The password policy requires 12 characters.\nKennwort ändern unter Einstellungen.\nPIN-Code eingeben\npassword $cred\npass TLS checks\nPasswort abgelaufen',
  },

  {
    name: 'NDR 5.7.64',
    text: "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied [SN1NAM02FT0123.eop-nam02.prod.protection.outlook.com]'",
  },
  {
    name: 'event 2004',
    text: "Send connector Outbound to Office 365 couldn't connect to the remote domain. 454 4.7.0 Failed to establish appropriate TLS channel: UntrustedRoot: Access Denied",
  },
  {
    name: 'Get-ExchangeCertificate | fl',
    text: "AccessRules        : {System.Security.AccessControl.CryptoKeyAccessRule}\nCertificateDomains : {mail.contoso.com, autodiscover.contoso.com}\nHasPrivateKey      : True\nIsSelfSigned       : False\nIssuer             : CN=R11, O=Let's Encrypt, C=US\nPrivateKeyExportable : False\nServices           : IMAP, POP, IIS, SMTP\nThumbprint         : A909502DD82AE41433E6F83886B00D4277A32A7B",
  },
  {
    name: 'Get-SendConnector | fl',
    text: "Name                 : Outbound to Office 365\nTlsAuthLevel         : CertificateValidation\nTlsCertificateName   : <I>CN=R11, O=Let's Encrypt, C=US<S>CN=mail.contoso.com\nRequireTLS           : True\nSmartHostAuthMechanism : None\nAuthenticationCredential :",
  },
  {
    name: 'protocol log without AUTH',
    text: '2024-05-01T10:00:00.100Z,EX01\\Default EX01,08DC,1,10.0.0.5:25,40.92.1.1:25,<,EHLO mail.contoso.com,\n2024-05-01T10:00:00.200Z,EX01\\Default EX01,08DC,2,10.0.0.5:25,40.92.1.1:25,<,STARTTLS,\n2024-05-01T10:00:00.300Z,EX01\\Default EX01,08DC,3,10.0.0.5:25,40.92.1.1:25,>,220 2.0.0 SMTP server ready,',
  },
  {
    name: 'certificate PEM',
    text: '-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\nRTESMBAGA1UEChMJQmFsdGltb3JlMRMwEQYDVQQLEwpDeWJlclRydXN0MSIwIAYD\n-----END CERTIFICATE-----',
  },
  { name: 'prose about a password', text: 'The password is wrong? No, the password is correct. Das Passwort ist nicht das Problem.' },
  {
    name: 'German certificate dialog',
    text: 'Öffentlicher Schlüssel: RSA (2048 Bits)\nSchlüsselverwendung: Digitale Signatur, Schlüsselverschlüsselung (a0)',
  },
  {
    name: 'masked values',
    text: 'Password: ********\nKennwort: <Kennwort>\n-Password $securePassword\nPassword : System.Security.SecureString',
  },
  {
    name: 'a link after a password label (agent messages)',
    text: 'Reset the password at https://aka.ms/sspr\nExport the PFX with a password and import it: https://learn.microsoft.com/exchange/import-pfx\nThe password is https://passwordreset.microsoftonline.com',
  },
  {
    name: 'ein Link nach einem Kennwort (Nachrichten der Mitarbeiter)',
    text: 'Passwort zurücksetzen unter https://aka.ms/sspr\nKennwort ändern: //passwordreset.microsoftonline.com/?mkt=de-DE',
  },
  { name: 'bypass and token words', text: 'Bypass: True\nTokenLifetime: 01:00:00\nKW: 23' },
];
