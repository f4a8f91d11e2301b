import { afterEach, describe, expect, it } from 'vitest';
import { searchTextOf } from '@/lib/library/cards';
import { SearchIndex, type SearchDoc, type SearchHit } from '@/lib/library/search-index';
import { readSearchDocs, StoredSearch } from '@/lib/storage/stored-search';
import type { LibraryArticle } from '@/lib/library/types';
import type { Highlight } from '@/lib/model';
import { saveArticle } from '@/lib/storage/articles-repo';
import { GleanerDB } from '@/lib/storage/db';
import {
  addHighlight,
  deleteHighlight,
  restoreHighlight,
  updateHighlight,
} from '@/lib/storage/highlights-repo';
import {
  deleteArticles,
  importRecords,
  restoreBundles,
  retagArticles,
} from '@/lib/storage/library-repo';
import {
  checkSearchIndex,
  createIndexRunner,
  indexQueued,
  mergeSmallSegments,
  SEARCH_FORMAT,
} from '@/lib/storage/search-indexer';
import { SEARCH_META_KEY } from '@/lib/storage/search-records';
import { sampleClip } from '../support/article';

const NOW = '2026-12-06T09:00:00+00:00';
const dbs: GleanerDB[] = [];

afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

function newDb(): GleanerDB {
  const db = new GleanerDB(`stored-search-${Math.random()}`);
  dbs.push(db);
  return db;
}

async function drain(db: GleanerDB) {
  while ((await indexQueued(db)) > 0);
}

/** Saves each document as an article (its notes as one highlight: quote, then note). */
async function libraryOf(docs: readonly SearchDoc[]): Promise<GleanerDB> {
  const db = newDb();
  for (const doc of docs) {
    const url = `https://news.example/${doc.id}`;
    const clip = sampleClip({ title: doc.title, text: doc.text, url, canonicalUrl: url });
    const { article } = await saveArticle(db, clip, [], NOW, () => doc.id);
    const [quote, note = ''] = doc.notes.split('\n');
    if (quote) {
      await addHighlight(
        db,
        {
          articleId: article.id,
          quote,
          note,
          color: 'yellow',
          articleSelectors: [{ type: 'TextPositionSelector', start: 0, end: 1 }],
          pageSelectors: [],
        },
        NOW,
      );
    }
  }
  await drain(db);
  return db;
}

/** Every article's search text, made afresh from the articles and highlights. */
async function freshDocs(db: GleanerDB): Promise<SearchDoc[]> {
  const highlights = await db.highlights.toArray();
  return ((await db.articles.toArray()) as LibraryArticle[]).map((article) => {
    const own = highlights
      .filter((h) => h.articleId === article.id)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return { id: article.id, title: article.title, ...searchTextOf(article, own) };
  });
}

/** The articles as they are now, indexed from scratch in memory. */
async function freshIndex(db: GleanerDB): Promise<SearchIndex> {
  const index = new SearchIndex();
  for (const doc of await freshDocs(db)) index.add(doc);
  return index;
}

const DOCS: SearchDoc[] = [
  {
    id: 'wecom',
    title: '连接5亿微信活跃用户 企业微信还是选择「Hard」模式',
    text: '发布会现场的一位展商案例可以回答这个问题。企业微信成为了这一命题的最优解。腾讯文档、腾讯会议团队宣布融合打通。',
    notes: '',
  },
  {
    id: 'split',
    title: '企业的故事',
    text: '这家企业在上海。业微是一个罕见的组合。他的微信很少用。',
    notes: '',
  },
  {
    id: 'ferry',
    title: 'Harbour ferry returns after the storm',
    text: 'The Café on the pier reopened. Commuters climbed aboard while the climate debate went on.',
    notes: 'Key quote about commuters\nnote: check the timetable',
  },
  {
    id: 'climate',
    title: 'Climate policy: what changes in 2026',
    text: 'Climate, climate and more climate. The government announced a plan.',
    notes: '',
  },
];

const ids = async (search: StoredSearch, query: string) =>
  (await search.search(query)).map((hit) => hit.id);

