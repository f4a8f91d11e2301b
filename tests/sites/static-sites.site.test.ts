// @vitest-environment jsdom
/**
 * Proof that real static-site generators accept every export: the fixture pages, 30 pages of
 * the corpus slice tests/fixtures/corpus (English, simplified and traditional Chinese) and one hostile post are exported with each preset into a
 * minimal site, which Jekyll 4.3 and Hugo then build; Obsidian files are parsed as YAML. Every value
 * is read back from what the generator produced. Needs Debian's `jekyll` and `hugo` (.ci/run).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  DEFAULT_EXPORT_SETTINGS,
  effectiveHighlightSyntax,
  type ExportSettings,
  type PresetId,
} from '@/lib/export/export-settings';
import { MAX_FILE_NAME_BYTES } from '@/lib/export/file-name';
import { parseFrontMatter } from '@/lib/export/front-matter';
import type { PostData } from '@/lib/export/post-data';
import { postView } from '@/lib/export/post-view';
import { renderPost, type RenderedPost } from '@/lib/export/render-post';
import { epochMs, formatDay, inTimeZone, parseZoned, strftime } from '@/lib/export/zoned-date';
import { emptySiteRule, type SiteRule } from '@/lib/site-rules';
import { loadCorpusPage } from './corpus';
import {
  JEKYLL_CLEAN_LINE,
  buildHugo,
  buildJekyll,
  hugoSite,
  jekyllSite,
  writeTree,
} from './generators';
import { extract, postDataOf } from './post-data';

/** link-list.html is not an article (the popup offers "Clip the selection" there): not exported. */
const FIXTURE_PAGES = ['eastmoney-36kr-wecom', 'harbor-ferry-news'];

/** A fixed list: 15 English, 15 Chinese; titles with quotes, colons, `|`, `/`, `?`, brackets, `&`. */
const CORPUS_PAGES = [
  'moz-herald-sun-1',
  'moz-citylab-1',
  'moz-wapo-2',
  'moz-bbc-1',
  'moz-lwn-1',
  'sh-94fbcc2677208864',
  'sh-33fe2471fd553c65',
  'sh-2f42ef1d3ea0c96e',
  'sh-076f4f33bf75059d',
  'sh-d0382c0d9573a0a7',
  'wcxb-dev-0124',
  'wcxb-dev-4619',
  'wcxb-dev-0238',
  'wcxb-dev-4326',
  'wcxb-dev-0457',
  'cwced-2397c95d',
  'cwced-386d70f8',
  'cwced-47f387e6',
  'cwced-59562291',
  'cwced-5acac71b',
  'cwced-3e1af229',
  'cwced-d96c76b7',
  'cwced-d8d4c4ec',
  'cwced-7c6d2080',
  'cwced-a6e8b739',
  'cwced-f70d9c97',
  'cwced-c4d032a1',
  'cwced-5dc3fa2d',
  'moz-gmw',
  'moz-pixnet',
];

const TAGS = ['news', 'machine learning', '新闻'];
/** In the past on any machine, so Jekyll and Hugo never see a post dated by it as "future". */
const SAVED_AT = '2024-06-01T09:30:00+02:00';
/** The sites' zone, far from the sources' (+08:00, +00:00): many permalinks fall on another day. */
const SITE_ZONE = 'America/Los_Angeles';

const SITE_RULES: SiteRule[] = [
  {
    ...emptySiteRule('*.hanspub.org'),
    category: '汉斯 出版',
    tags: ['期刊', 'News'],
    timeZone: 'Asia/Shanghai',
  },
  // Mozilla's test pages all stand at http://fakehost/test/page.html.
  { ...emptySiteRule('fakehost'), category: 'Mozilla Test', tags: ['測試'] },
  { ...emptySiteRule('corpus.invalid'), timeZone: 'Asia/Hong_Kong' },
];

