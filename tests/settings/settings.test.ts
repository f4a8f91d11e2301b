import { describe, expect, it } from 'vitest';
import { DEFAULT_CUSTOM_TEMPLATE, DEFAULT_EXPORT_SETTINGS } from '@/lib/export/export-settings';
import {
  DEFAULT_SETTINGS,
  SETTINGS_VERSION,
  SettingsError,
  migrateSettings,
  parseSiteRules,
  upgradeSettings,
  type Settings,
  type SettingsMigration,
} from '@/lib/settings/settings';
import { emptySiteRule } from '@/lib/site-rules';

describe('migrateSettings', () => {
  it('gives the defaults when nothing is stored', () => {
    expect(migrateSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(migrateSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.export.preset).toBe('jekyll');
    expect(DEFAULT_SETTINGS.export.highlightSyntax).toBe('mark');
    expect(DEFAULT_SETTINGS.export.dateMode).toBe('source');
  });

  it('returns a copy, never the shared defaults', () => {
    const settings = migrateSettings(undefined);
    settings.export.custom.fields.push({ key: 'x', value: 'y', type: 'text' });
    expect(DEFAULT_SETTINGS.export.custom.fields).toHaveLength(
      DEFAULT_CUSTOM_TEMPLATE.fields.length,
    );
  });

  it('fills what is missing with defaults, at every level', () => {
    const settings = migrateSettings({
      version: 1,
      export: { preset: 'hugo', custom: { body: '{{ content }}' } },
      siteRules: [{ pattern: '*.36kr.com', category: '科技' }],
    });
    expect(settings.export).toEqual({
      ...DEFAULT_EXPORT_SETTINGS,
      preset: 'hugo',
      custom: { ...DEFAULT_CUSTOM_TEMPLATE, body: '{{ content }}' },
    });
    expect(settings.siteRules).toEqual([{ ...emptySiteRule('*.36kr.com'), category: '科技' }]);
    // Settings saved before images were exported: Obsidian's attachments folder, wikilinks.
    expect(settings.export.attachments).toEqual({
      folder: 'Clippings/attachments',
      links: 'wikilink',
    });
    expect(settings.export.custom.imageFolder).toBe('assets/images/{{ title | slug }}');
  });

  it('reads an object without a version as the first version', () => {
    expect(migrateSettings({ export: { preset: 'obsidian' } }).export.preset).toBe('obsidian');
    expect(migrateSettings({}).version).toBe(SETTINGS_VERSION);
  });

  it('drops keys it does not know', () => {
    expect(migrateSettings({ version: 1, theme: 'dark' })).toEqual(DEFAULT_SETTINGS);
  });

  it.each([
    ['a string', 'settings', /JSON object/],
    ['an array', [], /JSON object/],
    [
      'a preset that does not exist',
      { export: { preset: 'wordpress' } },
      /^export\.preset should be one of "jekyll", "hugo", "obsidian", "custom"$/,
    ],
    [
      'a wrong type',
      { export: { fileNamePattern: 42 } },
      /^export\.fileNamePattern should be string$/,
    ],
    [
      'an unknown zone',
      { export: { timeZone: 'Mars/Base' } },
      /^export\.timeZone is not a time zone/,
    ],
    ['an empty zone', { export: { timeZone: '' } }, /^export\.timeZone is empty/],
    [
      'a bad field type',
      { export: { custom: { fields: [{ key: 'a', value: 'b', type: 'date-time' }] } } },
      /^export\.custom\.fields\[1\]\.type should be one of/,
    ],
    [
      'a bad host pattern',
      { siteRules: [{ pattern: 'news on example.com' }] },
      /^siteRules\[1\]\.pattern is not a host/,
    ],
    [
      'a repeated host',
      { siteRules: [{ pattern: 'a.com' }, { pattern: 'A.com' }] },
      /^siteRules\[2\]\.pattern repeats rule 1 \(a\.com\)$/,
    ],
    [
      'a version from the future',
      { version: 7 },
      /version 7, from a newer Gleaner; this one reads up to version 1/,
    ],
    ['a bad version', { version: 'two' }, /version should be a whole number/],
  ])('rejects %s with a message naming it', (_label, raw, message) => {
    expect(() => migrateSettings(raw)).toThrow(SettingsError);
    expect(() => migrateSettings(raw)).toThrow(message);
  });

  it('counts further problems', () => {
    expect(() => migrateSettings({ export: { preset: 1, dateMode: 2 } })).toThrow(
      /\(and 1 more problems\)$/,
    );
  });
});

describe('upgradeSettings', () => {
  // The shipped list is empty (version 1 is the first stored shape): the machinery is shown here.
  const steps: SettingsMigration[] = [
    {
      to: 3,
      description: 'rename dateMode "keep" to "source"',
      migrate: (old) => ({ ...old, trail: [...(old.trail as string[]), 'to3'] }),
    },
    {
      to: 2,
      description: 'move preset under export',
      migrate: (old) => ({ export: { preset: old.preset }, trail: ['to2'] }),
    },
  ];

  it('runs every step from the stored version up, in order', () => {
    expect(upgradeSettings({ version: 1, preset: 'hugo' }, steps, 3)).toEqual({
      version: 3,
      export: { preset: 'hugo' },
      trail: ['to2', 'to3'],
    });
    expect(upgradeSettings({ version: 2, trail: [] }, steps, 3)).toEqual({
      version: 3,
      trail: ['to3'],
    });
  });

  it('leaves a current object alone', () => {
    expect(upgradeSettings({ version: 3, a: 1 }, steps, 3)).toEqual({ version: 3, a: 1 });
  });

  it('fails loudly when a step is missing', () => {
    expect(() => upgradeSettings({ version: 1 }, steps.slice(0, 1), 3)).toThrow(
      'No settings migration to version 2',
    );
  });
});

describe('site rules', () => {
  it('normalise patterns: lower case, no scheme, path or port, Unicode hosts in punycode', () => {
    const rules = parseSiteRules([
      { pattern: 'HTTPS://WWW.Example.COM:8080/news?x=1' },
      { pattern: ' *.36KR.com. ' },
      { pattern: '*.例子.中国' },
      { pattern: '127.0.0.1' },
      { pattern: 'https://*.example.org/*' },
    ]);
    expect(rules.map((rule) => rule.pattern)).toEqual([
      'www.example.com',
      '*.36kr.com',
      '*.xn--fsqu00a.xn--fiqs8s',
      '127.0.0.1',
      '*.example.org',
    ]);
  });

  it('trim values and drop empty tags and selectors', () => {
    const [rule] = parseSiteRules([
      {
        pattern: 'a.com',
        category: '  科技 ',
        tags: [' 新闻 ', '', '  '],
        timeZone: 'Asia/Shanghai',
        contentSelector: ' article .body ',
        clutterSelectors: ['.share', ' ', '.related'],
      },
    ]);
    expect(rule).toEqual({
      pattern: 'a.com',
      category: '科技',
      tags: ['新闻'],
      timeZone: 'Asia/Shanghai',
      contentSelector: 'article .body',
      clutterSelectors: ['.share', '.related'],
    });
  });

  it.each([['*'], ['*.com.*'], ['a..b'], ['-a.com'], ['*.1.2.3.4'], ['']])(
    'reject %j',
    (pattern) => {
      expect(() => parseSiteRules([{ pattern }])).toThrow(/rules\[1\]\.pattern/);
    },
  );
});

it('Settings are plain JSON (they go through extension storage and files)', () => {
  const settings: Settings = migrateSettings({
    siteRules: [{ pattern: 'a.com', tags: ['x'] }],
  });
  expect(JSON.parse(JSON.stringify(settings))).toEqual(settings);
});
