// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseFrontMatter } from '@/lib/export/front-matter';
import { DEFAULT_EXPORT_SETTINGS } from '@/lib/export/export-settings';
import { createBackup, storageToRestore } from '@/lib/library/backup';
import { exportBundles, renderBatch, type BatchRenderer } from '@/lib/library/bulk-export';
import { deflateFile } from '@/lib/library/deflate';
import { filesFileSet, importFileSets, zipFileSet, type FileSet } from '@/lib/library/import-files';
import { recordFromPost } from '@/lib/library/post-import';
import type { ArticleBundle } from '@/lib/library/types';
import { DEFAULT_SETTINGS } from '@/lib/settings/settings';
import { GleanerDB } from '@/lib/storage/db';
import { getBundles, importRecords } from '@/lib/storage/library-repo';
import { SEED_POST_PATH } from '../support/fixtures';
import { storedArticle, storedHighlight } from './support';

const NOW = '2026-12-01T09:00:00+00:00';
const SETTINGS = { export: DEFAULT_EXPORT_SETTINGS, siteRules: [] };

let source: GleanerDB;
let target: GleanerDB;

beforeEach(async () => {
  source = new GleanerDB(`export-${Math.random()}`);
  target = new GleanerDB(`import-${Math.random()}`);
  await source.articles.bulkAdd([
    storedArticle(1, {
      html: '<p>企业微信成为了这一命题的最优解。</p><p>Second paragraph.</p>',
      text: '企业微信成为了这一命题的最优解。\nSecond paragraph.',
      markdown: '企业微信成为了这一命题的最优解。\n\nSecond paragraph.',
      tags: ['36氪新闻', 'city life'],
    }),
    storedArticle(2, { title: 'Same title', published: '2026-11-20T08:00:00-05:00' }),
    storedArticle(3, {
      title: 'Same title',
      published: '2026-11-20T09:00:00-05:00',
      siteName: null,
      byline: 'A. Writer',
    }),
  ]);
  await source.highlights.bulkAdd([
    storedHighlight('a-1', 1, {
      quote: '企业微信',
      note: 'a note: with "quotes"\nand a line',
      articleSelectors: [
        { type: 'TextQuoteSelector', exact: '企业微信', prefix: '', suffix: '成为了' },
        { type: 'TextPositionSelector', start: 0, end: 4 },
      ],
    }),
    storedHighlight('a-1', 2, { quote: 'Second', color: 'green' }),
    storedHighlight('a-3', 1),
  ]);
});

afterEach(async () => {
  await source.delete();
  await target.delete();
});

/** A highlight across a-1's two paragraphs: only a DOM places it (its quote has a line break). */
const ACROSS_PARAGRAPHS = storedHighlight('a-1', 3, {
  quote: '最优解。\nSecond',
  articleSelectors: [
    {
      type: 'TextQuoteSelector',
      exact: '最优解。\nSecond',
      prefix: '这一命题的',
      suffix: ' paragraph',
    },
  ],
});

async function exportAll(db: GleanerDB, ids?: string[]) {
  const all = ids ?? (await db.articles.orderBy('savedAt').reverse().primaryKeys());
  const progress: number[] = [];
  const result = await exportBundles({
    ids: all,
    fetchBundles: (batch) => getBundles(db, batch),
    settings: SETTINGS,
    batchSize: 2,
    onProgress: (p) => progress.push(p.done),
  });
  return { ...result, progress, zip: new Uint8Array(await result.blob.arrayBuffer()) };
}

function importInto(db: GleanerDB, sets: FileSet[]) {
  return importFileSets(sets, {
    nowIso: NOW,
    send: (records, keepIds) => importRecords(db, records, NOW, { keepIds }),
  });
}

