/**
 * An Import-Certificate (or certutil -addstore CA) transcript is KB 3212877's fix applied only when the
 * command succeeded: output that starts like a success (the PSParentPath of the CA store) and then
 * reports a failure ("Access is denied", "Zugriff verweigert") is not. A failed import must not rule
 * out the missing intermediate.
 */
import { strict as assert } from 'node:assert';
import { diagnose, extractFindings, render, type Language } from '../../knowledge';

const NDR = "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied [AM6PR0502CA0061.eurprd05.prod.outlook.com]'";
const NDR_DE = "Remoteserver hat '550 5.7.64 TenantAttribution; Relay Access Denied' zurückgegeben";
const ONLY_LEAF =
  'Certificate chain\n 0 s:CN = relay.contoso.com\n   i:C = GB, O = Sectigo Limited, CN = Sectigo RSA Domain Validation Secure Server CA\nVerify return code: 21 (unable to verify the first certificate)';
const IMPORT = 'PS C:\\> Get-ChildItem -Path C:\\certs\\*.cer | Import-Certificate -CertStoreLocation Cert:\\LocalMachine\\CA';
const PARENT = '   PSParentPath: Microsoft.PowerShell.Security\\Certificate::LocalMachine\\CA';
const IMPORTED =
  'Thumbprint                                Subject\n----------                                -------\n759BC575B5B0253F7F08808B1AF25BF5CB4885EE  CN=Sectigo RSA Domain Validation Secure Server CA, O=Sectigo Limited, C=GB';

const deniedEn = `${IMPORT}\n\n${PARENT}\n\nImport-Certificate : Access is denied. 0x80070005 (WIN32: 5 ERROR_ACCESS_DENIED)`;
const deniedDe = `${IMPORT}\n\n${PARENT}\n\nImport-Certificate : Zugriff verweigert 0x80070005 (WIN32: 5 ERROR_ACCESS_DENIED)`;
const applied = `${IMPORT}\n\n${PARENT}\n\n${IMPORTED}`;

function causeOptions(text: string): string[] {
  const d = diagnose(extractFindings(text).findings);
  assert.equal(d.verdict, 'ask');
  assert.equal(d.question!.id, 'cause-5764');
  return d.question!.options.map((o) => o.id);
}

function answer(text: string, language: Language) {
  return render(diagnose(extractFindings(text).findings), language);
}

describe('an Import-Certificate transcript that reports a failure is not a fix applied', () => {
  it('PSParentPath, then "Access is denied": still KB 3212877 with the import to run (English)', () => {
    const reply = answer(`${deniedEn}\n${NDR}\n${ONLY_LEAF}`, 'en');
    assert.equal(reply.kind, 'match');
    assert.equal(reply.article, 'KB3212877');
    assert.ok(reply.commands.some((c) => c.script.includes('Import-Certificate -CertStoreLocation cert:\\LocalMachine\\CA')));
    assert.ok(!reply.evidence.some((e) => /already imported/i.test(e.label)), JSON.stringify(reply.evidence));
    assert.ok(causeOptions(`${deniedEn}\n${NDR}`).includes('chain-not-sent'), 'the missing intermediate stays a cause to check');
  });

  it('PSParentPath, then "Zugriff verweigert": still KB 3212877 with the import to run (German)', () => {
    const reply = answer(`${deniedDe}\n${NDR_DE}\n${ONLY_LEAF}`, 'de');
    assert.equal(reply.kind, 'match');
    assert.equal(reply.article, 'KB3212877');
    assert.ok(reply.commands.some((c) => c.script.includes('Import-Certificate -CertStoreLocation cert:\\LocalMachine\\CA')));
    assert.ok(causeOptions(`${deniedDe}\n${NDR_DE}`).includes('chain-not-sent'), 'the missing intermediate stays a cause to check');
  });

  it('near miss: the same import that printed the certificate is the fix applied (English and German)', () => {
    assert.ok(!causeOptions(`${applied}\n${NDR}`).includes('chain-not-sent'), 'a done import rules the missing intermediate out');
    assert.ok(!causeOptions(`${applied}\n${NDR_DE}`).includes('chain-not-sent'), 'a done import rules the missing intermediate out');
    // With openssl still showing only the server certificate, the done import leads to the restart, not to importing again.
    const reply = answer(`${applied}\n${NDR}\n${ONLY_LEAF}`, 'en');
    assert.equal(reply.kind === 'match' ? reply.article : undefined, 'KB3212877');
    assert.match(reply.kind === 'match' ? reply.steps[0] : '', /already imported[^]*restart/i);
  });
});
