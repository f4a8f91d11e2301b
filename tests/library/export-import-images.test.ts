// @vitest-environment jsdom
import { Blob as NodeBlob, File as NodeFile } from 'node:buffer';
import { unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toBase64 } from '@/lib/assets/base64';
import { contentHash } from '@/lib/assets/content-hash';
import { sanitizeSvg } from '@/lib/assets/sanitize-svg';
import { DEFAULT_EXPORT_SETTINGS } from '@/lib/export/export-settings';
import { createBackup } from '@/lib/library/backup';
import { exportBundles } from '@/lib/library/bulk-export';
import { filesFileSet, importFileSets, zipFileSet, type FileSet } from '@/lib/library/import-files';
import type { ImageUpload } from '@/lib/library/import-images';
import type { Sidecar } from '@/lib/library/library-post';
import { createLibraryHandlers } from '@/lib/messaging/library-handlers';
import type { ArticleImage } from '@/lib/model';
import { GleanerDB } from '@/lib/storage/db';
import { getImages, storeImportedImages } from '@/lib/storage/images-repo';
import { getBundles, importRecords } from '@/lib/storage/library-repo';
import { storedArticle } from './support';

// jsdom's Blob does not survive fake-indexeddb's structured clone; Node's does (as a browser's does).
globalThis.Blob = NodeBlob as unknown as typeof Blob;

const NOW = '2026-12-06T09:00:00+00:00';
const JEKYLL = { export: DEFAULT_EXPORT_SETTINGS, siteRules: [] };
const HUGO = { export: { ...DEFAULT_EXPORT_SETTINGS, preset: 'hugo' as const }, siteRules: [] };

