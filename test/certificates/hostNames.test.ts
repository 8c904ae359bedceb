import { strict as assert } from 'assert';
import { buildNameSet, coversHost } from '../../knowledge/certificates';
import { sharedName } from '../../knowledge/certificates/hostNames';

describe('certificates: host names (RFC 6125)', function () {
  const finds: Array<[string[], string]> = [
    [['mail.contoso.com'], 'mail.contoso.com'],
    [['MAIL.Contoso.COM'], 'mail.contoso.com'],
    [['mail.contoso.com.'], 'Mail.Contoso.com.'],
    [['*.contoso.com'], 'mail.contoso.com'],
    [['*.contoso.com'], 'autodiscover.contoso.com'],
    [['smtp.fabrikam.com', '*.contoso.com'], 'smtp.contoso.com'],
  ];
  const ignores: Array<[string[], string]> = [
    [['*.contoso.com'], 'a.b.contoso.com'],
    [['*.contoso.com'], 'contoso.com'],
    [['*.com'], 'contoso.com'],
    [['mail*.contoso.com'], 'mail1.contoso.com'],
    [['mail.contoso.com'], 'smtp.contoso.com'],
    [['mail.contoso.com'], 'mail.contoso.com.evil.example'],
    [['*.contoso.com'], '*.contoso.com'],
    [[], 'mail.contoso.com'],
  ];
  for (const [names, host] of finds) {
    it(`${names.join(', ')} covers ${host}`, function () {
      assert.equal(coversHost(buildNameSet(names), host), true);
    });
  }
  for (const [names, host] of ignores) {
    it(`${names.join(', ') || '(no names)'} does not cover ${host}`, function () {
      assert.equal(coversHost(buildNameSet(names), host), false);
    });
  }

  it('finds the shared name of two certificates, preferring the host the conversation is about', function () {
    const publicCert = buildNameSet(['*.contoso.com', 'contoso.com']);
    const internal = buildNameSet(['ex01.contoso.local', 'mail.contoso.com', 'smtp.contoso.com']);
    assert.equal(sharedName(publicCert, internal), 'mail.contoso.com');
    assert.equal(sharedName(publicCert, internal, ['smtp.contoso.com']), 'smtp.contoso.com');
    assert.equal(sharedName(buildNameSet(['*.contoso.com']), buildNameSet(['*.contoso.com'])), '*.contoso.com');
    assert.equal(sharedName(buildNameSet(['a.contoso.com']), buildNameSet(['b.contoso.com'])), undefined);
  });
});