describe('the kept index answers the search tests', () => {
  it('finds Chinese words, only where longer ones stand together', async () => {
    const search = await StoredSearch.open(await libraryOf(DOCS));
    expect(await ids(search, '微信')).toEqual(expect.arrayContaining(['wecom', 'split']));
    expect(await ids(search, '命题')).toEqual(['wecom']);
    expect(await ids(search, '企业微信')).toEqual(['wecom']);
    expect(await ids(search, '最优解')).toEqual(['wecom']);
    expect(await ids(search, '腾讯会议')).toEqual(['wecom']);
    expect(await ids(search, '企业微信 hard')).toEqual(['wecom']);
    expect(await ids(search, 'ＨＡＲＤ 模式')).toEqual(['wecom']);
    expect(await ids(search, '阿里巴巴')).toEqual([]);
  });

  it('matches English prefixes, folds accents, needs every word, ranks', async () => {
    const search = await StoredSearch.open(await libraryOf(DOCS));
    expect(await ids(search, 'CLIM')).toEqual(expect.arrayContaining(['ferry', 'climate']));
    expect(await ids(search, 'commut')).toEqual(['ferry']);
    expect(await ids(search, 'cafe')).toEqual(['ferry']);
    expect(await ids(search, 'café')).toEqual(['ferry']);
    expect(await ids(search, 'climate storm')).toEqual(['ferry']);
    expect(await ids(search, 'climate zebra')).toEqual([]);
    expect(await ids(search, 'timetable')).toEqual(['ferry']);
    expect(await ids(search, 'climate')).toEqual(['climate', 'ferry']);
  });

  it('ranks an exact word above a longer word it starts', async () => {
    const search = await StoredSearch.open(
      await libraryOf([
        { id: 'long', title: 'x', text: 'climbing climbing climbing', notes: '' },
        { id: 'exact', title: 'x', text: 'climb climbing', notes: '' },
      ]),
    );
    expect(await ids(search, 'climb')).toEqual(['exact', 'long']);
  });

  it('holds cards, not texts, and takes in an edit after the indexer ran', async () => {
    const db = await libraryOf(DOCS);
    const search = await StoredSearch.open(db);
    expect(search.cards().map((c) => c.id)).toHaveLength(4);
    expect(JSON.stringify(search.cards())).not.toContain('最优解');
    await deleteArticles(db, ['ferry']);
    await drain(db);
    await search.refresh(['ferry']);
    expect(await ids(search, 'cafe')).toEqual([]);
    expect(search.size).toBe(3);
  });
});

describe('the texts for snippets', () => {
  it("are the indexer's copy once indexed, and the article's own while it waits", async () => {
    const db = await libraryOf(DOCS);
    expect(await db.searchTexts.count()).toBe(DOCS.length);
    // Read from the kept copy, not the article: a change to the copy alone shows.
    await db.searchTexts.update('wecom', { text: 'the kept copy' });
    const kept = await readSearchDocs(db, ['wecom', 'missing']);
    expect([...kept.keys()]).toEqual(['wecom']);
    expect(kept.get('wecom')?.text).toBe('the kept copy');

    // Saved again with new words: until the indexer runs, the article's own text.
    const url = 'https://news.example/ferry';
    await saveArticle(
      db,
      sampleClip({ title: 'Ferry', text: 'new words', url, canonicalUrl: url }),
      [],
      NOW,
      () => 'unused',
    );
    expect((await readSearchDocs(db, ['ferry'])).get('ferry')?.text).toBe('new words');
    await drain(db);
    expect(await db.searchTexts.get('ferry')).toEqual(
      (await readSearchDocs(db, ['ferry'])).get('ferry'),
    );
    expect((await db.searchTexts.get('ferry'))?.text).toBe('new words');

    // Deleted: the indexer drops its copy.
    await deleteArticles(db, ['ferry']);
    await drain(db);
    expect(await db.searchTexts.get('ferry')).toBeUndefined();
  });
});

// ─── equivalence after any sequence of writes ───────────────────────────────────────────────