/** PNG-looking bytes (the signature, then noise), different for each seed. */
function pngBytes(seed: number, length = 3_000): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let x = seed * 2_654_435_761;
  for (let i = 8; i < length; i++) {
    x = (x * 1_103_515_245 + 12_345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

const SVG = sanitizeSvg(
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="red"/></svg>',
);

interface Fixture {
  bytes: Uint8Array<ArrayBuffer>;
  hash: string;
  type: string;
}

async function fixture(bytes: Uint8Array<ArrayBuffer>, type = 'image/png'): Promise<Fixture> {
  return { bytes, type, hash: await contentHash(bytes) };
}

let source: GleanerDB;
let target: GleanerDB;
let own: Fixture;
let shared: Fixture;
let vector: Fixture;

/** Article `n` with its HTML and Markdown showing these images (kept: with their hash). */
function withImages(n: number, images: ArticleImage[], overrides = {}) {
  const html = images.map((i) => `<p><img src="${i.url}" alt="${i.alt}"></p>`).join('');
  const markdown = images.map((i) => `![${i.alt}](${i.url})`).join('\n\n');
  return storedArticle(n, { html, markdown, text: 'Pictures', images, ...overrides });
}

async function keep(db: GleanerDB, image: Fixture, articleIds: string[]) {
  await db.images.put({
    hash: image.hash,
    blob: new Blob([image.bytes], { type: image.type }),
    type: image.type,
    bytes: image.bytes.length,
    articleIds,
  });
}

beforeEach(async () => {
  source = new GleanerDB(`images-export-${Math.random()}`);
  target = new GleanerDB(`images-import-${Math.random()}`);
  own = await fixture(pngBytes(1));
  shared = await fixture(pngBytes(2));
  vector = await fixture(new Uint8Array(Buffer.from(SVG, 'utf8')), 'image/svg+xml');
  await source.articles.bulkAdd([
    withImages(1, [
      { url: 'https://cdn.example/own.png', alt: 'Harbour at night', hash: own.hash },
      { url: 'https://cdn.example/shared.png', alt: 'Shared map', hash: shared.hash },
      { url: 'https://cdn.example/gone.png', alt: 'Gone', failure: 'unreachable' },
      { url: 'https://cdn.example/logo.svg', alt: 'Logo', hash: vector.hash },
    ]),
    withImages(2, [
      { url: 'https://cdn.example/shared.png', alt: 'Shared map', hash: shared.hash },
    ]),
    storedArticle(3),
  ]);
  await keep(source, own, ['a-1']);
  await keep(source, shared, ['a-1', 'a-2']);
  await keep(source, vector, ['a-1']);
});

afterEach(async () => {
  await source.delete();
  await target.delete();
});

async function exportAll(settings = JEKYLL, withImagesRead = true) {
  const ids = await source.articles.orderBy('savedAt').reverse().primaryKeys();
  const result = await exportBundles({
    ids,
    fetchBundles: (batch) => getBundles(source, batch),
    ...(withImagesRead ? { readImages: (hashes: string[]) => getImages(source, hashes) } : {}),
    settings,
    batchSize: 2,
  });
  return new Uint8Array(await result.blob.arrayBuffer());
}

const sent: ImageUpload[][] = [];

/** Records and images as they reach the background, in order. */
const calls: string[] = [];

function importInto(
  db: GleanerDB,
  zip: Uint8Array<ArrayBuffer>,
  label = 'export.zip',
  withImages = true,
) {
  return zipFileSet(label, new Blob([zip])).then((set) => importSet(db, set, withImages));
}

function importSet(db: GleanerDB, set: FileSet, withImages = true) {
  return Promise.resolve(
    importFileSets([set], {
      nowIso: NOW,
      send: (records, keepIds) => {
        calls.push(`records ${records.length}`);
        return importRecords(db, records, NOW, { keepIds });
      },
      ...(withImages
        ? {
            sendImages: async (images: ImageUpload[]) => {
              sent.push(images);
              calls.push(`images ${images.length}`);
              const stored = await storeImportedImages(
                db,
                images.map((image) => ({
                  hash: image.hash,
                  type: image.type,
                  blob: new Blob([image.bytes as Uint8Array<ArrayBuffer>], { type: image.type }),
                  articleIds: image.articleIds,
                })),
              );
              return {
                stored: stored.stored,
                refused: stored.unused.map((hash) => ({ hash, reason: 'unused' })),
              };
            },
          }
        : {}),
    }),
  );
}

async function storedBytes(db: GleanerDB, hash: string): Promise<Uint8Array | null> {
  const image = await db.images.get(hash);
  return image ? new Uint8Array(await image.blob.arrayBuffer()) : null;
}

async function articleByUrl(db: GleanerDB, url: string) {
  const found = await db.articles
    .where('urlKey')
    .equals(url.replace(/^https:\/\//, ''))
    .first();
  return found ?? (await db.articles.toArray()).find((a) => a.canonicalUrl === url);
}

describe('the bulk zip carries the kept images', () => {
  it('writes them at the Jekyll paths the posts link, and lists them in the sidecars', async () => {
    const files = unzipSync(await exportAll());
    const paths = Object.keys(files);
    const sidecars = paths
      .filter((p) => p.startsWith('_gleaner/_posts/'))
      .map((p) => JSON.parse(new TextDecoder().decode(files[p])) as Sidecar);
    const one = sidecars.find((s) => s.article.title === 'Article 1');
    const two = sidecars.find((s) => s.article.title === 'Article 2');
    const three = sidecars.find((s) => s.article.title === 'Article 3');
    expect(one?.imagePaths).toEqual({
      'assets/images/2022-01-12-article-1/harbour-at-night.png': own.hash,
      'assets/images/2022-01-12-article-1/shared-map.png': shared.hash,
      'assets/images/2022-01-12-article-1/logo.svg': vector.hash,
    });
    expect(two?.imagePaths).toEqual({
      'assets/images/2022-01-12-article-2/shared-map.png': shared.hash,
    });
    expect(three?.imagePaths).toBeUndefined();
    for (const sidecar of [one, two])
      for (const [path, hash] of Object.entries(sidecar?.imagePaths ?? {})) {
        const image = [own, shared, vector].find((f) => f.hash === hash);
        expect(files[path], path).toEqual(image?.bytes);
      }
    // The post links the files; the image not kept stays remote.
    const post = new TextDecoder().decode(
      files[paths.find((p) => /^_posts\/.*article-1\.md$/.test(p)) ?? ''],
    );
    expect(post).toContain(
      "{{ '/assets/images/2022-01-12-article-1/harbour-at-night.png' | relative_url }}",
    );
    expect(post).toContain('https://cdn.example/gone.png');
    expect(paths.filter((p) => p.startsWith('assets/'))).toHaveLength(4);
  });

  it('writes a Hugo post with images as a page bundle, the images beside it', async () => {
    const files = unzipSync(await exportAll(HUGO));
    expect(files['content/posts/article-2/index.md']).toBeDefined();
    expect(files['content/posts/article-2/shared-map.png']).toEqual(shared.bytes);
    expect(files['content/posts/article-1/harbour-at-night.png']).toEqual(own.bytes);
    expect(files['content/posts/article-3.md']).toBeDefined();
  });

  it('without the images table (the fallback reader) links the remote images as before', async () => {
    const files = unzipSync(await exportAll(JEKYLL, false));
    expect(Object.keys(files).some((p) => p.startsWith('assets/'))).toBe(false);
  });
});

describe('importing the zip restores them', () => {
  it('into a fresh library: the same bytes, linked to the new articles', async () => {
    const report = await importInto(target, await exportAll());
    expect(report.failed).toEqual([]);
    expect(report.created).toBe(3);
    expect(report.images).toBe(3);
    expect(report.ignored).toBe(0);
    for (const image of [own, shared, vector])
      expect(await storedBytes(target, image.hash)).toEqual(image.bytes);
    const one = await articleByUrl(target, 'https://news.example/1');
    const two = await articleByUrl(target, 'https://news.example/2');
    expect(one && two).toBeTruthy();
    expect((await target.images.get(own.hash))?.articleIds).toEqual([one?.id]);
    expect((await target.images.get(shared.hash))?.articleIds.sort()).toEqual(
      [one?.id, two?.id].sort(),
    );
    // Every kept image of the imported articles resolves to stored bytes.
    const hashes = (one?.images ?? []).flatMap((image) => image.hash ?? []);
    expect(hashes).toHaveLength(3);
    expect((await getImages(target, hashes)).size).toBe(3);
    expect(one?.images?.find((image) => image.url.endsWith('gone.png'))?.failure).toBe(
      'unreachable',
    );
  });

  it('in a Hugo export too', async () => {
    const report = await importInto(target, await exportAll(HUGO));
    expect(report.failed).toEqual([]);
    expect(report.images).toBe(3);
    expect(await storedBytes(target, shared.hash)).toEqual(shared.bytes);
  });

  it('and a backup restores them under the same ids', async () => {
    const ids = await source.articles.orderBy('savedAt').reverse().primaryKeys();
    const result = await createBackup({
      ids,
      fetchBundles: (batch) => getBundles(source, batch),
      readImages: (hashes) => getImages(source, hashes),
      settings: JEKYLL,
      storage: {},
      highlightCount: 0,
      now: NOW,
    });
    const report = await importInto(
      target,
      new Uint8Array(await result.blob.arrayBuffer()),
      'backup.zip',
    );
    expect(report.images).toBe(3);
    expect((await target.images.get(shared.hash))?.articleIds.sort()).toEqual(['a-1', 'a-2']);
  });

  it('reports an image whose bytes were changed, and does not store it', async () => {
    const files = unzipSync(await exportAll());
    const path = 'assets/images/2022-01-12-article-1/harbour-at-night.png';
    const changed = files[path]?.slice() ?? new Uint8Array();
    changed[100] = (changed[100] ?? 0) ^ 0xff;
    files[path] = changed;
    const report = await importInto(target, zipSync(files));
    expect(report.failed).toEqual([
      {
        file: path,
        reason: 'Not stored: its bytes are not the image its sidecar names (changed since export?)',
      },
    ]);
    expect(report.created).toBe(3);
    expect(report.images).toBe(2);
    expect(await target.images.get(own.hash)).toBeUndefined();
    expect(await target.images.count()).toBe(2);
    // The article still names the image; the reader shows its remote URL.
    const one = await articleByUrl(target, 'https://news.example/1');
    expect(one?.images?.find((image) => image.hash === own.hash)?.url).toBe(
      'https://cdn.example/own.png',
    );
  });

  it('refuses an SVG that sanitising would change (a script added after export)', async () => {
    const files = unzipSync(await exportAll());
    const path = 'assets/images/2022-01-12-article-1/logo.svg';
    const hostile = new TextEncoder().encode(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    files[path] = hostile;
    // The sidecar is changed to name the hostile bytes, as a forged archive would.
    const sidecarPath = Object.keys(files).find((p) =>
      /_gleaner\/_posts\/.*article-1\.json$/.test(p),
    );
    const sidecar = JSON.parse(new TextDecoder().decode(files[sidecarPath ?? ''])) as Sidecar;
    const hostileHash = await contentHash(hostile);
    sidecar.imagePaths = {
      ...sidecar.imagePaths,
      'assets/images/2022-01-12-article-1/logo.svg': hostileHash,
    };
    sidecar.article.images = sidecar.article.images?.map((image) =>
      image.hash === vector.hash ? { ...image, hash: hostileHash } : image,
    );
    files[sidecarPath ?? ''] = new TextEncoder().encode(JSON.stringify(sidecar));
    const report = await importInto(target, zipSync(files));
    expect(report.failed).toEqual([
      { file: path, reason: 'Not stored: an SVG with scripts or other active content' },
    ]);
    expect(await target.images.get(hostileHash)).toBeUndefined();
  });

  it('imports an older archive (sidecars without image paths) as before', async () => {
    const files = unzipSync(await exportAll());
    for (const path of Object.keys(files).filter((p) => p.endsWith('.json'))) {
      const sidecar = JSON.parse(new TextDecoder().decode(files[path])) as Partial<Sidecar>;
      delete sidecar.imagePaths;
      files[path] = new TextEncoder().encode(JSON.stringify(sidecar));
    }
    const report = await importInto(target, zipSync(files));
    expect(report.failed).toEqual([]);
    expect(report.created).toBe(3);
    expect(report.images).toBe(0);
    expect(report.ignored).toBe(4);
    expect(sent).toEqual([]);
    expect(await target.images.count()).toBe(0);
  });

  it('when storage refuses the images, imports the articles and lists the images', async () => {
    const set = await zipFileSet('export.zip', new Blob([await exportAll()]));
    const report = await importFileSets([set], {
      nowIso: NOW,
      send: (records, keepIds) => importRecords(target, records, NOW, { keepIds }),
      sendImages: () => Promise.reject(new Error('The library is full')),
    });
    expect(report.created).toBe(3);
    expect(report.images).toBe(0);
    expect(report.failed.map((f) => f.file).sort()).toEqual([
      'assets/images/2022-01-12-article-1/harbour-at-night.png',
      'assets/images/2022-01-12-article-1/logo.svg',
      // Article 2 (saved later) comes first in the export: the shared image is read from its folder.
      'assets/images/2022-01-12-article-2/shared-map.png',
    ]);
    expect(report.failed[0]?.reason).toBe(
      'Not stored (The library is full): its articles show the remote image',
    );
    expect(await target.images.count()).toBe(0);
  });

  it('without a way to store images, reads none of them', async () => {
    const report = await importInto(target, await exportAll(), 'export.zip', false);
    expect(report.created).toBe(3);
    expect(report.ignored).toBe(4);
    expect(await target.images.count()).toBe(0);
  });

  it('links an image already stored to an article imported later, and merges by URL', async () => {
    const zip = await exportAll();
    await importInto(target, zip);
    const again = await importInto(target, zip);
    expect(again.failed).toEqual([]);
    expect(again.unchanged).toBe(3);
    expect(await target.images.count()).toBe(3);
    expect((await target.images.get(shared.hash))?.articleIds).toHaveLength(2);
  });

  it('from an unpacked export folder too (its files in any order)', async () => {
    const files = unzipSync(await exportAll());
    const picked = Object.entries(files)
      .reverse()
      .map(([path, bytes]) => {
        const file = new NodeFile([bytes], path.split('/').pop() ?? path);
        Object.defineProperty(file, 'webkitRelativePath', { value: `site/${path}` });
        return file as unknown as File;
      });
    const report = await importSet(target, filesFileSet('site', picked));
    expect(report.failed).toEqual([]);
    expect(report.created).toBe(3);
    expect(report.images).toBe(3);
    expect(await storedBytes(target, own.hash)).toEqual(own.bytes);
  });

  it(
    'sends a batch early when its images pass 32 MB, so they do not pile up',
    { timeout: 60_000 },
    async () => {
      const big = await Promise.all([4, 5, 6].map((seed) => fixture(pngBytes(seed, 12 << 20))));
      await source.articles.add(
        withImages(
          5,
          big.map((image, k) => ({
            url: `https://cdn.example/big-${k}.png`,
            alt: '',
            hash: image.hash,
          })),
          { savedAt: '2026-12-01T10:00:00+00:00' },
        ),
      );
      for (const image of big) await keep(source, image, ['a-5']);
      const report = await importInto(target, await exportAll());
      expect(report.failed).toEqual([]);
      expect(report.images).toBe(6);
      // The export's first batch (the newest article, with the 36 MB, and the next) is written
      // before its images: the import sends those two records early, then the 12 MB images one a
      // message, then the rest of the records, and the three small images after them (in one or
      // two messages, as the next batch's reading and the last batch's writing interleave).
      expect(calls.slice(0, 5)).toEqual([
        'records 2',
        'images 1',
        'images 1',
        'images 1',
        'records 2',
      ]);
      const rest = calls.slice(5).map((call) => /^images (\d+)$/.exec(call)?.[1]);
      expect(rest.every(Boolean)).toBe(true);
      expect(rest.reduce((sum, n) => sum + Number(n), 0)).toBe(3);
      // (Buffer.equals: a deep equality over 12 MB arrays takes minutes.)
      for (const image of big) {
        const stored = await storedBytes(target, image.hash);
        expect(stored && Buffer.from(stored).equals(Buffer.from(image.bytes))).toBe(true);
      }
    },
  );

  /** Article 4: the title of article 1 (one slug), saved on another day, its own picture. */
  async function sameSlugOtherDay(): Promise<Fixture> {
    const other = await fixture(pngBytes(3));
    await source.articles.add(
      withImages(
        4,
        [{ url: 'https://cdn.example/other.png', alt: 'Harbour at night', hash: other.hash }],
        { title: 'Article 1', savedAt: '2026-10-01T10:00:00+00:00', published: null },
      ),
    );
    await keep(source, other, ['a-4']);
    return other;
  }

  it('gives two Jekyll posts of one slug (other days) each its own image folder', async () => {
    const other = await sameSlugOtherDay();
    const zip = await exportAll();
    const files = unzipSync(zip);
    const text = (path: string) => new TextDecoder().decode(files[path]);
    // Same image name in both posts, each in the folder named like its post.
    expect(files['assets/images/2022-01-12-article-1/harbour-at-night.png']).toEqual(own.bytes);
    expect(files['assets/images/2026-10-01-article-1/harbour-at-night.png']).toEqual(other.bytes);
    expect(Object.keys(files).filter((path) => path.startsWith('_gleaner/images/'))).toEqual([]);
    expect(text('_posts/2026-10-01-article-1.md')).toContain(
      "{{ '/assets/images/2026-10-01-article-1/harbour-at-night.png' | relative_url }}",
    );
    expect(text('_posts/2022-01-12-article-1.md')).toContain(
      "{{ '/assets/images/2022-01-12-article-1/harbour-at-night.png' | relative_url }}",
    );
    const report = await importInto(target, zip);
    expect(report.failed).toEqual([]);
    expect(report.images).toBe(4);
    expect(await storedBytes(target, other.hash)).toEqual(other.bytes);
    expect(await storedBytes(target, own.hash)).toEqual(own.bytes);
  });

  it('keeps both images when a custom template’s image folders coincide (same slug)', async () => {
    const other = await sameSlugOtherDay();
    const custom = {
      export: { ...DEFAULT_EXPORT_SETTINGS, preset: 'custom' as const },
      siteRules: [],
    };
    expect(custom.export.custom.imageFolder).toBe('assets/images/{{ title | slug }}');
    const zip = await exportAll(custom);
    const files = unzipSync(zip);
    // The first post written takes the path; the other image still travels in the archive.
    const taken = files['assets/images/article-1/harbour-at-night.png'];
    const spare = taken && Buffer.from(taken).equals(Buffer.from(own.bytes)) ? other : own;
    expect(files[`_gleaner/images/${spare.hash}.png`]).toEqual(spare.bytes);
    const report = await importInto(target, zip);
    expect(report.failed).toEqual([]);
    expect(report.images).toBe(4);
    expect(await storedBytes(target, other.hash)).toEqual(other.bytes);
    expect(await storedBytes(target, own.hash)).toEqual(own.bytes);
  });
});

describe('the background’s library:import-images', () => {
  it('stores checked bytes, refuses others, and links only articles that keep them', async () => {
    await target.articles.bulkAdd([
      withImages(1, [{ url: 'https://cdn.example/own.png', alt: '', hash: own.hash }]),
      storedArticle(2),
    ]);
    const handlers = createLibraryHandlers({ db: target, now: () => new Date(NOW) });
    const answer = await handlers['library:import-images']({
      type: 'library:import-images',
      images: [
        {
          hash: own.hash,
          type: 'image/png',
          data: toBase64(own.bytes),
          articleIds: ['a-1', 'a-2'],
        },
        { hash: shared.hash, type: 'image/png', data: toBase64(own.bytes), articleIds: ['a-1'] },
        {
          hash: vector.hash,
          type: 'image/svg+xml',
          data: toBase64(vector.bytes),
          articleIds: ['a-2'],
        },
      ],
    });
    expect(answer).toEqual({
      ok: true,
      value: {
        stored: 1,
        refused: [
          { hash: shared.hash, reason: 'its bytes do not have its hash' },
          { hash: vector.hash, reason: 'no imported article keeps this image' },
        ],
      },
    });
    expect((await target.images.get(own.hash))?.articleIds).toEqual(['a-1']);
    expect(await storedBytes(target, own.hash)).toEqual(own.bytes);
  });
});

beforeEach(() => {
  sent.length = 0;
  calls.length = 0;
});
