/**
 * The user's settings: one versioned object. `migrateSettings` is the only way in: it upgrades an
 * earlier version step by step, fills what is missing with defaults and rejects what is wrong.
 */

import { z } from '../zod';
import {
  DATE_MODES,
  DEFAULT_EXPORT_SETTINGS,
  FIELD_TYPES,
  HIGHLIGHT_SYNTAXES,
  OBSIDIAN_IMAGE_LINKS,
  PRESET_IDS,
  type ExportSettings,
} from '../export/export-settings';
import { isValidTimeZone } from '../export/zoned-date';
import { isHostPattern, normalizeHostPattern, type SiteRule } from '../site-rules';

/** Bump with a migration in MIGRATIONS whenever the stored shape changes. */
export const SETTINGS_VERSION = 1;

export interface Settings {
  version: typeof SETTINGS_VERSION;
  export: ExportSettings;
  siteRules: SiteRule[];
  images: ImageSettings;
}

/** Keeping images with saved articles (issue 15). */
export interface ImageSettings {
  /** Fetch and store each saved article's images (off: they stay at their remote URLs). */
  save: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  export: DEFAULT_EXPORT_SETTINGS,
  siteRules: [],
  images: { save: false },
};

/** What a bad settings value or file gets: a message the options page can show as it is. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

/** One step: takes the object stored at version `to - 1` and returns it at version `to`. */
export interface SettingsMigration {
  to: number;
  /** What changed, dated, for the next reader. */
  description: string;
  migrate(old: Record<string, unknown>): Record<string, unknown>;
}

/**
 * Ordered upgrade steps, one per version after the first. Version 1 (2026-11-25) is the first
 * stored shape, so there is none yet; add `{ to: 2, … }` here with the change that makes version 2.
 */
export const MIGRATIONS: readonly SettingsMigration[] = [];

const text = (max: number) => z.string().max(max, `is longer than ${max} characters`);

const zoneSchema = text(100).refine(
  (zone) => zone === '' || isValidTimeZone(zone),
  'is not a time zone this browser knows (use an IANA name such as Asia/Shanghai or Europe/Paris)',
);

const fieldSchema = z.object({
  key: text(100),
  value: text(10_000),
  type: z.enum(FIELD_TYPES),
});

const customTemplateSchema = z.object({
  folder: text(500).default(DEFAULT_EXPORT_SETTINGS.custom.folder),
  fields: z.array(fieldSchema).max(100).default(DEFAULT_EXPORT_SETTINGS.custom.fields),
  body: text(100_000).default(DEFAULT_EXPORT_SETTINGS.custom.body),
  imageFolder: text(500).default(DEFAULT_EXPORT_SETTINGS.custom.imageFolder),
});

const attachmentsSchema = z.object({
  folder: text(500).default(DEFAULT_EXPORT_SETTINGS.attachments.folder),
  links: z.enum(OBSIDIAN_IMAGE_LINKS).default(DEFAULT_EXPORT_SETTINGS.attachments.links),
});

const exportSchema = z.object({
  preset: z.enum(PRESET_IDS).default(DEFAULT_EXPORT_SETTINGS.preset),
  custom: customTemplateSchema.prefault({}),
  attachments: attachmentsSchema.prefault({}),
  highlightSyntax: z.enum(HIGHLIGHT_SYNTAXES).default(DEFAULT_EXPORT_SETTINGS.highlightSyntax),
  fileNamePattern: text(1_000).default(DEFAULT_EXPORT_SETTINGS.fileNamePattern),
  dateMode: z.enum(DATE_MODES).default(DEFAULT_EXPORT_SETTINGS.dateMode),
  timeZone: zoneSchema
    .refine((zone) => zone !== '', 'is empty')
    .default(DEFAULT_EXPORT_SETTINGS.timeZone),
});

const selector = text(2_000).transform((value) => value.trim());

