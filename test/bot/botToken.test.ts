/** The token used for Bot Framework / Teams file URLs comes from the turn's connector client. */
import { strict as assert } from 'assert';
import type { TurnContext } from 'botbuilder';
import { botTokenFor } from '../../bot/botToken';
import { fileRefFor, TEAMS_FILE_DOWNLOAD_INFO } from '../../bot/attachments';

function contextWith(credentials: unknown): TurnContext {
  const key = Symbol('ConnectorClient');
  const turnState = new Map<symbol, unknown>([[key, { credentials }]]);
  return { adapter: { ConnectorClientKey: key }, turnState } as unknown as TurnContext;
}

describe('bot token for attachment downloads', () => {
  it('reads the token from the connector client credentials', async () => {
    assert.equal(await botTokenFor(contextWith({ getToken: () => Promise.resolve('eyJ.token') })), 'eyJ.token');
  });

  it('has no token in local mode (no credentials, or an empty token)', async () => {
    assert.equal(await botTokenFor(contextWith(undefined)), undefined);
    assert.equal(await botTokenFor(contextWith({ getToken: () => Promise.resolve('') })), undefined);
  });
});

describe('which attachments are files', () => {
  it('takes the Teams downloadUrl, never the SharePoint contentUrl', () => {
    const ref = fileRefFor({
      contentType: TEAMS_FILE_DOWNLOAD_INFO,
      name: 'relay.cer',
      contentUrl: 'https://contoso-my.sharepoint.com/personal/a/Documents/relay.cer',
      content: { downloadUrl: 'https://contoso-my.sharepoint.com/download.aspx?tempauth=x', fileType: 'cer' },
    });
    assert.deepEqual(ref, {
      name: 'relay.cer',
      url: 'https://contoso-my.sharepoint.com/download.aspx?tempauth=x',
      contentType: TEAMS_FILE_DOWNLOAD_INFO,
    });
  });

  it('skips message bodies and cards, refuses key containers and unknown types', () => {
    assert.equal(fileRefFor({ contentType: 'text/html', content: '<p>hi</p>' }), undefined);
    assert.equal(fileRefFor({ contentType: 'application/vnd.microsoft.card.adaptive', content: {} }), undefined);
    assert.deepEqual(fileRefFor({ contentType: 'application/x-pkcs12', name: 'server.pfx', contentUrl: 'http://x/a' }), {
      name: 'server.pfx',
      kind: 'private-key-name',
      contentType: 'application/x-pkcs12',
    });
    assert.equal(
      (fileRefFor({ contentType: 'video/mp4', name: 'call.mp4', contentUrl: 'http://x/a' }) as { kind: string }).kind,
      'unsupported',
    );
  });

  it('names a file from its URL path without the query (which may carry a secret)', () => {
    const ref = fileRefFor({ contentType: 'text/plain', contentUrl: 'http://127.0.0.1:3978/v3/attachments/abc/smtp.log?sig=SECRET' }) as {
      name: string;
    };
    assert.equal(ref.name, 'smtp.log');
  });
});
