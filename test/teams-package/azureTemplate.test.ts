/**
 * The ARM template in deploymentTemplates/deployWithExistingResourceGroup: consistent, following
 * the current Azure Bot rules (no multi-tenant app), and setting exactly the variables the bot
 * reads (checked by feeding its app settings to the bot's own config readers).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../bot/config';
import { channelOptionsFromEnv } from '../../bot/directline';

const DIR = path.resolve(__dirname, '..', '..', '..', 'deploymentTemplates', 'deployWithExistingResourceGroup');
type Resource = { type: string; apiVersion: string; name: string; location?: string; kind?: string; properties?: Record<string, any> };
const template = JSON.parse(readFileSync(path.join(DIR, 'template-bot-appservice-storage.json'), 'utf8')) as {
  parameters: Record<string, { defaultValue?: unknown }>;
  variables: Record<string, unknown>;
  resources: Resource[];
};
const parameterFile = JSON.parse(readFileSync(path.join(DIR, 'parameters-for-template-bot-appservice-storage.json'), 'utf8')) as { parameters: Record<string, unknown> };
const byType = (type: string) => template.resources.filter((resource) => resource.type === type);

describe('Azure deployment template (Bot + App Service + storage)', () => {
  it('references only parameters and variables it declares, and the parameters file fits it', () => {
    const text = JSON.stringify(template);
    for (const [, name] of text.matchAll(/parameters\('([^']+)'\)/g)) assert.ok(name in template.parameters, `parameter ${name}`);
    for (const [, name] of text.matchAll(/variables\('([^']+)'\)/g)) assert.ok(name in template.variables, `variable ${name}`);
    for (const name of Object.keys(parameterFile.parameters)) assert.ok(name in template.parameters, `parameters file: ${name}`);
    for (const [name, parameter] of Object.entries(template.parameters)) {
      if (parameter.defaultValue === undefined) assert.ok(name in parameterFile.parameters, `required parameter ${name} has a value`);
    }
  });

  it('creates an Azure Bot with a user-assigned managed identity (no multi-tenant app), Teams and Direct Line', () => {
    const [bot] = byType('Microsoft.BotService/botServices');
    assert.equal(bot.kind, 'azurebot');
    assert.equal(bot.location, 'global');
    assert.equal(bot.apiVersion, '2022-09-15');
    assert.equal(bot.properties?.msaAppType, 'UserAssignedMSI');
    assert.match(bot.properties?.endpoint, /\/api\/messages'\)\]$/);
    const channels = byType('Microsoft.BotService/botServices/channels').map((channel) => channel.properties?.channelName);
    assert.deepEqual(channels.sort(), ['DirectLineChannel', 'MsTeamsChannel']);
    const [site] = byType('Microsoft.BotService/botServices/channels').find((c) => c.properties?.channelName === 'DirectLineChannel')?.properties?.properties.sites;
    assert.equal(site.isV3Enabled, true);
    assert.equal(site.isBlockUserUploadEnabled, false, 'uploads must stay possible');
  });

  it('runs the bot on Linux Node 20 over https with the settings the bot reads, secrets only as expressions', () => {
    const [web] = byType('Microsoft.Web/sites');
    assert.equal(web.kind, 'app,linux');
    assert.equal(web.properties?.httpsOnly, true);
    assert.equal(web.properties?.siteConfig.linuxFxVersion, 'NODE|20-lts');
    const settings = Object.fromEntries((web.properties?.siteConfig.appSettings as Array<{ name: string; value: string }>).map((s) => [s.name, s.value]));
    for (const secret of ['BLOB_STORAGE_CONNECTION_STRING', 'DIRECT_LINE_SECRET']) {
      assert.match(settings[secret], /^\[.*list(Keys|ChannelWithKeys)\(/, `${secret} comes from Azure at deployment, not from the template`);
    }
    const config = loadConfig(settings, '/tmp');
    assert.equal(config.localMode, false);
    assert.equal(config.storage.kind, 'azure-blob');
    const channel = channelOptionsFromEnv(settings);
    assert.ok(channel.directLineSecret, 'web chat uses Azure Direct Line');
    assert.equal(channel.trustProxy, true);
    const [plan] = byType('Microsoft.Web/serverfarms');
    assert.equal(plan.properties?.reserved, true);
  });

  it('keeps the state storage private', () => {
    const [storage] = byType('Microsoft.Storage/storageAccounts');
    assert.equal(storage.properties?.allowBlobPublicAccess, false);
    assert.equal(storage.properties?.minimumTlsVersion, 'TLS1_2');
  });
});
