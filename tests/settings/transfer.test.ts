import { describe, expect, it } from 'vitest';
import { DEFAULT_CUSTOM_TEMPLATE } from '@/lib/export/export-settings';
import { DEFAULT_SETTINGS, SettingsError, migrateSettings } from '@/lib/settings/settings';
import {
  settingsFromJson,
  settingsToJson,
  siteRulesFromJson,
  siteRulesToJson,
} from '@/lib/settings/transfer';

const settings = migrateSettings({
  export: {
    preset: 'obsidian',
    fileNamePattern: '{{ title }}',
    dateMode: 'zone',
    timeZone: 'Asia/Tokyo',
  },
  siteRules: [
    { pattern: '*.36kr.com', category: '科技', tags: ['36氪新闻'], clutterSelectors: ['.share'] },
  ],
});

describe('settings files', () => {
  it('round-trip', () => {
    const json = settingsToJson(settings);
    expect(JSON.parse(json)).toMatchObject({ kind: 'gleaner-settings', version: 1 });
    expect(settingsFromJson(json)).toEqual(settings);
  });

  it('accept a byte order mark and a file without kind', () => {
    expect(settingsFromJson(`\uFEFF${settingsToJson(settings)}`)).toEqual(settings);
    expect(settingsFromJson('{"export":{"preset":"hugo"}}').export.preset).toBe('hugo');
  });

  it.each([
    ['', 'The settings file is empty.'],
    ['{"export": ', /^The settings file is not JSON \(/],
    ['[1, 2]', 'The settings file should hold a JSON object.'],
    [
      '{"kind":"gleaner-site-rules","rules":[]}',
      'This is a site rules file: import it under Site rules.',
    ],
    ['{"kind":"something-else"}', 'This is not a Gleaner settings file (kind "something-else").'],
    ['{"name":"x"}', 'This is not a Gleaner settings file (no "export" or "siteRules").'],
    ['{"kind":"gleaner-settings","version":2}', /from a newer Gleaner/],
    [
      '{"kind":"gleaner-settings","export":{"preset":"blogger"}}',
      /^export\.preset should be one of/,
    ],
    [
      JSON.stringify({ export: { custom: { ...DEFAULT_CUSTOM_TEMPLATE, body: '{{ titel }}' } } }),
      'Custom template: Body: unknown variable "titel" (line 1, column 4)',
    ],
    [JSON.stringify({ export: { fileNamePattern: '{{ nope' } }), /^File name: /],
  ])('reject %j with a clear message', (text, message) => {
    expect(() => settingsFromJson(text)).toThrow(SettingsError);
    expect(() => settingsFromJson(text)).toThrow(message);
  });
});

describe('site rules files', () => {
  it('round-trip', () => {
    const json = siteRulesToJson(settings.siteRules);
    expect(JSON.parse(json)).toMatchObject({ kind: 'gleaner-site-rules', version: 1 });
    expect(siteRulesFromJson(json)).toEqual(settings.siteRules);
  });

  it('accept a bare list and the rules of a settings file', () => {
    expect(siteRulesFromJson('[{"pattern":"a.com"}]')).toHaveLength(1);
    expect(siteRulesFromJson(settingsToJson(settings))).toEqual(settings.siteRules);
    expect(siteRulesFromJson(settingsToJson(DEFAULT_SETTINGS))).toEqual([]);
  });

  it.each([
    ['nope', /^The site rules file is not JSON/],
    ['{"kind":"gleaner-site-rules"}', 'The site rules file has no "rules" list.'],
    ['{"kind":"x","rules":[]}', 'This is not a Gleaner site rules file (kind "x").'],
    ['{"kind":"gleaner-site-rules","version":9,"rules":[]}', /from a newer Gleaner/],
    ['[{"pattern":"a b"}]', /^rules\[1\]\.pattern is not a host/],
    ['[{"pattern":"a.com","timeZone":"Nowhere"}]', /^rules\[1\]\.timeZone is not a time zone/],
    ['[{"pattern":"a.com","tags":"x, y"}]', /^rules\[1\]\.tags should be array$/],
  ])('reject %j', (text, message) => {
    expect(() => siteRulesFromJson(text)).toThrow(message);
  });
});
