import { describe, expect, it } from 'vitest';
import { createImageCapture } from '@/lib/storage/article-image-capture';
import { captureImages, mapBounded, type FetchedImage } from '@/lib/assets/capture-images';
import { contentHash } from '@/lib/assets/content-hash';
import { GleanerDB } from '@/lib/storage/db';
import { storedArticle } from '../library/support';

const png = (text: string) => ({
  ok: true as const,
  blob: new Blob([text], { type: 'image/png' }),
  type: 'image/png',
});

describe('mapBounded', () => {
  it('never runs more than the limit at once and keeps the order', async () => {
    let running = 0;
    let most = 0;
    const out = await mapBounded([5, 1, 4, 2, 3, 0, 6, 2], 3, async (n) => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, n));
      running--;
      return n * 2;
    });
    expect(out).toEqual([10, 2, 8, 4, 6, 0, 12, 4]);
    expect(most).toBe(3);
  });
});

describe('captureImages', () => {
  it('keeps what arrives, reports the rest remote, respects the article budget', async () => {
    const kept: string[] = [];
    const answers: Record<string, FetchedImage> = {
      'https://a/1.png': png('one'),
      'https://a/404.png': { ok: false, failure: 'unreachable' },
      'https://a/big.png': png('x'.repeat(50)),
    };
    const images = await captureImages(
      Object.keys(answers).map((url) => ({ url, alt: '' })),
      {
        fetchImage: async (url) => answers[url]!,
        keep: async (image) => void kept.push(image.hash),
        parallelism: 1,
        maxArticleBytes: 10,
      },
    );
    const hash = await contentHash(new TextEncoder().encode('one'));
    expect(images).toEqual([
      { url: 'https://a/1.png', alt: '', hash },
      { url: 'https://a/404.png', alt: '', failure: 'unreachable' },
      { url: 'https://a/big.png', alt: '', failure: 'article-limit' },
    ]);
    expect(kept).toEqual([hash]);
  });
});

