import { strict as assert } from 'assert';
import { catalogue, exchangeThumbprint, intermediateFileName } from '../../knowledge/certificates';

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

describe('certificates: message catalogue and command helpers', function () {
  for (const [key, entry] of Object.entries(catalogue)) {
    it(`${key} exists in German and English with the same placeholders`, function () {
      assert.ok(entry.en.trim().length > 0 && entry.de.trim().length > 0);
      assert.notEqual(entry.en, entry.de);
      assert.deepEqual(placeholders(entry.de), placeholders(entry.en));
    });
  }

  it('normalises thumbprints to what Exchange cmdlets take', function () {
    assert.equal(
      exchangeThumbprint('a9 09 50 2d d8 2a e4 14 33 e6 f8 38 86 b0 0d 42 77 a3 2a 7b'),
      'A909502DD82AE41433E6F83886B00D4277A32A7B',
    );
    assert.equal(
      exchangeThumbprint('A9:09:50:2D:D8:2A:E4:14:33:E6:F8:38:86:B0:0D:42:77:A3:2A:7B'),
      'A909502DD82AE41433E6F83886B00D4277A32A7B',
    );
    assert.equal(exchangeThumbprint('A909502DD82AE41433E6F83886B00D4277A32A7'), undefined);
    assert.equal(exchangeThumbprint('A909502DD82AE41433E6F83886B00D4277A32A7B; Remove-Item C:\\'), undefined);
  });

  it('takes a safe file name for the KB 3212877 import from the AIA URL', function () {
    assert.equal(
      intermediateFileName('http://crt.sectigo.com/SectigoRSADomainValidationSecureServerCA.crt'),
      'SectigoRSADomainValidationSecureServerCA.crt',
    );
    assert.equal(intermediateFileName('http://evil.example/$(calc).crt'), 'intermediateca.cer');
    assert.equal(intermediateFileName(undefined), 'intermediateca.cer');
  });
});
