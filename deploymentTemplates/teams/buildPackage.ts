/**
 * `npm run teams:package`: fills the Teams app manifest from environment variables, validates
 * manifest, German localization and icons offline (official JSON schemas shipped in
 * @microsoft/app-manifest), and writes the app package zip that you upload in Teams
 * (Apps > Manage your apps > Upload an app) or in the Teams admin center.
 *
 * Variables (from the environment or .env):
 *   MicrosoftAppId        the bot's Microsoft App ID (Azure Bot resource), required
 *   TEAMS_APP_ID          id of the Teams app (a GUID), default: MicrosoftAppId
 *   PUBLIC_URL            https URL of the bot host: developer website and valid domain
 *   TEAMS_DEVELOPER_NAME  publisher shown in Teams (max. 32 characters)
 *   TEAMS_DEVELOPER_URL, TEAMS_PRIVACY_URL, TEAMS_TERMS_URL   default: PUBLIC_URL
 *   TEAMS_APP_VERSION     default: the version in package.json
 *   TEAMS_PACKAGE_OUT     where to write the zip, default dist/teams/mailflow-tls-bot-teams.zip
 */
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { decodePng, readPngHeader } from './png';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');
export const TEAMS_SOURCE_DIR = path.join(PROJECT_ROOT, 'deploymentTemplates', 'teams');
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export interface TeamsPackageSettings {
  APP_VERSION: string;
  TEAMS_APP_ID: string;
  BOT_ID: string;
  DEVELOPER_NAME: string;
  DEVELOPER_WEBSITE_URL: string;
  PRIVACY_URL: string;
  TERMS_OF_USE_URL: string;
  /** Host names the app may open (the bot host). */
  validDomains: string[];
}

export type Env = Record<string, string | undefined>;

/** Settings from the environment, or an error listing every variable that is missing or wrong. */
export function settingsFromEnv(env: Env): TeamsPackageSettings {
  const problems: string[] = [];
  const value = (name: string) => env[name]?.trim() ?? '';
  const botId = value('MicrosoftAppId');
  if (!GUID.test(botId))
    problems.push("MicrosoftAppId must be the bot's Microsoft App ID (a GUID such as 00000000-0000-0000-0000-000000000000).");
  const appId = value('TEAMS_APP_ID') || botId;
  if (value('TEAMS_APP_ID') && !GUID.test(appId)) problems.push('TEAMS_APP_ID must be a GUID.');
  const publicUrl = value('PUBLIC_URL');
  const url = (name: string) => {
    const candidate = value(name) || publicUrl;
    if (!/^https:\/\/[^\s/]+/i.test(candidate)) {
      problems.push(`${name} (or PUBLIC_URL) must be an https URL, e.g. https://mailflow-bot.azurewebsites.net.`);
    }
    return candidate;
  };
  const website = url('TEAMS_DEVELOPER_URL');
  const privacy = url('TEAMS_PRIVACY_URL');
  const terms = url('TEAMS_TERMS_URL');
  const developer = value('TEAMS_DEVELOPER_NAME') || 'Mailflow TLS Support';
  if (developer.length > 32) problems.push('TEAMS_DEVELOPER_NAME may have at most 32 characters.');
  const packageVersion = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const version = value('TEAMS_APP_VERSION') || packageVersion;
  if (!/^\d{1,5}\.\d{1,5}\.\d{1,5}$/.test(version)) problems.push('TEAMS_APP_VERSION must look like 1.0.0.');
  if (problems.length > 0) throw new TeamsPackageError(problems);
  let validDomains: string[] = [];
  if (/^https:\/\//i.test(publicUrl)) validDomains = [new URL(publicUrl).host];
  return {
    APP_VERSION: version,
    TEAMS_APP_ID: appId.toLowerCase(),
    BOT_ID: botId.toLowerCase(),
    DEVELOPER_NAME: developer,
    DEVELOPER_WEBSITE_URL: website,
    PRIVACY_URL: privacy,
    TERMS_OF_USE_URL: terms,
    validDomains,
  };
}

export class TeamsPackageError extends Error {
  constructor(readonly problems: string[]) {
    super(`The Teams package cannot be built:\n- ${problems.join('\n- ')}`);
  }
}

/** Replaces {{NAME}} in every string of the template (on parsed JSON, so values cannot break the JSON). */
export function fillManifest(template: unknown, settings: TeamsPackageSettings): Record<string, unknown> {
  const fill = (node: unknown): unknown => {
    if (typeof node === 'string') {
      return node.replace(/\{\{([A-Z_]+)\}\}/g, (_, name: string) => {
        const replacement = (settings as unknown as Record<string, unknown>)[name];
        if (typeof replacement !== 'string') throw new Error(`The manifest template uses an unknown placeholder {{${name}}}.`);
        return replacement;
      });
    }
    if (Array.isArray(node)) return node.map(fill);
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, fill(child)]));
    return node;
  };
  const manifest = fill(template) as Record<string, unknown>;
  manifest.validDomains = settings.validDomains;
  return manifest;
}

export interface TeamsPackageFiles {
  manifest: Record<string, unknown>;
  /** Other files of the package by name (localization files, icons). */
  files: Map<string, Buffer>;
}

export function loadPackageSource(settings: TeamsPackageSettings, sourceDir = TEAMS_SOURCE_DIR): TeamsPackageFiles {
  const template: unknown = JSON.parse(readFileSync(path.join(sourceDir, 'manifest.template.json'), 'utf8'));
  const manifest = fillManifest(template, settings);
  const files = new Map<string, Buffer>();
  for (const name of referencedFiles(manifest)) files.set(name, readFileSync(path.join(sourceDir, name)));
  return { manifest, files };
}