/** Bundles without ids (the article's and the highlights' own, and the link between them). */
async function libraryOf(db: GleanerDB) {
  const ids = await db.articles.orderBy('savedAt').primaryKeys();
  const bundles = await getBundles(db, ids);
  const withoutIds = (b: ArticleBundle) => ({
    article: { ...b.article, id: undefined },
    highlights: b.highlights.map((h) => ({ ...h, id: undefined, articleId: undefined })),
  });
  return bundles.map(withoutIds).sort((a, b) => a.article.url.localeCompare(b.article.url));
}

describe('bulk export', () => {
  it('writes a site fragment: posts under _posts/ with unique names, and sidecars', async () => {
    const { zip, count, progress } = await exportAll(source);
    expect(count).toBe(3);
    expect(progress).toEqual([2, 3]);
    const files = unzipSync(zip);
    const posts = Object.keys(files).filter((name) => name.startsWith('_posts/'));
    expect(posts.sort()).toEqual([
      expect.stringMatching(/^_posts\/2022-01-12-article-1\.md$/),
      '_posts/2026-11-20-same-title-2.md',
      '_posts/2026-11-20-same-title.md',
    ]);
    // Three sidecars and the manifest.
    expect(Object.keys(files).filter((n) => n.startsWith('_gleaner/'))).toHaveLength(4);
    expect(JSON.parse(new TextDecoder().decode(files['_gleaner/export.json']))).toMatchObject({
      format: 'gleaner-export',
      articles: 3,
    });
  });

  it('marks highlights in the syntax the preset writes (Obsidian: ==…==), as the popup does', async () => {
    const obsidian = {
      export: {
        ...DEFAULT_EXPORT_SETTINGS,
        preset: 'obsidian' as const,
        highlightSyntax: 'mark' as const,
      },
      siteRules: [],
    };
    const result = await exportBundles({
      ids: ['a-1'],
      fetchBundles: (batch) => getBundles(source, batch),
      settings: obsidian,
    });
    const files = unzipSync(new Uint8Array(await result.blob.arrayBuffer()));
    const post = Object.entries(files).find(([name]) => name.startsWith('Clippings/'))?.[1];
    const text = new TextDecoder().decode(post);
    expect(text).toContain('==企业微信==');
    expect(text).not.toContain('<mark>');
  });

  it('lists the highlights (quote, note, colour) in the front matter', async () => {
    const files = unzipSync((await exportAll(source)).zip);
    const post = new TextDecoder().decode(files['_posts/2022-01-12-article-1.md']);
    const { data } = parseFrontMatter(post);
    expect(data.title).toBe('Article 1');
    expect(data.tags).toEqual(['36氪新闻', 'city life']);
    expect(data.highlights).toEqual([
      { quote: '企业微信', note: 'a note: with "quotes"\nand a line', color: 'yellow' },
      { quote: 'Second', color: 'green' },
    ]);
    // The rest of the front matter is the template's, untouched.
    expect(
      post.startsWith('---\nlayout: post\ntitle: "Article 1"\ndate: 2022-01-12 21:56:33 +0800\n'),
    ).toBe(true);
  });

  it('with workers (no DOM, names of their own), still writes unique names and every article', async () => {
    // Two "workers", each with its own names, one batch each: both name their post
    // 2026-11-20-same-title.md. The article with a highlight across two paragraphs comes back
    // to the page (a DOM places it); plain quotes a worker marks itself.
    await source.highlights.where('articleId').equals('a-3').delete();
    await source.highlights.put(ACROSS_PARAGRAPHS);
    const workers = [new Set<string>(), new Set<string>()];
    let calls = 0;
    const renderer: BatchRenderer = {
      render: async (ids) =>
        renderBatch(await getBundles(source, ids), SETTINGS, workers[calls++ % 2]!, {
          dom: false,
          deflate: (file) => deflateFile(file, 1),
        }),
      deflate: async (files) => files.map((file) => deflateFile(file, 1)),
      close: () => undefined,
    };
    const result = await exportBundles({
      ids: ['a-2', 'a-3', 'a-1'],
      fetchBundles: (batch) => getBundles(source, batch),
      settings: SETTINGS,
      batchSize: 1,
      renderer,
    });
    expect(result.count).toBe(3);
    const files = unzipSync(new Uint8Array(await result.blob.arrayBuffer()));
    const posts = Object.keys(files).filter((name) => name.startsWith('_posts/'));
    expect(posts.sort()).toEqual([
      '_posts/2022-01-12-article-1.md',
      '_posts/2026-11-20-same-title-2.md',
      '_posts/2026-11-20-same-title.md',
    ]);
    // The article with highlights was rendered where there is a DOM: its quotes are marked.
    const withHighlights = new TextDecoder().decode(files['_posts/2022-01-12-article-1.md']);
    expect(withHighlights).toContain('<mark>企业微信</mark>');
    expect(withHighlights).toContain('<mark>最优解。</mark>\n\n<mark>Second</mark>');
    // Three sidecars and the manifest.
    expect(Object.keys(files).filter((n) => n.startsWith('_gleaner/'))).toHaveLength(4);
    expect(JSON.parse(new TextDecoder().decode(files['_gleaner/export.json']))).toMatchObject({
      format: 'gleaner-export',
      articles: 3,
    });
  });

  it('asks for the next batches while the page’s own articles are still being deflated', async () => {
    // a-1 has a highlight only a DOM places: a worker gives it back, the page renders it and has
    // it deflated. Until that deflate answers, the export must keep asking for renders.
    await source.highlights.put(ACROSS_PARAGRAPHS);
    const asked: string[] = [];
    let deflates = 0;
    let releaseDeflate!: () => void;
    const deflateHeld = new Promise<void>((resolve) => (releaseDeflate = resolve));
    const renderer: BatchRenderer = {
      render: async (ids) => {
        asked.push(...ids);
        if (ids.includes('a-2')) releaseDeflate(); // the last batch was asked for
        return renderBatch(await getBundles(source, ids), SETTINGS, new Set(), {
          dom: false,
          deflate: (file) => deflateFile(file, 1),
        });
      },
      deflate: async (files) => {
        deflates++;
        await deflateHeld;
        return files.map((file) => deflateFile(file, 1));
      },
      close: () => undefined,
    };
    const progress: number[] = [];
    const result = await exportBundles({
      ids: ['a-1', 'a-3', 'a-2'],
      fetchBundles: (batch) => getBundles(source, batch),
      settings: SETTINGS,
      batchSize: 1,
      inFlight: 1,
      renderer,
      onProgress: (p) => progress.push(p.done),
    });
    expect(asked).toEqual(['a-1', 'a-3', 'a-2']);
    expect(deflates).toBeGreaterThan(0);
    expect(result.count).toBe(3);
    expect(progress.at(-1)).toBe(3);
    const files = unzipSync(new Uint8Array(await result.blob.arrayBuffer()));
    expect(Object.keys(files).filter((name) => name.startsWith('_posts/'))).toHaveLength(3);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      exportBundles({
        ids: ['a-1'],
        fetchBundles: (batch) => getBundles(source, batch),
        settings: SETTINGS,
        signal: controller.signal,
      }),
    ).rejects.toThrow('cancelled');
  });
});

