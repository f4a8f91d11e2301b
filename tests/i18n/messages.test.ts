/**
 * The two message files stay in step, and the code asks only for messages that exist: a key missing
 * in either language, placeholders that differ, or a `t('…')` of an unknown key fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatMessage, setFallbackMessages, t, tCount } from '@/lib/i18n';

interface Entry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
type Catalog = Record<string, Entry>;

const LOCALES_DIR = 'public/_locales';
const LOCALES = readdirSync(LOCALES_DIR).sort();
const catalogs: Record<string, Catalog> = Object.fromEntries(
  LOCALES.map((locale) => [
    locale,
    JSON.parse(readFileSync(path.join(LOCALES_DIR, locale, 'messages.json'), 'utf8')) as Catalog,
  ]),
);
const english = catalogs.en!;

/** Messages with no Chinese character on purpose (a code, a name, a joiner of two sentences). */
const UNTRANSLATED_ON_PURPOSE = new Set(['lang', 'template_front_matter', 'sentences_join']);

const SOURCE_ROOTS = ['entrypoints', 'components', 'lib', 'wxt.config.ts'];

function sourceFiles(entry: string): string[] {
  if (statSync(entry).isFile()) return [entry];
  return readdirSync(entry).flatMap((name) => {
    const child = path.join(entry, name);
    if (statSync(child).isDirectory()) return sourceFiles(child);
    return /\.(ts|tsx|html)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [child] : [];
  });
}
const sources = SOURCE_ROOTS.flatMap(sourceFiles).map((file) => ({
  file,
  text: readFileSync(file, 'utf8'),
}));

function placeholderNamesIn(message: string): string[] {
  return [...message.matchAll(/\$([a-z0-9_@]+)\$/gi)].map((m) => m[1]!.toLowerCase()).sort();
}

describe('message files', () => {
  it('exist for English and Simplified Chinese, English being the default', () => {
    expect(LOCALES).toEqual(['en', 'zh_CN']);
    expect(readFileSync('wxt.config.ts', 'utf8')).toMatch(/default_locale: 'en'/);
  });

  it.each(LOCALES)('%s has every key the other has', (locale) => {
    const keys = Object.keys(catalogs[locale]!).sort();
    for (const other of LOCALES) expect(keys).toEqual(Object.keys(catalogs[other]!).sort());
  });

  it('uses keys the browser accepts, unique without regard to case', () => {
    const keys = Object.keys(english);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_]+$/);
    expect(new Set(keys.map((key) => key.toLowerCase())).size).toBe(keys.length);
  });

  it.each(LOCALES)(
    '%s: every message is non-empty and its placeholders are defined and used',
    (locale) => {
      for (const [key, entry] of Object.entries(catalogs[locale]!)) {
        expect(entry.message.trim(), `${locale}/${key}`).not.toBe('');
        const used = [...new Set(placeholderNamesIn(entry.message))];
        const defined = Object.keys(entry.placeholders ?? {})
          .map((n) => n.toLowerCase())
          .sort();
        expect(used, `${locale}/${key}`).toEqual(defined);
        // A lone `$` would be read as a substitution by the browser.
        const rest = entry.message.replace(/\$[a-z0-9_@]+\$/gi, '');
        expect(rest, `${locale}/${key}`).not.toContain('$');
      }
    },
  );

  it('gives the same placeholders (name and substitution) in every language', () => {
    for (const [key, entry] of Object.entries(english)) {
      const shape = (e: Entry | undefined) =>
        Object.fromEntries(
          Object.entries(e?.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]),
        );
      for (const locale of LOCALES)
        expect(shape(catalogs[locale]![key]), `${locale}/${key}`).toEqual(shape(entry));
    }
  });

  it('describes every English message for translators', () => {
    for (const [key, entry] of Object.entries(english)) expect(entry.description, key).toBeTruthy();
  });

  it('has Chinese that is Chinese, not English left over', () => {
    for (const [key, entry] of Object.entries(catalogs.zh_CN!)) {
      if (UNTRANSLATED_ON_PURPOSE.has(key)) continue;
      // Han characters or full-width punctuation (，。：).
      expect(entry.message, key).toMatch(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/);
    }
  });

  it('keeps the store name and description within the stores’ limits', () => {
    for (const locale of LOCALES) {
      expect(catalogs[locale]!.ext_name!.message.length).toBeLessThanOrEqual(75);
      expect(catalogs[locale]!.ext_description!.message.length).toBeLessThanOrEqual(132);
    }
  });
});

describe('the code and the message files', () => {
  const calls = sources.flatMap(({ file, text }) => [
    ...[...text.matchAll(/\b(?:t|richMessage)\(\s*'([^']*)'/g)].map((m) => ({ file, key: m[1]! })),
    ...[...text.matchAll(/\btCount\([^;]*?,\s*'([^']*)',\s*'([^']*)'\s*\)/g)].flatMap((m) => [
      { file, key: m[1]! },
      { file, key: m[2]! },
    ]),
    ...[...text.matchAll(/__MSG_([A-Za-z0-9_@]+)__/g)].map((m) => ({ file, key: m[1]! })),
  ]);

  it('finds the calls it checks', () => {
    expect(calls.length).toBeGreaterThan(100);
  });

  it('asks only for messages the English file has', () => {
    const unknown = calls.filter(({ key }) => !(key in english));
    expect(unknown).toEqual([]);
  });

  it('has no message that no code uses', () => {
    const everything = sources.map((s) => s.text).join('\n');
    const unused = Object.keys(english).filter(
      (key) => !everything.includes(`'${key}'`) && !everything.includes(`__MSG_${key}__`),
    );
    expect(unused).toEqual([]);
  });

  it('names the manifest, its button and its shortcuts through messages', () => {
    const config = readFileSync('wxt.config.ts', 'utf8');
    for (const field of ['name', 'description', 'default_title']) {
      expect(config).toMatch(new RegExp(`${field}: '__MSG_\\w+__'`));
    }
    const commands = config.slice(config.indexOf('commands:'));
    const descriptions = [...commands.matchAll(/description: '([^']*)'/g)].map((m) => m[1]);
    expect(descriptions.length).toBeGreaterThanOrEqual(4);
    for (const description of descriptions) expect(description).toMatch(/^__MSG_\w+__$/);
  });
});

describe('t()', () => {
  it('falls back to the English file when the browser gives nothing', () => {
    expect(t('popup_save')).toBe('Save');
    expect(t('popup_exported', '2022-01-12-slug.md')).toBe('Exported 2022-01-12-slug.md');
    expect(t('options_not_imported', 'a.json', 'not JSON')).toBe(
      'a.json was not imported: not JSON',
    );
  });

  it('gives the key itself where neither the browser nor a fallback has the message', () => {
    setFallbackMessages({});
    try {
      expect(t('popup_save')).toBe('popup_save');
    } finally {
      setFallbackMessages(english);
    }
  });

  it('picks one or other by count', () => {
    expect(tCount(1, 'words_one', 'words_other')).toBe('1 word');
    expect(tCount(1250, 'words_one', 'words_other')).toBe(`${(1250).toLocaleString()} words`);
  });

  it('substitutes as the browser does', () => {
    const entry = {
      message: 'Moved $COUNT$ of $Total$ for $$5',
      placeholders: { count: { content: '$1' }, total: { content: '$2' } },
    };
    expect(formatMessage(entry, ['3', '7'])).toBe('Moved 3 of 7 for $5');
    expect(formatMessage(entry, [])).toBe('Moved  of  for $5');
  });
});