/** Everything that broke other tools' front matter, and Liquid and shortcodes in the text. */
const HOSTILE: PostData = {
  title: 'He said: "yes" — {{ site.title }} {% raw %} #1984 [draft]: --- / \\ | ? *',
  url: 'https://hostile.example.com/a?b=c&d=<e>',
  canonicalUrl: '',
  siteName: 'Yes',
  author: '@handle: "quoted"',
  language: 'en',
  published: '2023-12-31T23:30:00-10:00',
  savedAt: SAVED_AT,
  tags: ['machine learning', '新闻', 'yes', '1984', 'C#', ':symbol', 'null'],
  excerpt: 'Colons: everywhere',
  leadImage: null,
  wordCount: 42,
  content: [
    'Templates write {{ page.title }} and {% if x %}y{% endif %}; Hugo writes {{< figure src="a" >}}.',
    '',
    '```go',
    '{{ range .Pages }}{{ .Title }}{{ end }} {{% note %}}x{{% /note %}} {{< lone',
    '```',
    '',
    '---',
    '',
    'yes: no',
  ].join('\n'),
  highlights: [
    {
      quote: '{% raw %} *stars* <b>',
      note: '# not a heading: {{ x }}',
      color: 'yellow',
      placed: false,
    },
  ],
};

interface Source {
  id: string;
  /** The article as the popup would hand it over with these settings (highlight syntax). */
  build(settings: ExportSettings): PostData;
}

let sources: Source[] = [];
const work = mkdtempSync(path.join(tmpdir(), 'gleaner-sites-'));

function settingsFor(preset: PresetId, extra: Partial<ExportSettings> = {}): ExportSettings {
  return { ...DEFAULT_EXPORT_SETTINGS, preset, ...extra };
}

interface Exported {
  id: string;
  data: PostData;
  post: RenderedPost;
  settings: ExportSettings;
}

function exportAll(settings: ExportSettings): Exported[] {
  const taken = new Set<string>();
  return sources.map(({ id, build }) => {
    const data = build(settings);
    return { id, data, post: renderPost(data, settings, SITE_RULES, { taken }), settings };
  });
}

function files(exported: readonly Exported[]): Record<string, string> {
  return Object.fromEntries(exported.map(({ post }) => [post.path, post.content]));
}

function html(file: string): Document {
  return new JSDOM(readFileSync(file, 'utf8')).window.document;
}

function listHtmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
}