describe('import', () => {
  it('round-trips our own export without loss (ids aside)', async () => {
    const { zip } = await exportAll(source);
    const report = await importInto(target, [await zipFileSet('export.zip', new Blob([zip]))]);
    expect(report).toMatchObject({ created: 3, merged: 0, unchanged: 0, failed: [] });
    expect(await libraryOf(target)).toEqual(await libraryOf(source));
  });

  it('reads the next batch while the last one is written, one batch in flight at most', async () => {
    const { zip } = await exportAll(source);
    const events: string[] = [];
    let writing = 0;
    const zipSet = await zipFileSet('export.zip', new Blob([zip]));
    const logged: FileSet = {
      ...zipSet,
      async *read(wanted, binary) {
        for await (const file of zipSet.read(wanted, binary)) {
          events.push(`read ${file.path}`);
          yield file;
        }
      },
    };
    const report = await importFileSets([logged], {
      nowIso: NOW,
      batchSize: 1,
      send: async (records, keepIds) => {
        events.push(`send ${records[0]!.article.title} while ${writing} writing`);
        writing++;
        // A slow background: the import reads on meanwhile.
        await new Promise((resolve) => setTimeout(resolve, 30));
        const outcomes = await importRecords(target, records, NOW, { keepIds });
        writing--;
        return outcomes;
      },
      onProgress: ({ done }) => events.push(`done ${done}`),
    });
    expect(report).toMatchObject({ created: 3, failed: [] });
    expect(await libraryOf(target)).toEqual(await libraryOf(source));
    // Never two writes at once, and every batch reported in order once written.
    expect(
      events.filter((e) => e.startsWith('send')).every((e) => e.endsWith('while 0 writing')),
    ).toBe(true);
    expect([...new Set(events.filter((e) => e.startsWith('done')))]).toEqual([
      'done 1',
      'done 2',
      'done 3',
    ]);
    // The second article's files were read before the first one's write was over.
    const firstSend = events.findIndex((e) => e.startsWith('send'));
    const readDuring = events.slice(firstSend, events.indexOf('done 1'));
    expect(readDuring.some((e) => e.startsWith('read _posts/'))).toBe(true);
  });

  it('merges instead of doubling when the articles are already there', async () => {
    const { zip } = await exportAll(source);
    await importInto(target, [await zipFileSet('export.zip', new Blob([zip]))]);
    await target.articles
      .where('urlKey')
      .equals('news.example/2')
      .modify({ tags: ['mine'] });
    const again = await importInto(target, [await zipFileSet('export.zip', new Blob([zip]))]);
    expect(again).toMatchObject({ created: 0, merged: 1, unchanged: 2 });
    expect(await target.articles.count()).toBe(3);
    expect(await target.highlights.count()).toBe(3);
    const merged = await target.articles.where('urlKey').equals('news.example/2').first();
    expect(merged!.tags).toEqual(['mine', 't2']);
  });

  it('takes what an edited post says over its sidecar', async () => {
    const files = unzipSync((await exportAll(source)).zip);
    const name = '_posts/2022-01-12-article-1.md';
    const post = new TextDecoder().decode(files[name]);
    files[name] = strToU8(
      post
        .replace('title: "Article 1"', 'title: "Renamed"')
        .replace('  - city life\n', '  - edited\n')
        .replace('    color: green\n', '    note: added later\n    color: green\n'),
    );
    await importInto(target, [await zipFileSet('edited.zip', new Blob([zipSync(files)]))]);
    const [bundle] = await getBundles(target, await target.articles.toCollection().primaryKeys());
    const article = (await target.articles.toArray()).find((a) => a.url.endsWith('/1'))!;
    expect(bundle).toBeDefined();
    expect(article.title).toBe('Renamed');
    expect(article.tags).toEqual(['36氪新闻', 'edited']);
    expect(article.html).toBe((await source.articles.get('a-1'))!.html);
    const notes = (await target.highlights.where('articleId').equals(article.id).toArray()).map(
      (h) => h.note,
    );
    expect(notes.sort()).toEqual(['a note: with "quotes"\nand a line', 'added later']);
  });

  it('lists bad files with their reason, writes nothing of them, and imports the rest', async () => {
    const good = readFileSync(SEED_POST_PATH, 'utf8');
    const zip = zipSync({
      '_posts/2022-01-12-good.md': strToU8(good),
      '_posts/no-front-matter.md': strToU8('Just text.\n'),
      '_posts/2022-01-01-bad-date.md': strToU8('---\ntitle: x\ndate: 2022-13-45\n---\nBody\n'),
      '_posts/2022-01-02-no-title.md': strToU8('---\ndate: 2022-01-02\n---\nBody\n'),
      '_posts/2022-01-03-broken-yaml.md': strToU8('---\ntitle: [unclosed\n---\nBody\n'),
      '_posts/2022-01-04-x.md': strToU8('---\ntitle: x\n---\nBody\n'),
      '_gleaner/_posts/2022-01-04-x.json': strToU8('{not json'),
      'assets/logo.png': new Uint8Array([137, 80, 78, 71]),
    });
    const report = await importInto(target, [await zipFileSet('mixed.zip', new Blob([zip]))]);
    expect(report.created).toBe(1);
    expect(report.ignored).toBe(1);
    expect(report.failed).toEqual([
      { file: '_posts/no-front-matter.md', reason: expect.stringContaining('No front matter') },
      { file: '_posts/2022-01-01-bad-date.md', reason: expect.stringContaining('Unreadable date') },
      { file: '_posts/2022-01-02-no-title.md', reason: 'No title in the front matter' },
      {
        file: '_posts/2022-01-03-broken-yaml.md',
        reason: expect.stringContaining('Invalid front matter YAML'),
      },
      { file: '_posts/2022-01-04-x.md', reason: expect.stringContaining('not JSON') },
    ]);
    expect(await target.articles.count()).toBe(1);
  });

  it('refuses a file that is not a zip with a clear message', async () => {
    await expect(zipFileSet('notes.zip', new Blob([strToU8('hello')]))).rejects.toThrow(
      'notes.zip is not a zip',
    );
  });

  it('imports a folder of posts with their relative paths', async () => {
    const seed = readFileSync(SEED_POST_PATH, 'utf8');
    const file = new File([seed], '2022-01-12-wecom-hard-mode.md');
    Object.defineProperty(file, 'webkitRelativePath', {
      value: 'site/_posts/2022-01-12-wecom-hard-mode.md',
    });
    const report = await importInto(target, [filesFileSet('site', [file])]);
    expect(report.created).toBe(1);
  });
});