function referencedFiles(manifest: Record<string, unknown>): string[] {
  const icons = manifest.icons as { color: string; outline: string };
  const localization = manifest.localizationInfo as { additionalLanguages?: Array<{ file: string }> } | undefined;
  return [icons.color, icons.outline, ...(localization?.additionalLanguages ?? []).map((language) => language.file)];
}

function schemaDir(manifestVersion: string): string {
  const packageBuild = path.dirname(require.resolve('@microsoft/app-manifest'));
  return path.join(packageBuild, 'json-schemas', 'teams', `v${manifestVersion}`);
}

/** Every problem that would make Teams reject the package; empty when it is fine. */
export async function validateTeamsPackage(pkg: TeamsPackageFiles): Promise<string[]> {
  const problems: string[] = [];
  const version = String(pkg.manifest.manifestVersion);
  const dir = schemaDir(version);
  const manifestSchema: unknown = JSON.parse(readFileSync(path.join(dir, 'MicrosoftTeams.schema.json'), 'utf8'));
  const localizationSchema: unknown = JSON.parse(readFileSync(path.join(dir, 'MicrosoftTeams.Localization.schema.json'), 'utf8'));
  const manifestErrors = await AppManifestUtils.validateAgainstSchema(pkg.manifest as never, manifestSchema as never);
  problems.push(...manifestErrors.map((error) => `manifest.json: ${error}`));
  const validateLocalization = localizationValidator(localizationSchema as Record<string, unknown>);

  for (const name of referencedFiles(pkg.manifest)) {
    if (!pkg.files.has(name)) problems.push(`${name} is referenced by the manifest but missing.`);
  }
  const localization = pkg.manifest.localizationInfo as { additionalLanguages?: Array<{ file: string }> } | undefined;
  for (const { file } of localization?.additionalLanguages ?? []) {
    const bytes = pkg.files.get(file);
    if (!bytes) continue;
    let document: unknown;
    try {
      document = JSON.parse(bytes.toString('utf8'));
    } catch {
      problems.push(`${file} is not valid JSON.`);
      continue;
    }
    if (!validateLocalization(document)) {
      problems.push(
        ...(validateLocalization.errors ?? []).map(
          (error) => `${file}: ${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
        ),
      );
    }
  }

  const icons = pkg.manifest.icons as { color: string; outline: string };
  problems.push(...checkIcon(icons.color, pkg.files.get(icons.color), 192, false));
  problems.push(...checkIcon(icons.outline, pkg.files.get(icons.outline), 32, true));
  return problems;
}

/**
 * The localization schema is draft-04 but uses only keywords that mean the same in Ajv's default
 * draft (type, maxLength, pattern, properties, patternProperties, required, additionalProperties,
 * $ref, format), and its key patterns are not valid under Ajv's default unicode regular
 * expressions (the package's own validator fails on it): compile it without the u flag.
 */
function localizationValidator(schema: Record<string, unknown>) {
  const { $schema: _draft, ...body } = schema;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(body);
}

function checkIcon(name: string, bytes: Buffer | undefined, size: number, outline: boolean): string[] {
  if (!bytes) return [];
  let header;
  try {
    header = readPngHeader(bytes);
  } catch {
    return [`${name} is not a PNG file.`];
  }
  if (header.width !== size || header.height !== size) return [`${name} is ${header.width}x${header.height}; Teams needs ${size}x${size}.`];
  if (!outline) return [];
  // Teams draws the outline icon on its own backgrounds: white where drawn, transparent elsewhere.
  let image;
  try {
    image = decodePng(bytes);
  } catch (err) {
    return [`${name}: ${(err as Error).message} (the outline icon needs transparency).`];
  }
  let transparent = 0;
  for (let i = 0; i < image.pixels.length; i += 4) {
    const [r, g, b, a] = image.pixels.subarray(i, i + 4);
    if (a === 0) transparent += 1;
    else if (r !== 255 || g !== 255 || b !== 255)
      return [`${name} must be white on a transparent background (pixel ${i / 4} is not white).`];
  }
  return transparent === 0 ? [`${name} has no transparent pixels.`] : [];
}

/** The validated app package as a zip: manifest.json, icons and localization files at the root. */
export async function buildTeamsPackage(settings: TeamsPackageSettings, sourceDir = TEAMS_SOURCE_DIR): Promise<Buffer> {
  const pkg = loadPackageSource(settings, sourceDir);
  const problems = await validateTeamsPackage(pkg);
  if (problems.length > 0) throw new TeamsPackageError(problems);
  const zip = new JSZip();
  // A fixed date keeps the zip identical for identical input.
  const date = new Date('2024-01-01T00:00:00Z');
  zip.file('manifest.json', `${JSON.stringify(pkg.manifest, null, 2)}\n`, { date });
  for (const [name, bytes] of pkg.files) zip.file(name, bytes, { date });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function main(): Promise<void> {
  (await import('dotenv')).config({ path: path.join(PROJECT_ROOT, '.env'), quiet: true });
  const out = path.resolve(PROJECT_ROOT, process.env.TEAMS_PACKAGE_OUT?.trim() || path.join('dist', 'teams', 'mailflow-tls-bot-teams.zip'));
  try {
    const settings = settingsFromEnv(process.env);
    const zip = await buildTeamsPackage(settings);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, zip);
    console.log(`Teams app package written: ${out} (${zip.length} bytes)`);
    console.log(
      `App id ${settings.TEAMS_APP_ID}, bot id ${settings.BOT_ID}, version ${settings.APP_VERSION}. Upload it in Teams: Apps > Manage your apps > Upload an app.`,
    );
  } catch (err) {
    console.error(err instanceof TeamsPackageError ? err.message : `The Teams package cannot be built: ${(err as Error).message}`);
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
