import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createHandlers,
  createPageHandlers,
  dispatch,
  type BackgroundDeps,
} from '@/lib/messaging/handlers';
import { GleanerDB } from '@/lib/storage/db';
import { sampleClip } from '../support/article';

let db: GleanerDB;
let deps: BackgroundDeps;

beforeEach(() => {
  db = new GleanerDB(`test-${Math.random()}`);
  deps = {
    db,
    extractFromTab: vi.fn(async () => ({ ok: true as const, value: sampleClip() })),
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
});

const quote = {
  type: 'TextQuoteSelector' as const,
  exact: '最优解',
  prefix: '这一命题的',
  suffix: '。',
};
const position = { type: 'TextPositionSelector' as const, start: 12, end: 15 };

describe('highlight handlers', () => {
  async function savedArticleId() {
    const saved = await createHandlers(deps)['article:save']({
      type: 'article:save',
      article: sampleClip(),
      tags: [],
    });
    if (!saved.ok) throw new Error('not saved');
    return saved.value.article.id;
  }

  it('creates, lists, updates, deletes and restores a highlight', async () => {
    const handlers = createHandlers(deps);
    const articleId = await savedArticleId();
    const created = await handlers['highlight:create']({
      type: 'highlight:create',
      articleId,
      quote: '最优解',
      note: '',
      color: 'yellow',
      articleSelectors: [quote, position],
    });
    if (!created.ok) throw new Error(created.error.message);
    const updated = await handlers['highlight:update']({
      type: 'highlight:update',
      id: created.value.id,
      note: '关键',
      color: 'blue',
    });
    expect(updated.ok && [updated.value.note, updated.value.color]).toEqual(['关键', 'blue']);
    const deleted = await handlers['highlight:delete']({
      type: 'highlight:delete',
      id: created.value.id,
    });
    expect(deleted.ok && deleted.value?.note).toBe('关键');
    expect(await handlers['highlight:list']({ type: 'highlight:list', articleId })).toEqual({
      ok: true,
      value: [],
    });
    if (!deleted.ok || !deleted.value) throw new Error('not deleted');
    await handlers['highlight:restore']({ type: 'highlight:restore', highlight: deleted.value });
    const listed = await handlers['highlight:list']({ type: 'highlight:list', articleId });
    expect(listed.ok && listed.value.map((h) => h.note)).toEqual(['关键']);
  });

  it('refuses a highlight for an article that is not in the library', async () => {
    const result = await createHandlers(deps)['highlight:create']({
      type: 'highlight:create',
      articleId: 'missing',
      quote: 'x',
      note: '',
      color: 'yellow',
      articleSelectors: [quote],
    });
    expect(result.ok).toBe(false);
    expect(await db.highlights.count()).toBe(0);
  });
});

describe('page handlers', () => {
  const sender = { tabId: 9, url: 'http://127.0.0.1:8080/pages/eastmoney-36kr-wecom.html' };

  it('saves the article when a highlight is made on a page that is not saved yet', async () => {
    const pages = createPageHandlers(deps);
    const created = await pages['page:highlight-create'](
      {
        type: 'page:highlight-create',
        canonicalUrl: sampleClip().canonicalUrl,
        quote: '最优解',
        pageSelectors: [quote, position],
        color: 'green',
      },
      sender,
    );
    expect(created.ok).toBe(true);
    expect(deps.extractFromTab).toHaveBeenCalledWith(9, 'article');
    expect(await db.articles.count()).toBe(1);
    // Page positions mean nothing in the stored article: only the quote is kept for it.
    expect(created.ok && created.value.articleSelectors).toEqual([quote]);
    const listed = await pages['page:highlights'](
      { type: 'page:highlights', canonicalUrl: sampleClip().canonicalUrl },
      sender,
    );
    expect(listed.ok && listed.value.highlights.map((h) => h.color)).toEqual(['green']);
  });

  it('clips the selection when the page has no article', async () => {
    deps.extractFromTab = vi.fn(async (_tab: number, mode: 'article' | 'selection') =>
      mode === 'article'
        ? { ok: false as const, error: { code: 'no-article' as const, message: 'none' } }
        : { ok: true as const, value: sampleClip({ source: 'selection' }) },
    );
    const created = await createPageHandlers(deps)['page:highlight-create'](
      {
        type: 'page:highlight-create',
        canonicalUrl: 'https://x.example/',
        quote: '最优解',
        pageSelectors: [quote],
        color: 'yellow',
      },
      sender,
    );
    expect(created.ok).toBe(true);
    expect((await db.articles.toArray())[0]?.source).toBe('selection');
  });

  it('answers an unsaved page with no highlights', async () => {
    const listed = await createPageHandlers(deps)['page:highlights'](
      { type: 'page:highlights', canonicalUrl: 'https://none.example/' },
      sender,
    );
    expect(listed).toEqual({ ok: true, value: { articleId: null, highlights: [] } });
  });
});