export const siteRuleSchema = z.object({
  pattern: text(300)
    .refine(isHostPattern, 'is not a host (example.com) or a host pattern (*.example.com)')
    .transform((pattern) => normalizeHostPattern(pattern) ?? pattern),
  category: text(200)
    .transform((value) => value.trim())
    .default(''),
  tags: z
    .array(text(200).transform((value) => value.trim()))
    .max(100)
    .transform((tags) => tags.filter(Boolean))
    .default([]),
  timeZone: zoneSchema.transform((value) => value.trim()).default(''),
  contentSelector: selector.default(''),
  clutterSelectors: z
    .array(selector)
    .max(100)
    .transform((list) => list.filter(Boolean))
    .default([]),
});

export const siteRulesSchema = z
  .array(siteRuleSchema)
  .max(1_000)
  .superRefine((rules, ctx) => {
    const seen = new Map<string, number>();
    rules.forEach((rule, index) => {
      const first = seen.get(rule.pattern);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'pattern'],
          message: `repeats rule ${first + 1} (${rule.pattern})`,
        });
      } else {
        seen.set(rule.pattern, index);
      }
    });
  });

const settingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  export: exportSchema.prefault({}),
  siteRules: siteRulesSchema.default([]),
  // Added 2026-12-06 with a default, so version-1 settings without it still read.
  images: z.object({ save: z.boolean().default(false) }).prefault({}),
});

function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) =>
      typeof part === 'number' ? `[${part + 1}]` : `${i === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

/** The first problem zod found, as `siteRules[2].pattern is not a host…`. */
export function describeIssues(error: z.ZodError, prefix = ''): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid settings.';
  const where = pathText([...(prefix ? [prefix] : []), ...issue.path]);
  const message =
    issue.code === 'invalid_type'
      ? `should be ${issue.expected}`
      : issue.code === 'invalid_value'
        ? `should be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`
        : issue.message;
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problems)` : '';
  return `${where ? `${where} ` : ''}${message}${more}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Runs the steps from the object's version up to `target`, in order. */
export function upgradeSettings(
  raw: Record<string, unknown>,
  migrations: readonly SettingsMigration[] = MIGRATIONS,
  target: number = SETTINGS_VERSION,
): Record<string, unknown> {
  // An object without a version predates versioning: the first shape.
  const version = raw.version ?? 1;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new SettingsError(`version should be a whole number ≥ 1, not ${JSON.stringify(version)}`);
  }
  if (version > target) {
    throw new SettingsError(
      `These settings are version ${version}, from a newer Gleaner; this one reads up to version ${target}.`,
    );
  }
  let current: Record<string, unknown> = { ...raw, version };
  for (let next = version + 1; next <= target; next++) {
    const step = migrations.find((migration) => migration.to === next);
    if (!step) throw new Error(`No settings migration to version ${next}`);
    current = { ...step.migrate(current), version: next };
  }
  return current;
}

/**
 * Any stored or imported settings value → current Settings. `undefined`/`null` (nothing stored yet)
 * gives the defaults; missing fields get their defaults; a wrong value throws a SettingsError
 * naming it.
 */
export function migrateSettings(raw: unknown): Settings {
  if (raw === undefined || raw === null) return structuredClone(DEFAULT_SETTINGS);
  if (!isRecord(raw)) throw new SettingsError('Settings should be a JSON object.');
  const upgraded = upgradeSettings(raw);
  const parsed = settingsSchema.safeParse(upgraded);
  if (!parsed.success) throw new SettingsError(describeIssues(parsed.error));
  return structuredClone(parsed.data) as Settings;
}

/** Site rules on their own (an array), validated and normalised like the ones in Settings. */
export function parseSiteRules(raw: unknown): SiteRule[] {
  const parsed = siteRulesSchema.safeParse(raw);
  if (!parsed.success) throw new SettingsError(describeIssues(parsed.error, 'rules'));
  return parsed.data;
}