describe('createImageCapture', () => {
  const html =
    '<p><img src="https://a/1.png" alt="one"><img src="https://a/2.png"><img src="https://a/1.png"></p>';

  it('stores the images, dedupes shared bytes and records them on the article', async () => {
    const db = new GleanerDB(`capture-${Math.random()}`);
    const [first, second] = [storedArticle(1, { html }), storedArticle(2, { html })];
    await db.articles.bulkAdd([first!, second!]);
    const capture = createImageCapture({
      db,
      enabled: async () => true,
      fetchImage: async (_tab, url) =>
        url.endsWith('1.png') ? png('shared') : { ok: false, failure: 'unreachable' },
      now: () => new Date('2026-12-06T10:00:00Z'),
      fetchDirect: async () => ({ ok: false, failure: 'unreachable' }),
      hasHostAccess: async () => false,
      startDelayMs: 0,
    });
    const status = await capture.start(first!, 7);
    await capture.start(second!, 7);
    expect(status).toMatchObject({ state: 'done', saved: 1, total: 2 });
    expect(status.remote).toEqual([{ url: 'https://a/2.png', failure: 'unreachable' }]);
    expect(await db.images.count()).toBe(1);
    expect((await db.images.toArray())[0]?.articleIds).toEqual([first!.id, second!.id]);
    const stored = await db.articles.get(first!.id);
    expect(await capture.status(stored!)).toMatchObject({ state: 'done', saved: 1, total: 2 });
    await db.delete();
  });

  it('waits for the popup to ask for progress (or a moment) before fetching', async () => {
    const db = new GleanerDB(`capture-${Math.random()}`);
    const article = storedArticle(1, { html });
    await db.articles.add(article);
    const fetched: string[] = [];
    const capture = createImageCapture({
      db,
      enabled: async () => true,
      fetchImage: async (_tab, url) => {
        fetched.push(url);
        return png(url);
      },
      now: () => new Date('2026-12-06T10:00:00Z'),
      fetchDirect: async () => ({ ok: false, failure: 'unreachable' }),
      hasHostAccess: async () => false,
      startDelayMs: 60_000,
    });
    const done = capture.start(article, 7);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fetched).toEqual([]);
    expect(await capture.status(article)).toMatchObject({ state: 'saving' });
    expect(await done).toMatchObject({ state: 'done', saved: 2, total: 2 });
    expect(fetched).toHaveLength(2);
    await db.delete();
  });

  it('retries the images kept remote from the extension, keeping the stored ones', async () => {
    const db = new GleanerDB(`capture-${Math.random()}`);
    const article = storedArticle(1, { html });
    await db.articles.add(article);
    let back = false;
    const direct: string[] = [];
    const capture = createImageCapture({
      db,
      enabled: async () => true,
      fetchImage: async (_tab, url) =>
        url.endsWith('1.png') ? png('one') : { ok: false, failure: 'unreachable' },
      now: () => new Date('2026-12-06T10:00:00Z'),
      fetchDirect: async (url) => {
        direct.push(url);
        return back ? png('two') : { ok: false, failure: 'unreachable' };
      },
      hasHostAccess: async () => false,
      startDelayMs: 0,
    });
    await capture.start(article, 7);
    const saved = async () => (await db.articles.get(article.id))!;
    expect(await capture.retry(await saved())).toMatchObject({ state: 'done', saved: 1 });
    back = true;
    const status = await capture.retry(await saved());
    expect(status).toMatchObject({ state: 'done', saved: 2, total: 2, remote: [] });
    // Only the remote image was asked for, each time.
    expect(direct).toEqual(['https://a/2.png', 'https://a/2.png']);
    expect((await saved()).images?.map((image) => image.hash)).toEqual([
      await contentHash(new TextEncoder().encode('one')),
      await contentHash(new TextEncoder().encode('two')),
    ]);
    expect(await db.images.count()).toBe(2);
    await db.delete();
  });

  it('an image the tab could not read is fetched by the extension with the article as referrer, where host access was granted', async () => {
    const db = new GleanerDB(`capture-${Math.random()}`);
    const article = storedArticle(1, { html });
    await db.articles.add(article);
    const direct: [string, string | undefined][] = [];
    const capture = createImageCapture({
      db,
      enabled: async () => true,
      fetchImage: async (_tab, url) =>
        url.endsWith('1.png') ? png('one') : { ok: false, failure: 'unreachable' },
      now: () => new Date('2026-12-06T10:00:00Z'),
      fetchDirect: async (url, referer) => (direct.push([url, referer]), png('two')),
      hasHostAccess: async (url) => url.startsWith('https://a/'),
      startDelayMs: 0,
    });
    expect(await capture.start(article, 7)).toMatchObject({ state: 'done', saved: 2, total: 2 });
    expect(direct).toEqual([['https://a/2.png', article.url]]);
    await db.delete();
  });

  it('a quota error keeps the article with remote images and nothing half-written', async () => {
    const db = new GleanerDB(`capture-${Math.random()}`);
    const article = storedArticle(1, { html });
    await db.articles.add(article);
    let calls = 0;
    const capture = createImageCapture({
      db,
      enabled: async () => true,
      fetchImage: async (_tab, url) => png(url),
      now: () => new Date('2026-12-06T10:00:00Z'),
      fetchDirect: async () => ({ ok: false, failure: 'unreachable' }),
      hasHostAccess: async () => false,
      startDelayMs: 0,
    });
    // The second image hits a full disk.
    const put = db.images.add.bind(db.images);
    db.images.add = ((record: Parameters<typeof put>[0]) => {
      if (++calls === 2) {
        const error = new Error('QuotaExceededError: quota exceeded');
        error.name = 'QuotaExceededError';
        return Promise.reject(error);
      }
      return put(record);
    }) as typeof db.images.add;
    const status = await capture.start(article, 1);
    expect(status.state).toBe('storage-full');
    expect((await db.articles.get(article.id))?.images?.every((i) => !i.hash)).toBe(true);
    const left = await db.images.toArray();
    expect(left.every((image) => image.articleIds.length === 0)).toBe(true);
    await db.delete();
  });

  it('with "Save images" off nothing is fetched', async () => {
    const db = new GleanerDB(`capture-${Math.random()}`);
    const article = storedArticle(1, { html });
    await db.articles.add(article);
    let fetched = 0;
    const capture = createImageCapture({
      db,
      enabled: async () => false,
      fetchImage: async () => (fetched++, png('x')),
      now: () => new Date(),
      fetchDirect: async () => (fetched++, png('x')),
      hasHostAccess: async () => false,
      startDelayMs: 0,
    });
    expect((await capture.start(article, 1)).state).toBe('off');
    expect(fetched).toBe(0);
    await db.delete();
  });
});