/** mulberry32: a seeded generator, so a failing sequence can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'climate climb climbing government govern market markets police price prices harbour ferry'.split(
    ' ',
  );
// Few characters, so bigrams of the queried words often stand apart in a text too.
const HAN = '企业微信投资者'.split('');
const QUERIES = [
  'climate',
  'clim',
  'gov',
  // Shorter than a chunk's name: read from every chunk it starts.
  'cl',
  // Parts that read the same chunk rows: each row counts once.
  'gov government',
  'c climate',
  'market price',
  'p',
  'ferry harbour',
  '企业',
  '企业微信',
  '投资者',
  '市场 climate',
  '业微信',
  '微',
  '投资者 gov',
];

function textOf(next: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    if (next() < 0.5) out.push(WORDS[Math.floor(next() * WORDS.length)] ?? 'x');
    else {
      let run = '';
      const length = 1 + Math.floor(next() * 6);
      for (let k = 0; k < length; k++) run += HAN[Math.floor(next() * HAN.length)] ?? '企';
      out.push(run);
    }
  }
  return out.join(next() < 0.3 ? '。' : ' ');
}

function same(kept: SearchHit[], fresh: SearchHit[]) {
  expect(kept.map((h) => h.id)).toEqual(fresh.map((h) => h.id));
  kept.forEach((hit, i) => expect(hit.score).toBeCloseTo(fresh[i]?.score ?? NaN, 9));
}

let apart = 0;
let merges = 0;

async function runSequence(seed: number, steps: number) {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(next() * list.length)];
  const db = newDb();
  let counter = 0;
  const newId = () => `${seed}-${++counter}`;
  const undo: Awaited<ReturnType<typeof deleteArticles>>[] = [];
  const deletedHighlights: Highlight[] = [];
  for (let step = 0; step < steps; step++) {
    const articles = await db.articles.toCollection().primaryKeys();
    const roll = next();
    const url = `https://news.example/${Math.floor(next() * 30)}`;
    if (roll < 0.3) {
      // Save (a URL saved before is an edit of that article).
      const clip = sampleClip({
        title: textOf(next, 3),
        text: textOf(next, 12),
        url,
        canonicalUrl: url,
      });
      await saveArticle(db, clip, [], NOW, newId);
    } else if (roll < 0.45 && articles.length) {
      await addHighlight(
        db,
        {
          articleId: pick(articles) ?? '',
          quote: textOf(next, 2),
          note: next() < 0.5 ? textOf(next, 2) : '',
          color: 'yellow',
          articleSelectors: [{ type: 'TextPositionSelector', start: step, end: step + 3 }],
          pageSelectors: [],
        },
        `2026-12-06T09:${String(step % 60).padStart(2, '0')}:00+00:00`,
        newId,
      );
    } else if (roll < 0.52) {
      const highlight = pick(await db.highlights.toArray());
      if (highlight && next() < 0.5)
        await updateHighlight(db, highlight.id, { note: textOf(next, 2) }, NOW);
      else if (highlight) {
        const gone = await deleteHighlight(db, highlight.id);
        if (gone) deletedHighlights.push(gone);
      }
    } else if (roll < 0.56 && deletedHighlights.length) {
      await restoreHighlight(db, deletedHighlights.pop()!).catch(() => undefined);
    } else if (roll < 0.66 && articles.length) {
      undo.push(
        await deleteArticles(
          db,
          articles.filter(() => next() < 0.3),
        ),
      );
    } else if (roll < 0.74 && undo.length) {
      await restoreBundles(db, undo.pop() ?? [], NOW);
    } else if (roll < 0.86) {
      const records = Array.from({ length: 1 + Math.floor(next() * 4) }, () => {
        const at = `https://news.example/${Math.floor(next() * 30)}`;
        return {
          article: {
            ...sampleClip({
              title: textOf(next, 3),
              text: textOf(next, 10),
              url: at,
              canonicalUrl: at,
            }),
            tags: ['imported'],
            savedAt: NOW,
            updatedAt: NOW,
          },
          highlights: [],
        };
      });
      await importRecords(db, records, NOW, { newId });
    } else if (articles.length) {
      await retagArticles(
        db,
        articles.filter(() => next() < 0.5),
        { add: ['t'], remove: [] },
        NOW,
      );
    }
    // The indexer runs now and then, in small runs, so segments pile up and get merged.
    if (next() < 0.4) await indexQueued(db, 1 + Math.floor(next() * 5));
    if (next() < 0.2 && (await mergeSmallSegments(db))) merges++;
  }
  await drain(db);
  const kept = await StoredSearch.open(db);
  const fresh = await freshIndex(db);
  expect(kept.size).toBe(fresh.size);
  expect(
    kept
      .cards()
      .map((c) => c.id)
      .sort(),
  ).toEqual((await db.articles.toCollection().primaryKeys()).sort());
  let hits = 0;
  for (const query of QUERIES) {
    const found = await kept.search(query);
    same(found, fresh.search(query));
    hits += found.length;
  }
  expect(hits).toBeGreaterThan(0);
  // The texts kept for snippets are the articles' own: none missing, none left over, none stale.
  const byId = (a: SearchDoc, b: SearchDoc) => a.id.localeCompare(b.id);
  expect((await db.searchTexts.toArray()).sort(byId)).toEqual((await freshDocs(db)).sort(byId));
  // How many texts have the bigrams of 企业微信 but not standing together (the phrase check's work).
  apart += fresh.search('企业 业微 微信').length - fresh.search('企业微信').length;
  return db;
}

describe('the kept index answers as an index built fresh', () => {
  it('after random sequences of save, edit, highlight, delete, undo, import and retag', async () => {
    apart = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) await runSequence(seed, 60);
    expect(apart).toBeGreaterThan(0);
  }, 120_000);

  it('counts a bigram a CJK query repeats once, as the fresh index does', async () => {
    const db = await libraryOf([
      { id: 'twice', title: '腾讯腾讯', text: '腾讯腾讯会议 腾讯', notes: '' },
      { id: 'once', title: '新闻', text: '腾讯会议 讯腾', notes: '' },
    ]);
    const kept = await StoredSearch.open(db);
    const fresh = await freshIndex(db);
    for (const query of ['腾讯腾讯', '讯腾讯', '腾讯会议'])
      same(await kept.search(query), fresh.search(query));
  });

  it('merges small segments once there are many, answering the same', async () => {
    merges = 0;
    const db = await runSequence(7, 150);
    expect(merges).toBeGreaterThan(0);
    const meta = await db.searchMeta.get(SEARCH_META_KEY);
    const rows = await db.searchChunks.orderBy('segment').uniqueKeys();
    expect(rows.map(Number).sort()).toEqual(
      Object.keys(meta?.segments ?? {})
        .map(Number)
        .sort(),
    );
  }, 60_000);

  it('rebuilds in the background when the index is of another format or damaged', async () => {
    const db = await libraryOf(DOCS);
    expect(await checkSearchIndex(db)).toBe(false);
    await db.searchMeta.put({
      key: SEARCH_META_KEY,
      format: SEARCH_FORMAT - 1,
      nextDocNo: 0,
      nextSegment: 0,
      segments: {},
    });
    expect(await checkSearchIndex(db)).toBe(true);
    expect(await db.searchQueue.count()).toBe(4);
    // Meanwhile the articles are all there (the list reads them), the index is empty.
    expect(await db.articles.count()).toBe(4);
    expect((await StoredSearch.open(db)).size).toBe(0);
    await drain(db);
    const search = await StoredSearch.open(db);
    same(await search.search('climate'), (await freshIndex(db)).search('climate'));
    // A document number beyond the counter is damage too.
    await db.searchMeta.update(SEARCH_META_KEY, { nextDocNo: 1 });
    expect(await checkSearchIndex(db)).toBe(true);
  });
});

/** An index runner whose errors fail the test. */
const runnerOf = (db: GleanerDB, options: Parameters<typeof createIndexRunner>[2]) =>
  createIndexRunner(
    db,
    (error) => {
      throw error;
    },
    options,
  );

