import { describe, expect, it } from 'vitest';
import type { ArticleBundle, Tombstone } from '@/lib/library/types';
import {
  mergeArticle,
  mergeBundle,
  mergeHighlights,
  mergeLibrary,
  sameBundle,
  type LibraryMergeInput,
} from '@/lib/sync/merge';
import { storedArticle, storedHighlight } from '../library/support';

const T0 = '2026-12-01T10:00:00+00:00';
const T1 = '2026-12-02T10:00:00+00:00';
const T2 = '2026-12-03T10:00:00+00:00';
const T3 = '2026-12-04T10:00:00+00:00';

const bundle = (n: number, over: Partial<ArticleBundle['article']> = {}, hs = [1, 2]) => {
  const article = storedArticle(n, { savedAt: T0, updatedAt: T0, ...over });
  return { article, highlights: hs.map((h) => storedHighlight(article.id, h, { updatedAt: T0 })) };
};

function library(...bundles: ArticleBundle[]) {
  return new Map(bundles.map((b) => [b.article.id, b]));
}

function input(
  local: ArticleBundle[],
  remote: ArticleBundle[],
  tombs: { local?: Tombstone[]; remote?: Tombstone[] } = {},
): LibraryMergeInput {
  return {
    local: library(...local),
    localIdOfUrlKey: new Map(local.map((b) => [b.article.urlKey, b.article.id])),
    localTombstones: tombs.local ?? [],
    remote,
    remoteTombstones: tombs.remote ?? [],
  };
}

describe('highlights', () => {
  it('are a union by id, and an edit is the later one', () => {
    const [h1, h2] = bundle(1).highlights;
    const edited = { ...h1!, note: 'edited later', updatedAt: T2 };
    const h3 = storedHighlight('a-1', 3, { updatedAt: T1 });
    const merged = mergeHighlights([h1!, h2!], [edited, h3]);
    expect(merged.map((h) => h.id)).toEqual(['a-1-h1', 'a-1-h2', 'a-1-h3']);
    expect(merged[0]?.note).toBe('edited later');
    expect(mergeHighlights([edited, h3], [h1!, h2!])).toEqual(merged);
  });

  it('break a tie of update times the same way on both sides', () => {
    const h = storedHighlight('a-1', 1, { updatedAt: T1 });
    const a = { ...h, note: 'from A' };
    const b = { ...h, note: 'from B' };
    expect(mergeHighlights([a], [b])).toEqual(mergeHighlights([b], [a]));
    expect(mergeHighlights([a], [b])[0]?.note).toBe('from B');
  });

  it('compare times as instants, whatever UTC offset wrote them', () => {
    const h = storedHighlight('a-1', 1);
    // 18:00+01:00 is 17:00Z, earlier than 17:30Z although its text sorts after it.
    const east = { ...h, note: 'east', updatedAt: '2026-12-06T18:00:00+01:00' };
    const utc = { ...h, note: 'utc', updatedAt: '2026-12-06T17:30:00Z' };
    expect(mergeHighlights([east], [utc])[0]?.note).toBe('utc');
  });

  it('leave out highlights deleted on either side', () => {
    const { highlights } = bundle(1);
    expect(mergeHighlights(highlights, highlights, new Set(['a-1-h2'])).map((h) => h.id)).toEqual([
      'a-1-h1',
    ]);
  });
});

describe('article fields', () => {
  it('take each field from the side that changed it last', () => {
    const base = bundle(1, { tags: ['old'] }).article;
    // A retagged at T2; B saved the page again (new text) at T3 without touching the tags.
    const a = { ...base, tags: ['old', 'from-a'], updatedAt: T2, fieldTimes: { content: T0 } };
    const b = { ...base, text: 'new text', updatedAt: T3, fieldTimes: { tags: T0 } };
    const merged = mergeArticle(a, b);
    expect(merged.tags).toEqual(['old', 'from-a']);
    expect(merged.text).toBe('new text');
    expect(merged.updatedAt).toBe(T3);
    expect(merged.fieldTimes).toEqual({ tags: T2 });
    expect(mergeArticle(b, a)).toEqual(merged);
  });

  it('fall back to updatedAt for records written before field times existed', () => {
    const base = bundle(1, { tags: ['x'] }).article;
    const older = { ...base, tags: ['older'], updatedAt: T1 };
    const newer = { ...base, tags: ['newer'], updatedAt: T2 };
    expect(mergeArticle(older, newer).tags).toEqual(['newer']);
    expect(mergeArticle(newer, older).tags).toEqual(['newer']);
  });

  it('keep the earliest save time and change nothing when merged with itself', () => {
    const a = bundle(1, { savedAt: T1, updatedAt: T2, fieldTimes: { tags: T1 } });
    expect(mergeBundle(a, a)).toEqual(a);
    const b = bundle(1, { savedAt: T0, updatedAt: T1 });
    expect(mergeArticle(a.article, b.article).savedAt).toBe(T0);
  });

  it('leave out images: they are the bytes of one device', () => {
    const a = bundle(1, { images: [{ url: 'https://i.example/1.png', alt: '', hash: 'abc' }] });
    expect(mergeArticle(a.article, a.article).images).toBeUndefined();
  });
});