describe('the seed post', () => {
  const seed = readFileSync(SEED_POST_PATH, 'utf8');

  it('imports with its title, date, category, tag and text', () => {
    const { article, highlights } = recordFromPost(
      '_posts/2022-01-12-wecom-hard-mode.post.md',
      seed,
      NOW,
    );
    expect(article.title).toBe('连接5亿微信活跃用户 企业微信还是选择「Hard」模式');
    expect(article.published).toBe('2022-01-12T21:56:33+08:00');
    expect(article.categories).toEqual(['36ke']);
    expect(article.tags).toEqual(['36氪新闻']);
    expect(article.url).toBe(
      'http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202201122245569511',
    );
    expect(article.text).toContain('企业微信成为了这一命题的最优解。');
    expect(article.text.startsWith('企业微信，“藏”在水果店、商超、4S 店……')).toBe(true);
    expect(article.text.trim().endsWith('（文章来源：36氪）')).toBe(true);
    expect(article.text).not.toContain('返回36氪新闻');
    expect(article.html).not.toMatch(/style=|class=|<!--/);
    expect(article.markdown).toContain('企业微信成为了这一命题的最优解。');
    expect(article.wordCount).toBeGreaterThan(3000);
    expect(highlights).toEqual([]);
  });

  it('imports a hand-written Markdown post with highlights in its front matter', () => {
    const { article, highlights } = recordFromPost(
      'notes/2024-03-05-ferry.md',
      [
        '---',
        'title: Ferry notes',
        'tags: transport city',
        'highlights:',
        '  - quote: the harbour',
        '    note: check',
        '    color: blue',
        '  - just this',
        '---',
        '# Heading',
        '',
        'Some *Markdown* about the harbour.',
      ].join('\n'),
      NOW,
    );
    expect(article.published).toBe('2024-03-05T00:00:00+00:00');
    expect(article.tags).toEqual(['transport', 'city']);
    expect(article.url).toBe('urn:gleaner:post:2024-03-05-ferry');
    expect(article.html).toBe(
      '<h1>Heading</h1>\n<p>Some <em>Markdown</em> about the harbour.</p>\n',
    );
    expect(article.text).toBe('Heading\nSome Markdown about the harbour.');
    expect(highlights.map((h) => [h.quote, h.note, h.color])).toEqual([
      ['the harbour', 'check', 'blue'],
      ['just this', '', 'yellow'],
    ]);
  });
});

