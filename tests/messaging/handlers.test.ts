import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandlers, dispatch, type BackgroundDeps } from '@/lib/messaging/handlers';
import { parseFrontMatter } from '@/lib/export/front-matter';
import { GleanerDB } from '@/lib/storage/db';
import { sampleClip } from '../support/article';

let db: GleanerDB;
let deps: BackgroundDeps;

beforeEach(() => {
  db = new GleanerDB(`test-${Math.random()}`);
  deps = {
    db,
    extractFromTab: vi.fn(async () => ({ ok: true as const, value: sampleClip() })),
    download: vi.fn(async () => 7),
    now: () => new Date('2026-11-25T10:00:00Z'),
  };
});

afterEach(async () => {
  await db.delete();
});

describe('background handlers', () => {
  it('extracts the requested tab', async () => {
    const handlers = createHandlers(deps);
    const result = await dispatch(handlers, { type: 'clip:extract', tabId: 5, mode: 'selection' });
    expect(result.ok).toBe(true);
    expect(deps.extractFromTab).toHaveBeenCalledWith(5, 'selection');
  });

  it('saves, finds and lists tags', async () => {
    const handlers = createHandlers(deps);
    const saved = await handlers['article:save']({
      type: 'article:save',
      article: sampleClip(),
      tags: ['36氪新闻'],
    });
    expect(saved.ok && saved.value.created).toBe(true);
    const found = await handlers['article:find']({
      type: 'article:find',
      urls: [sampleClip().canonicalUrl],
    });
    expect(found.ok && found.value?.tags).toEqual(['36氪新闻']);
    expect(await handlers['tags:list']({ type: 'tags:list' })).toEqual({
      ok: true,
      value: ['36氪新闻'],
    });
  });

  it('answers "not found" as null', async () => {
    const found = await createHandlers(deps)['article:find']({
      type: 'article:find',
      urls: ['https://nowhere.example/'],
    });
    expect(found).toEqual({ ok: true, value: null });
  });

  it('exports a Jekyll post through the download function', async () => {
    const result = await createHandlers(deps)['article:export']({
      type: 'article:export',
      article: sampleClip(),
      tags: ['36氪新闻'],
    });
    expect(result.ok && result.value.fileName).toMatch(/^2022-01-12-.+\.md$/);
    const [fileName, content] = vi.mocked(deps.download).mock.calls[0]!;
    expect(fileName).toMatch(/^2022-01-12-/);
    expect(parseFrontMatter(content).data).toMatchObject({
      layout: 'post',
      date: '2022-01-12 21:56:33 +0800',
    });
  });

  it('reports a full disk clearly and keeps nothing partial', async () => {
    const quota = Object.assign(new Error('Quota exceeded'), { name: 'QuotaExceededError' });
    vi.spyOn(db.articles, 'put').mockRejectedValue(quota);
    const result = await createHandlers(deps)['article:save']({
      type: 'article:save',
      article: sampleClip(),
      tags: [],
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'storage-full' } });
    vi.restoreAllMocks();
    expect(await db.articles.count()).toBe(0);
  });

  it('reports a failed download', async () => {
    deps.download = vi.fn(async () => {
      throw new Error('Download canceled');
    });
    const result = await createHandlers(deps)['article:export']({
      type: 'article:export',
      article: sampleClip(),
      tags: [],
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'download-failed' } });
  });
});