describe("the background's index runner", () => {
  const save = (db: GleanerDB, id: string) => {
    const url = `https://news.example/${id}`;
    return saveArticle(db, sampleClip({ title: id, url, canonicalUrl: url }), [], NOW, () => id);
  };

  it('indexes a stream of writes as one segment once the writes stop', async () => {
    const db = newDb();
    const runner = runnerOf(db, { quietMs: 60 });
    let run: Promise<void> | undefined;
    for (const id of ['a', 'b', 'c']) {
      await save(db, id);
      run = runner.kick();
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    await run;
    expect(await db.searchQueue.count()).toBe(0);
    const meta = await db.searchMeta.get(SEARCH_META_KEY);
    expect(Object.values(meta?.segments ?? {})).toEqual([3]);
    expect((await StoredSearch.open(db)).size).toBe(3);
  });

  it('starts no run while held (an import), and catches up once the hold ends', async () => {
    const db = newDb();
    const runner = runnerOf(db, { quietMs: 20, batch: 2 });
    runner.hold(300);
    for (const id of ['a', 'b', 'c']) await save(db, id);
    const run = runner.kick();
    await new Promise((resolve) => setTimeout(resolve, 150));
    // A full batch is queued, yet nothing was indexed while held.
    expect(await db.searchQueue.count()).toBe(3);
    await run;
    expect(await db.searchQueue.count()).toBe(0);
    expect((await StoredSearch.open(db)).size).toBe(3);
  });

  it('writes the texts an older index lacks once its queue is empty', async () => {
    const db = newDb();
    for (const id of ['a', 'b', 'c']) await save(db, id);
    await drain(db);
    await db.searchTexts.clear();
    const runner = runnerOf(db, { quietMs: 20, batch: 2 });
    await runner.kick();
    expect((await db.searchTexts.toCollection().primaryKeys()).sort()).toEqual(['a', 'b', 'c']);
  });

  it('does not wait for quiet once a full batch is queued', async () => {
    const db = newDb();
    for (const id of ['a', 'b', 'c', 'd']) await save(db, id);
    const runner = runnerOf(db, { quietMs: 60_000, batch: 4 });
    await runner.kick();
    const meta = await db.searchMeta.get(SEARCH_META_KEY);
    expect(Object.values(meta?.segments ?? {})).toEqual([4]);
  });
});