describe('backup and restore', () => {
  it('restores the same library, ids included, and the stored settings', async () => {
    const ids = await source.articles.orderBy('savedAt').reverse().primaryKeys();
    const storage = { settings: DEFAULT_SETTINGS, revisitHighlights: true };
    const { blob } = await createBackup({
      ids,
      fetchBundles: (batch) => getBundles(source, batch),
      settings: SETTINGS,
      storage,
      highlightCount: 3,
      now: NOW,
    });
    const zip = new Uint8Array(await blob.arrayBuffer());
    const report = await importInto(target, [await zipFileSet('backup.zip', new Blob([zip]))]);
    expect(report).toMatchObject({ created: 3, failed: [] });
    expect(report.backup).toMatchObject({ articles: 3, highlights: 3, storage });
    expect(await getBundles(target, ids)).toEqual(await getBundles(source, ids));
    expect(storageToRestore(report.backup!)).toEqual({ items: storage, problem: null });
  });

  it('leaves out settings it cannot read, and says so', () => {
    const { items, problem } = storageToRestore({
      format: 'gleaner-backup',
      version: 1,
      createdAt: NOW,
      articles: 0,
      highlights: 0,
      storage: { settings: { version: 99 }, other: 1 },
    });
    expect(items).toEqual({ other: 1 });
    expect(problem).toMatch(/settings were not restored/);
  });
});