beforeAll(() => {
  const pages = [
    ...FIXTURE_PAGES.map((page) => ({
      id: page,
      html: readFileSync(`tests/fixtures/pages/${page}.html`, 'utf8'),
      url: `http://127.0.0.1:8000/pages/${page}.html`,
    })),
    ...CORPUS_PAGES.map((name) => {
      const page = loadCorpusPage(name);
      return { id: name, html: page.html, url: page.url };
    }),
  ];
  sources = pages.map(({ id, html: text, url }, index) => {
    const extracted = extract(text, url);
    return {
      id,
      // Highlights on every other page: both shapes are exported.
      build: (settings: ExportSettings) =>
        postDataOf(extracted, {
          tags: TAGS,
          savedAt: SAVED_AT,
          syntax: effectiveHighlightSyntax(settings),
          highlights: index % 2 === 0,
        }),
    };
  });
  sources.push({ id: 'hostile', build: () => HOSTILE });
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

it('exports the fixture pages, 30 corpus pages (15 English, 15 Chinese) and the hostile post', () => {
  expect(sources).toHaveLength(FIXTURE_PAGES.length + 30 + 1);
  const langs = CORPUS_PAGES.map((name) => loadCorpusPage(name).lang);
  expect(langs.filter((lang) => lang === 'en')).toHaveLength(15);
  expect(langs.filter((lang) => lang === 'zh')).toHaveLength(15);
});

/** Jekyll's `/:categories/:year/:month/:day/:title.html`, the date in the site's zone. */
function jekyllPermalinkFile(exported: Exported): string {
  const view = postView(exported.data, exported.settings, SITE_RULES);
  const day = inTimeZone(view.date, SITE_ZONE);
  const slug = exported.post.fileName.replace(/^\d{4}-\d{2}-\d{2}-/, '').replace(/\.md$/, '');
  const categories = view.category ? [view.category.toLowerCase()] : [];
  return path.join(...categories, strftime(day, '%Y/%m/%d'), `${slug}.html`);
}

describe.each([
  ['keeping the source offsets', settingsFor('jekyll')],
  [
    `converting dates to ${SITE_ZONE}`,
    settingsFor('jekyll', { dateMode: 'zone', timeZone: SITE_ZONE }),
  ],
])('Jekyll 4.3, %s', (_label, settings) => {
  let exported: Exported[] = [];
  let root = '';
  let build: ReturnType<typeof buildJekyll>;

  beforeAll(() => {
    exported = exportAll(settings);
    root = path.join(work, `jekyll-${settings.dateMode}`);
    writeTree(root, { ...jekyllSite(SITE_ZONE), ...files(exported) });
    build = buildJekyll(root);
  }, 60_000);

  it('builds with no error and no warning', () => {
    expect(build.status, build.output).toBe(0);
    const unexpected = build.output.split('\n').filter((line) => !JEKYLL_CLEAN_LINE.test(line));
    expect(unexpected).toEqual([]);
  });

  it('renders every post at its permalink (none skipped as "future")', () => {
    const site = path.join(root, '_site');
    const expected = exported.map(jekyllPermalinkFile).sort();
    expect(listHtmlFiles(site).sort()).toEqual(expected);
    expect(expected).toHaveLength(sources.length);
  });

  it('reads back the title, date and categories of every post from the HTML', () => {
    for (const item of exported) {
      const view = postView(item.data, item.settings, SITE_RULES);
      const doc = html(path.join(root, '_site', jekyllPermalinkFile(item)));
      expect(doc.getElementById('title')?.textContent, item.id).toBe(view.title);
      const datetime = doc.getElementById('date')?.getAttribute('datetime') ?? '';
      expect(epochMs(parseZoned(datetime)), `${item.id}: ${datetime}`).toBe(epochMs(view.date));
      const categories = [...doc.querySelectorAll('#categories li')].map((li) => li.textContent);
      expect(categories, item.id).toEqual([view.category]);
      const tags = [...doc.querySelectorAll('#tags li')].map((li) => li.textContent);
      expect(tags, item.id).toEqual(view.tags);
    }
  });

  if (settings.dateMode === 'zone') {
    it("names every file with the day of its permalink (the site's zone)", () => {
      for (const item of exported) {
        const day = jekyllPermalinkFile(item).match(/(\d{4})\/(\d{2})\/(\d{2})\/[^/]+$/)!;
        expect(item.post.fileName.slice(0, 10), item.id).toBe(`${day[1]}-${day[2]}-${day[3]}`);
      }
    });
  }

  it('shows Liquid and braces in the text as text', () => {
    const hostile = exported.find((item) => item.id === 'hostile')!;
    const article = html(path.join(root, '_site', jekyllPermalinkFile(hostile))).querySelector(
      'article',
    )!.textContent;
    expect(article).toContain('{{ page.title }}');
    expect(article).toContain('{% if x %}y{% endif %}');
  });
});

describe('Hugo', () => {
  let exported: Exported[] = [];
  let root = '';
  let build: ReturnType<typeof buildHugo>;

  beforeAll(() => {
    exported = exportAll(settingsFor('hugo'));
    root = path.join(work, 'hugo');
    writeTree(root, { ...hugoSite(SITE_ZONE), ...files(exported) });
    build = buildHugo(root);
  }, 60_000);

  it('builds with no error and no warning (--panicOnWarning)', () => {
    expect(build.status, build.output).toBe(0);
    expect(build.output).not.toMatch(/WARN|ERROR/);
  });

  it('lists every post with its title, date (offset kept) and tags', () => {
    const doc = html(path.join(root, 'public', 'index.html'));
    const items = new Map(
      [...doc.querySelectorAll('#posts li')].map((li) => [li.getAttribute('data-path'), li]),
    );
    expect(items.size).toBe(sources.length);
    for (const item of exported) {
      const view = postView(item.data, item.settings, SITE_RULES);
      const li = items.get(item.post.path.replace(/^content\//, ''));
      expect(li, item.post.path).toBeDefined();
      expect(li!.querySelector('.title')?.textContent, item.id).toBe(view.title);
      const datetime = li!.querySelector('time')?.getAttribute('datetime') ?? '';
      expect(parseZoned(datetime), item.id).toEqual(view.date);
      const tags = [...li!.querySelectorAll('.tag')].map((tag) => tag.textContent);
      expect(tags, item.id).toEqual(view.tags);
      const categories = [...li!.querySelectorAll('.category')].map((c) => c.textContent);
      expect(categories, item.id).toEqual([view.category]);
      const page = path.join(root, 'public', li!.getAttribute('data-url') ?? '', 'index.html');
      expect(existsSync(page), page).toBe(true);
    }
  });

  it('shows shortcode delimiters in the text as text', () => {
    const hostile = exported.find((item) => item.id === 'hostile')!;
    const slug = hostile.post.fileName.replace(/\.md$/, '');
    const text = html(path.join(root, 'public', 'posts', slug, 'index.html')).body.textContent;
    // Goldmark's typographer curls the quotes; the delimiters are what matters.
    expect(text).toMatch(/\{\{< figure src=.a. >\}\}/);
    expect(text).toContain('{{% note %}}x{{% /note %}}');
  });
});

describe('Obsidian', () => {
  let exported: Exported[] = [];

  beforeAll(() => {
    exported = exportAll(settingsFor('obsidian'));
    writeTree(path.join(work, 'vault'), files(exported));
  });

  it('writes every note under Clippings/ with a safe, unique name', () => {
    const names = exported.map((item) => item.post.path);
    expect(new Set(names).size).toBe(sources.length);
    for (const item of exported) {
      expect(item.post.path).toBe(`Clippings/${item.post.fileName}`);
      // eslint-disable-next-line no-control-regex -- asserting that no control character survives
      expect(item.post.fileName).not.toMatch(/[\\/:*?"<>|#^[\]\u0000-\u001f]/);
      expect(new TextEncoder().encode(item.post.fileName).length).toBeLessThanOrEqual(
        MAX_FILE_NAME_BYTES,
      );
      expect(existsSync(path.join(work, 'vault', item.post.path))).toBe(true);
    }
  });

  it('gives properties that parse as YAML with the right types (list, date)', () => {
    for (const item of exported) {
      const view = postView(item.data, item.settings, SITE_RULES);
      const text = readFileSync(path.join(work, 'vault', item.post.path), 'utf8');
      const yamlText = text.split('\n---\n')[0]!.replace(/^---\n/, '');
      // YAML 1.1 with timestamps (what date-aware readers see): dates are dates.
      const typed = parseYaml(yamlText, { version: '1.1', schema: 'yaml-1.1' }) as Record<
        string,
        unknown
      >;
      // YAML 1.2 core (what Obsidian's own parser sees): dates are `YYYY-MM-DD` strings.
      const { data } = parseFrontMatter(text);
      expect(data.title, item.id).toBe(view.title);
      expect(typed.title, item.id).toBe(view.title);
      expect(data.source).toBe(view.source);
      expect(Array.isArray(data.tags) && data.tags.every((tag) => typeof tag === 'string')).toBe(
        true,
      );
      expect(Array.isArray(typed.tags)).toBe(true);
      for (const tag of data.tags as string[]) expect(tag).toMatch(/^[\p{L}\p{N}\p{M}_/-]+$/u);
      expect(typed.created, item.id).toBeInstanceOf(Date);
      expect(data.created).toBe(formatDay(view.saved));
      if (view.published) {
        expect(typed.published, item.id).toBeInstanceOf(Date);
        expect(data.published).toBe(formatDay(view.published));
      } else {
        expect(data).not.toHaveProperty('published');
      }
    }
  });

  it('marks placed highlights as ==…== and lists every highlight at the end', () => {
    const withHighlights = exported.filter((item) => item.data.highlights.length > 0);
    expect(withHighlights.length).toBeGreaterThan(10);
    for (const item of withHighlights) {
      const placed = item.data.highlights.find((highlight) => highlight.placed);
      if (placed) expect(item.post.content).toContain(`==${placed.quote}==`);
      expect(item.post.content).toMatch(/\n## Highlights\n\n> /);
    }
  });
});
