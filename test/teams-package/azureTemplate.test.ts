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
/** The resource properties these tests read (each resource type has its own few). */
type Properties = {
  msaAppType?: string;
  endpoint?: string;
  channelName?: string;
  properties?: { sites?: Array<{ isV3Enabled?: boolean; isBlockUserUploadEnabled?: boolean }> };
  httpsOnly?: boolean;
  reserved?: boolean;
  clientAffinityEnabled?: boolean;
  allowBlobPublicAccess?: boolean;
  minimumTlsVersion?: string;
  siteConfig?: { linuxFxVersion?: string; healthCheckPath?: string; appSettings?: Array<{ name: string; value: string }> };
};
type Resource = { type: string; apiVersion: string; name: string; location?: string; kind?: string; properties?: Properties };
const template = JSON.parse(readFileSync(path.join(DIR, 'template-bot-appservice-storage.json'), 'utf8')) as {
  parameters: Record<string, { defaultValue?: unknown }>;
  variables: Record<string, unknown>;
  resources: Resource[];
};
const parameterFile = JSON.parse(readFileSync(path.join(DIR, 'parameters-for-template-bot-appservice-storage.json'), 'utf8')) as {
  parameters: Record<string, unknown>;
};
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
    assert.match(bot.properties?.endpoint ?? '', /\/api\/messages'\)\]$/);
    const channels = byType('Microsoft.BotService/botServices/channels').map((channel) => channel.properties?.channelName);
    assert.deepEqual(channels.sort(), ['DirectLineChannel', 'MsTeamsChannel']);
    const [site] =
      byType('Microsoft.BotService/botServices/channels').find((c) => c.properties?.channelName === 'DirectLineChannel')?.properties
        ?.properties?.sites ?? [];
    assert.equal(site?.isV3Enabled, true);
    assert.equal(site?.isBlockUserUploadEnabled, false, 'uploads must stay possible');
  });

  it('runs the bot on a supported Node LTS (22 or newer) on Linux over https with the settings the bot reads, secrets only as expressions', () => {
    const [web] = byType('Microsoft.Web/sites');
    assert.equal(web.kind, 'app,linux');
    assert.equal(web.properties?.httpsOnly, true);
    assert.equal(web.properties?.siteConfig?.linuxFxVersion, "[parameters('nodeVersion')]");
    const nodeVersion = template.parameters.nodeVersion as { defaultValue: string; allowedValues: string[] };
    for (const version of [nodeVersion.defaultValue, ...nodeVersion.allowedValues]) {
      const major = Number(/^NODE\|(\d+)-lts$/.exec(version)?.[1]);
      assert.ok(major >= 22 && major % 2 === 0, `${version}: an LTS line that is still supported`);
    }
    const settings = Object.fromEntries((web.properties?.siteConfig?.appSettings ?? []).map((s) => [s.name, s.value]));
    for (const secret of ['BLOB_STORAGE_CONNECTION_STRING', 'DIRECT_LINE_SECRET']) {
      assert.match(
        settings[secret],
        /^\[.*list(Keys|ChannelWithKeys)\(/,
        `${secret} comes from Azure at deployment, not from the template`,
      );
    }
    assert.equal(settings.CASES_TABLE, "[variables('casesTable')]");
    const config = loadConfig(
      {
        ...settings,
        CASES_TABLE: String(template.variables.casesTable),
        STATE_RETENTION_DAYS: String(template.parameters.stateRetentionDays.defaultValue),
      },
      '/tmp',
    );
    assert.equal(config.localMode, false);
    assert.equal(config.storage.kind, 'azure-blob');
    assert.equal(config.storage.kind === 'azure-blob' && config.storage.casesTable, template.variables.casesTable);
    assert.equal(config.retentionDays, 30);
    assert.match(settings.STATE_RETENTION_DAYS, /parameters\('stateRetentionDays'\)/);
    const channel = channelOptionsFromEnv(settings);
    assert.ok(channel.directLineSecret, 'web chat uses Azure Direct Line');
    assert.equal(channel.trustProxy, true);
    const [plan] = byType('Microsoft.Web/serverfarms');
    assert.equal(plan.properties?.reserved, true);
  });

  it('scales out: instance count parameter, no session affinity, health check on /readyz, the cases table beside the state container', () => {
    const [plan] = byType('Microsoft.Web/serverfarms');
    assert.equal((plan as unknown as { sku: { capacity: string } }).sku.capacity, "[parameters('instanceCount')]");
    const instanceCount = template.parameters.instanceCount as { type: string; defaultValue: number; minValue: number };
    assert.equal(instanceCount.type, 'int');
    assert.ok(instanceCount.defaultValue >= 2 && instanceCount.minValue === 1);
    const [web] = byType('Microsoft.Web/sites');
    assert.equal(web.properties?.clientAffinityEnabled, false);
    assert.equal(web.properties?.siteConfig?.healthCheckPath, '/readyz');
    const [table] = byType('Microsoft.Storage/storageAccounts/tableServices/tables');
    assert.match(table.name, /variables\('casesTable'\)/);
    assert.ok((web as unknown as { dependsOn: string[] }).dependsOn.some((dependency) => dependency.includes('tableServices/tables')));
  });

  it('passes the offline template check: schema, and an apiVersion Azure publishes for every resource type', () => {
    const raw = template as unknown as Record<string, unknown>;
    assert.equal(raw.$schema, 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#');
    assert.match(String(raw.contentVersion), /^\d+\.\d+\.\d+\.\d+$/);
    const allowedTopLevel = new Set([
      '$schema',
      'contentVersion',
      'apiProfile',
      'metadata',
      'parameters',
      'variables',
      'functions',
      'resources',
      'outputs',
    ]);
    for (const key of Object.keys(raw)) assert.ok(allowedTopLevel.has(key), `top-level ${key}`);
    for (const [name, parameter] of Object.entries(template.parameters as Record<string, { type?: string }>)) {
      assert.ok(
        ['string', 'securestring', 'int', 'bool', 'object', 'secureObject', 'array'].includes(String(parameter.type)),
        `parameter ${name} type`,
      );
    }
    // Published API versions of the REST API specs (azure-rest-api-specs, stable), per resource type.
    const published: Record<string, string[]> = {
      'Microsoft.ManagedIdentity/userAssignedIdentities': ['2018-11-30', '2023-01-31', '2023-07-31-preview', '2024-11-30'],
      'Microsoft.Storage/storageAccounts': ['2022-09-01', '2023-01-01', '2023-05-01', '2024-01-01'],
      'Microsoft.Storage/storageAccounts/blobServices/containers': ['2022-09-01', '2023-01-01', '2023-05-01', '2024-01-01'],
      'Microsoft.Storage/storageAccounts/tableServices/tables': ['2022-09-01', '2023-01-01', '2023-05-01', '2024-01-01'],
      'Microsoft.Web/serverfarms': ['2022-03-01', '2022-09-01', '2023-01-01', '2023-12-01', '2024-04-01'],
      'Microsoft.Web/sites': ['2022-03-01', '2022-09-01', '2023-01-01', '2023-12-01', '2024-04-01'],
      'Microsoft.BotService/botServices': ['2021-03-01', '2022-09-15'],
      'Microsoft.BotService/botServices/channels': ['2021-03-01', '2022-09-15'],
    };
    for (const resource of template.resources) {
      assert.ok(
        resource.type && resource.name && resource.apiVersion,
        `resource ${resource.type} ${resource.name}: type, name and apiVersion`,
      );
      assert.ok(published[resource.type], `a known resource type: ${resource.type}`);
      assert.ok(
        published[resource.type].includes(resource.apiVersion),
        `${resource.type}@${resource.apiVersion} is a published API version`,
      );
    }
  });

  it('keeps the state storage private', () => {
    const [storage] = byType('Microsoft.Storage/storageAccounts');
    assert.equal(storage.properties?.allowBlobPublicAccess, false);
    assert.equal(storage.properties?.minimumTlsVersion, 'TLS1_2');
  });
});