describe('mergeLibrary', () => {
  it('adds what only the repository has and leaves what is the same alone', () => {
    const one = bundle(1);
    const two = bundle(2);
    const result = mergeLibrary(input([one], [one, two]));
    expect(result.put).toEqual([two]);
    expect(result.remove).toEqual([]);
    expect(result.conflicts).toEqual([]);
  });

  it('keeps a deleted article deleted, even against a newer version', () => {
    const one = bundle(1);
    const deletion: Tombstone = { id: 'a-1', kind: 'article', articleId: 'a-1', deletedAt: T1 };
    // This device still has it; the repository says it was deleted.
    const result = mergeLibrary(input([one], [], { remote: [deletion] }));
    expect(result.remove).toEqual(['a-1']);
    expect(result.conflicts).toEqual([]);
    // Another device edited it after the deletion (or its clock is ahead): still deleted, listed.
    const edited = bundle(1, { tags: ['late'], updatedAt: T3 });
    const late = mergeLibrary(input([], [edited], { local: [deletion] }));
    expect(late.put).toEqual([]);
    expect(late.conflicts).toEqual([
      { kind: 'edited-after-delete', articleId: 'a-1', title: 'Article 1', deletion, edited },
    ]);
  });

  it('removes a highlight deleted elsewhere from this device', () => {
    const one = bundle(1);
    const deletion: Tombstone = {
      id: 'a-1-h1',
      kind: 'highlight',
      articleId: 'a-1',
      deletedAt: T1,
    };
    const result = mergeLibrary(input([one], [one], { remote: [deletion] }));
    expect(result.put.map((b) => b.highlights.map((h) => h.id))).toEqual([['a-1-h2']]);
  });

  it('lists one page saved under two ids on two devices, and keeps both apart', () => {
    const mine = bundle(1);
    const theirs = { ...bundle(1), article: { ...bundle(1).article, id: 'other' } };
    const result = mergeLibrary(input([mine], [theirs]));
    expect(result.put).toEqual([]);
    expect(result.conflicts.map((c) => c.kind)).toEqual(['same-page-two-ids']);
  });

  it('brings two devices that changed different things to the same library', () => {
    const shared = [bundle(1), bundle(2), bundle(3)];
    // A: a tag on 1 at T2, deletes 3 at T2.
    const a = [
      { ...shared[0]!, article: { ...shared[0]!.article, tags: ['t1', 'new'], updatedAt: T2 } },
      shared[1]!,
    ];
    const aTombs: Tombstone[] = [{ id: 'a-3', kind: 'article', articleId: 'a-3', deletedAt: T2 }];
    // B: a highlight on 2 and an edited note on 1's first highlight, at T1 (its clock is behind).
    const h1 = { ...shared[0]!.highlights[0]!, note: 'edited on B', updatedAt: T1 };
    const b = [
      { ...shared[0]!, highlights: [h1, shared[0]!.highlights[1]!] },
      {
        ...shared[1]!,
        highlights: [...shared[1]!.highlights, storedHighlight('a-2', 3, { updatedAt: T1 })],
      },
      shared[2]!,
    ];
    const apply = (local: ArticleBundle[], r: ReturnType<typeof mergeLibrary>) => {
      const next = library(...local);
      for (const id of r.remove) next.delete(id);
      for (const put of r.put) next.set(put.article.id, put);
      return [...next.values()].sort((x, y) => x.article.id.localeCompare(y.article.id));
    };
    const onA = apply(a, mergeLibrary(input(a, b, { local: aTombs })));
    const onB = apply(b, mergeLibrary(input(b, a, { remote: aTombs })));
    expect(onA).toEqual(onB);
    expect(onA.map((x) => x.article.id)).toEqual(['a-1', 'a-2']);
    expect(onA[0]?.article.tags).toEqual(['t1', 'new']);
    expect(onA[0]?.highlights[0]?.note).toBe('edited on B');
    expect(onA[1]?.highlights.map((h) => h.id)).toEqual(['a-2-h1', 'a-2-h2', 'a-2-h3']);
    expect(sameBundle(onA[0]!, onB[0]!)).toBe(true);
  });
});
