/**
 * Settings and site rules as JSON files, for backup and sharing. Reading a file either gives
 * complete, valid values or throws a SettingsError saying what is wrong: nothing half-imported.
 */

import { validateFileNamePattern, validateTemplate } from '../export/render-post';
import {
  SETTINGS_VERSION,
  SettingsError,
  migrateSettings,
  parseSiteRules,
  type Settings,
} from './settings';
import type { SiteRule } from '../site-rules';

export const SETTINGS_FILE_KIND = 'gleaner-settings';
export const SITE_RULES_FILE_KIND = 'gleaner-site-rules';

/** The checks that need the template engine: a stored template always renders. */
export function checkSettings(settings: Settings): string | null {
  const template = validateTemplate(settings.export.custom);
  if (!template.ok) return `Custom template: ${template.error}`;
  // The Jekyll-specific rule is checked when the pattern is edited; here only that it renders.
  const pattern = validateFileNamePattern(settings.export.fileNamePattern, 'custom');
  if (!pattern.ok) return pattern.error;
  return null;
}

function parseJson(text: string, what: string): unknown {
  if (!text.trim()) throw new SettingsError(`The ${what} file is empty.`);
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    throw new SettingsError(
      `The ${what} file is not JSON (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function settingsToJson(settings: Settings): string {
  const { version, ...rest } = settings;
  return `${JSON.stringify({ kind: SETTINGS_FILE_KIND, version, ...rest }, null, 2)}\n`;
}

/** A settings file → Settings (upgraded, defaults filled, template checked); throws SettingsError. */
export function settingsFromJson(text: string): Settings {
  const raw = parseJson(text, 'settings');
  if (!isRecord(raw)) throw new SettingsError('The settings file should hold a JSON object.');
  const { kind, ...rest } = raw;
  if (kind === SITE_RULES_FILE_KIND) {
    throw new SettingsError('This is a site rules file: import it under Site rules.');
  }
  if (kind !== undefined && kind !== SETTINGS_FILE_KIND) {
    throw new SettingsError(`This is not a Gleaner settings file (kind ${JSON.stringify(kind)}).`);
  }
  if (kind === undefined && !('export' in rest) && !('siteRules' in rest)) {
    throw new SettingsError('This is not a Gleaner settings file (no "export" or "siteRules").');
  }
  const settings = migrateSettings(rest);
  const problem = checkSettings(settings);
  if (problem) throw new SettingsError(problem);
  return settings;
}

export function siteRulesToJson(rules: readonly SiteRule[]): string {
  return `${JSON.stringify({ kind: SITE_RULES_FILE_KIND, version: SETTINGS_VERSION, rules }, null, 2)}\n`;
}

/** A site rules file (or a bare array of rules, or a settings file's rules) → rules; throws SettingsError. */
export function siteRulesFromJson(text: string): SiteRule[] {
  const raw = parseJson(text, 'site rules');
  if (Array.isArray(raw)) return parseSiteRules(raw);
  if (!isRecord(raw)) throw new SettingsError('The site rules file should hold a JSON object.');
  if (raw.kind === SETTINGS_FILE_KIND) return settingsFromJson(text).siteRules;
  if (raw.kind !== undefined && raw.kind !== SITE_RULES_FILE_KIND) {
    throw new SettingsError(
      `This is not a Gleaner site rules file (kind ${JSON.stringify(raw.kind)}).`,
    );
  }
  if (typeof raw.version === 'number' && raw.version > SETTINGS_VERSION) {
    throw new SettingsError(
      `These site rules are version ${raw.version}, from a newer Gleaner; this one reads up to version ${SETTINGS_VERSION}.`,
    );
  }
  if (!Array.isArray(raw.rules))
    throw new SettingsError('The site rules file has no "rules" list.');
  return parseSiteRules(raw.rules);
}
