/**
 * The table of secret shapes against the secrets corpus: every secret goes, the evidence stays,
 * redacting twice changes nothing, and hostile input stays linear (finishes; no timing asserted).
 */
import { strict as assert } from 'assert';
import * as fc from 'fast-check';
import { redactFileName, redactSecrets } from '../../knowledge/redact';
import { redactSecrets as dialogsRedactSecrets } from '../../dialogs/redact';
import { EVIDENCE_SAMPLES, FILE_NAME_SAMPLES, SECRET_SAMPLES } from './secretsCorpus';

describe('redaction: one table of secret shapes', function () {
  describe('removes every secret of the corpus', function () {
    for (const sample of SECRET_SAMPLES) {
      it(sample.name, function () {
        const result = redactSecrets(sample.text);
        assert.ok(result.redacted, 'reported as redacted');
        for (const secret of sample.secrets) assert.ok(!result.text.includes(secret), `"${secret}" left in: ${result.text}`);
        assert.match(result.text, /\[(?:private key )?removed\]/);
        const again = redactSecrets(result.text);
        assert.deepEqual(again, { text: result.text, redacted: false }, 'a second pass finds nothing new');
      });
    }
  });

  describe('removes secrets from file names, keeping the extension', function () {
    for (const sample of FILE_NAME_SAMPLES) {
      it(sample.name, function () {
        const result = redactFileName(sample.text);
        assert.ok(result.redacted);
        for (const secret of sample.secrets) assert.ok(!result.text.includes(secret), result.text);
        assert.equal(result.text.slice(result.text.lastIndexOf('.')), sample.text.slice(sample.text.lastIndexOf('.')));
      });
    }
    it('leaves ordinary names alone', function () {
      for (const name of ['mail.contoso.com.cer', 'password.txt', 'Kennwort-Richtlinie.txt', 'intermediate (2).p7b']) {
        assert.deepEqual(redactFileName(name), { text: name, redacted: false });
      }
    });
  });

  describe('leaves the evidence alone', function () {
    for (const sample of EVIDENCE_SAMPLES) {
      it(sample.name, function () {
        assert.deepEqual(redactSecrets(sample.text), { text: sample.text, redacted: false });
      });
    }
  });

  it('keeps the label and the text around a secret readable', function () {
    assert.equal(redactSecrets('user=bob password=Hunter2 status=550 5.7.64').text, 'user=bob password=[removed] status=550 5.7.64');
    assert.equal(redactSecrets('<Password>x1</Password> ok').text, '<Password>[removed]</Password> ok');
    assert.equal(redactSecrets('openssl pkcs12 -passin pass:x1y2 -nokeys').text, 'openssl pkcs12 -passin pass:[removed] -nokeys');
  });

  it('recognises every secret key name in any letter case, alone or inside a longer name (property)', function () {
    // Every SECRET_KEY_SUFFIX alternative, the whole-word keys, and the generic words with a qualifier before them.
    const names = [
      ...['password', 'passwd', 'passphrase', 'passcode', 'pwd', 'secret', 'token', 'apikey', 'api_key', 'api-key', 'accesskey'],
      ...['access_key', 'secret-key', 'account_key', 'sharedaccesskey', 'sharedaccesssignature', 'subscription-key', 'masterkey'],
      ...['signing_key', 'passwort', 'kennwort', 'geheimnis', 'geheimschlüssel', 'zugriffsschlüssel', 'zugangsschlüssel'],
      ...['kontoschlüssel', 'api-schlüssel', 'zugangsdaten', 'zugriffstoken', 'pass', 'pw', 'pin'],
      ...['API key', 'auth code', 'geheimer Schlüssel', 'refresh token'],
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
        fc.boolean(),
        (name, upper, prefixed) => {
          const cased = [...name].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('');
          // (pass, pw and pin count only as whole words: "Bypass" is no key.)
          const label = prefixed && !name.includes(' ') && !['pass', 'pw', 'pin'].includes(name) ? `smtp${cased}` : cased;
          // With and without anything else in the text that looks like a secret (an address, a URL query).
          for (const line of [
            `Diagnostic information for orders@fabrikam.com: ${label}=Zq8-Hunter-742x (550 5.7.64)`,
            `${label}=Zq8-Hunter-742x`,
          ]) {
            const result = redactSecrets(line);
            assert.ok(!result.text.includes('Zq8-Hunter-742x'), result.text);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('is what the dialogs import', function () {
    assert.equal(dialogsRedactSecrets, redactSecrets);
  });

  it('stays linear on hostile input (200 000 characters of near-misses)', function () {
    const hostile = [
      'password'.repeat(25_000),
      `password=${'a'.repeat(200_000)}`,
      `${'password '.repeat(20_000)}is`,
      `AUTH LOGIN\n${'QUFB'.repeat(50_000)}`,
      `https://${'a:'.repeat(50_000)}`,
      `-----BEGIN PRIVATE KEY-----${'A'.repeat(200_000)}`,
      `${'&sig='.repeat(40_000)}`,
      `<Password${' a="b"'.repeat(30_000)}>`,
      `Kennwort${' für'.repeat(50_000)}: x`,
    ];
    for (const text of hostile) {
      const result = redactSecrets(text);
      assert.ok(result.text.length <= text.length + 20);
    }
  });
});

describe('redaction: properties', function () {
  // (A value starting with "-" or "$" after -Password is another switch or a variable.)
  it('never leaves a labelled secret, whatever surrounds it', function () {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.constantFrom('password=', 'Passwort: ', '"secret": "', '<Kennwort>', '-Password ', 'token = '),
        fc.stringMatching(/^[A-Za-z0-9!%_+~][A-Za-z0-9!$%_+~-]{7,23}$/),
        fc.string({ maxLength: 200 }),
        (before, label, secret, after) => {
          const text = `${before}\n${label}${secret}${label.startsWith('"') ? '"' : label.startsWith('<') ? '</Kennwort>' : ''}\n${after}`;
          return !redactSecrets(text).text.includes(secret);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is idempotent on any text', function () {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const once = redactSecrets(text);
        const twice = redactSecrets(once.text);
        return twice.text === once.text && !twice.redacted;
      }),
      { numRuns: 500 },
    );
  });
});