describe('the sidecar does not hold the Markdown twice', () => {
  const long = `${'A long paragraph of the article, written once in the post. '.repeat(8)}\n\nMore.`;

  it('reads it back from the post, also after a front-matter edit', async () => {
    await source.articles.update('a-2', { markdown: long });
    const files = unzipSync((await exportAll(source, ['a-2'])).zip);
    const sidecarName = Object.keys(files).find((n) => n.startsWith('_gleaner/_posts/'))!;
    const sidecar = JSON.parse(new TextDecoder().decode(files[sidecarName]));
    expect(sidecar.article.markdown).toBe('');
    expect(sidecar.markdownInBody.length).toBe(long.length);

    await importInto(target, [await zipFileSet('x.zip', new Blob([zipSync(files)]))]);
    expect((await target.articles.toArray())[0]!.markdown).toBe(long);

    const postName = Object.keys(files).find((n) => n.startsWith('_posts/'))!;
    const post = new TextDecoder().decode(files[postName]);
    files[postName] = strToU8(post.replace('title: "Same title"', 'title: "Edited title"'));
    await target.articles.clear(); // a saved article would keep its own title (a merge)
    await importInto(target, [await zipFileSet('y.zip', new Blob([zipSync(files)]))]);
    const [article] = await target.articles.toArray();
    expect(article!.title).toBe('Edited title');
    expect(article!.markdown).toBe(long);
  });

  it('refuses such a sidecar without its post, saying why', async () => {
    await source.articles.update('a-2', { markdown: long });
    const files = unzipSync((await exportAll(source, ['a-2'])).zip);
    const sidecarsOnly = Object.fromEntries(
      Object.entries(files).filter(([name]) => !name.startsWith('_posts/')),
    );
    const report = await importInto(target, [
      await zipFileSet('x.zip', new Blob([zipSync(sidecarsOnly)])),
    ]);
    expect(report.failed).toEqual([
      { file: expect.stringMatching(/^_posts\//), reason: expect.stringContaining('missing') },
    ]);
    expect(await target.articles.count()).toBe(0);
  });
});
