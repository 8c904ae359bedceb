import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  TEAMS_SOURCE_DIR,
  TeamsPackageError,
  buildTeamsPackage,
  loadPackageSource,
  settingsFromEnv,
  validateTeamsPackage,
} from '../../deploymentTemplates/teams/buildPackage';
import { decodePng, encodePng, readPngHeader } from '../../deploymentTemplates/teams/png';
import { recogniseCommand } from '../../dialogs/textCommands';

const ENV = {
  MicrosoftAppId: '8F3E2A10-1111-4222-8333-944455556666',
  TEAMS_APP_ID: '0b7d6c3e-aaaa-4bbb-8ccc-123456789abc',
  PUBLIC_URL: 'https://mailflow-bot.azurewebsites.net',
};

describe('Teams app package (npm run teams:package)', () => {
  const settings = settingsFromEnv(ENV);

  it('fills the ids from the environment and validates against the official schema, offline', async () => {
    const pkg = loadPackageSource(settings);
    assert.deepEqual(await validateTeamsPackage(pkg), []);
    assert.equal(pkg.manifest.id, '0b7d6c3e-aaaa-4bbb-8ccc-123456789abc');
    const [bot] = pkg.manifest.bots as Array<Record<string, unknown>>;
    assert.equal(bot.botId, '8f3e2a10-1111-4222-8333-944455556666');
    assert.deepEqual(pkg.manifest.validDomains, ['mailflow-bot.azurewebsites.net']);
    assert.equal((pkg.manifest.developer as { websiteUrl: string }).websiteUrl, ENV.PUBLIC_URL);
    assert.doesNotMatch(JSON.stringify(pkg.manifest), /\{\{/, 'no placeholder left');
  });

  it('uses a current manifest schema: the newest v1.x shipped by @microsoft/app-manifest', () => {
    const template = JSON.parse(readFileSync(path.join(TEAMS_SOURCE_DIR, 'manifest.template.json'), 'utf8')) as { manifestVersion: string };
    const schemas = path.join(path.dirname(require.resolve('@microsoft/app-manifest')), 'json-schemas', 'teams');
    const newest = readdirSync(schemas)
      .filter((name) => /^v1\.\d+$/.test(name))
      .map((name) => Number(name.split('.')[1]))
      .sort((a, b) => b - a)[0];
    assert.equal(template.manifestVersion, `1.${newest}`);
  });

  it('offers the bot in personal, team and group chat, with file support and three commands', () => {
    const [bot] = loadPackageSource(settings).manifest.bots as Array<{
      scopes: string[];
      supportsFiles: boolean;
      commandLists: Array<{ commands: Array<{ title: string }> }>;
    }>;
    assert.deepEqual([...bot.scopes].sort(), ['groupChat', 'personal', 'team']);
    assert.equal(bot.supportsFiles, true);
    assert.deepEqual(
      bot.commandLists[0].commands.map((c) => c.title),
      ['help', 'restart', 'talk to a person'],
    );
  });

  it('has German command titles, and every command (en and de) is one the bot understands', () => {
    const german = JSON.parse(readFileSync(path.join(TEAMS_SOURCE_DIR, 'de.json'), 'utf8')) as Record<string, string>;
    const [bot] = loadPackageSource(settings).manifest.bots as Array<{ commandLists: Array<{ commands: Array<{ title: string }> }> }>;
    const expected = ['help', 'restart', 'handoff'];
    bot.commandLists[0].commands.forEach((command, i) => {
      assert.equal(recogniseCommand(command.title)?.kind, expected[i], command.title);
      const title = german[`bots[0].commandLists[0].commands[${i}].title`];
      assert.ok(title, `German title of command ${i}`);
      assert.equal(recogniseCommand(title)?.kind, expected[i], title);
    });
  });

  it('ships a 192x192 colour icon and a 32x32 white-on-transparent outline icon', () => {
    const colour = readFileSync(path.join(TEAMS_SOURCE_DIR, 'color.png'));
    const outline = readFileSync(path.join(TEAMS_SOURCE_DIR, 'outline.png'));
    assert.deepEqual([readPngHeader(colour).width, readPngHeader(colour).height], [192, 192]);
    assert.deepEqual([readPngHeader(outline).width, readPngHeader(outline).height], [32, 32]);
    const pixels = decodePng(outline).pixels;
    let drawn = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i + 3] === 0) continue;
      drawn += 1;
      assert.deepEqual([...pixels.subarray(i, i + 3)], [255, 255, 255]);
    }
    assert.ok(drawn > 50 && drawn < 32 * 32 - 50, 'the outline has both drawn and transparent pixels');
  });

  it('finds what Teams would reject: bad ids, wrong icon sizes, coloured outline, bad localization', async () => {
    const pkg = loadPackageSource(settings);
    (pkg.manifest.bots as Array<Record<string, unknown>>)[0].botId = 'not-a-guid';
    pkg.files.set('color.png', encodePng({ width: 96, height: 96, pixels: new Uint8Array(96 * 96 * 4).fill(200) }));
    pkg.files.set('outline.png', encodePng({ width: 32, height: 32, pixels: new Uint8Array(32 * 32 * 4).fill(128) }));
    const german = JSON.parse(pkg.files.get('de.json')?.toString() ?? '{}') as Record<string, string>;
    german['bots[0].commandLists[0].commands[0].title'] = 'x'.repeat(200);
    pkg.files.set('de.json', Buffer.from(JSON.stringify(german)));
    const problems = await validateTeamsPackage(pkg);
    assert.ok(
      problems.some((p) => p.startsWith('manifest.json: /bots/0/botId')),
      problems.join('\n'),
    );
    assert.ok(problems.includes('color.png is 96x96; Teams needs 192x192.'), problems.join('\n'));
    assert.ok(
      problems.some((p) => p.startsWith('outline.png must be white on a transparent background')),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => p.startsWith('de.json:') && p.includes('128')),
      problems.join('\n'),
    );
  });

  it('refuses to build without the bot id and an https site, naming every missing variable', () => {
    assert.throws(
      () => settingsFromEnv({ PUBLIC_URL: 'http://localhost:3978' }),
      (err: unknown) => {
        assert.ok(err instanceof TeamsPackageError);
        assert.match(err.message, /MicrosoftAppId must be/);
        assert.match(err.message, /TEAMS_DEVELOPER_URL \(or PUBLIC_URL\) must be an https URL/);
        return true;
      },
    );
  });

  it('writes a zip with manifest.json, both icons and de.json at the root', async () => {
    const zip = await JSZip.loadAsync(await buildTeamsPackage(settings));
    assert.deepEqual(Object.keys(zip.files).sort(), ['color.png', 'de.json', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(await (zip.file('manifest.json') as JSZip.JSZipObject).async('string')) as { id: string };
    assert.equal(manifest.id, ENV.TEAMS_APP_ID);
  });
});
