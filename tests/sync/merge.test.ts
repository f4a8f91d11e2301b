import { describe, expect, it } from 'vitest';
import type { ArticleBundle, Tombstone } from '@/lib/library/types';
import {
  mergeArticle,
  mergeBundle,
  mergeHighlights,
  mergeLibrary,
  mergeTombstones,
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

  it('lets an article restored after its deletion win, on both devices, and drops the tombstone', () => {
    const deletion: Tombstone = { id: 'a-1', kind: 'article', articleId: 'a-1', deletedAt: T1 };
    // A deleted it at T1 (the tombstone went to the repository), then put it back at T2.
    const restored = bundle(1, { restoredAt: T2 });
    const onA = mergeLibrary(input([restored], [], { remote: [deletion] }));
    expect(onA).toMatchObject({ put: [], remove: [], tombstones: [], conflicts: [] });
    // B saw only the deletion; the restored record arrives: B takes it and forgets the tombstone.
    const onB = mergeLibrary(input([], [restored], { local: [deletion] }));
    expect(onB).toMatchObject({ put: [restored], remove: [], tombstones: [], conflicts: [] });
    // Deleted again at T3, after the restore: the deletion wins again, on either side.
    const again: Tombstone = { ...deletion, deletedAt: T3 };
    const deleted = mergeLibrary(input([restored], [], { remote: [again, deletion] }));
    expect(deleted).toMatchObject({ put: [], remove: ['a-1'], tombstones: [again] });
    expect(mergeTombstones([deletion], [again])).toEqual([again]);
    expect(mergeTombstones([again], [deletion])).toEqual([again]);
  });

  it('keeps a restore that is older than the deletion deleted', () => {
    const deletion: Tombstone = { id: 'a-1', kind: 'article', articleId: 'a-1', deletedAt: T2 };
    const restoredBefore = bundle(1, { restoredAt: T1 });
    const result = mergeLibrary(input([restoredBefore], [], { remote: [deletion] }));
    expect(result).toMatchObject({ put: [], remove: ['a-1'], tombstones: [deletion] });
  });

  it('lets a highlight restored after its deletion come back on both devices', () => {
    const one = bundle(1);
    const deletion: Tombstone = {
      id: 'a-1-h1',
      kind: 'highlight',
      articleId: 'a-1',
      deletedAt: T1,
    };
    const [h1, h2] = one.highlights;
    const restored = { ...one, highlights: [{ ...h1!, restoredAt: T2 }, h2!] };
    // B has the article without the highlight (it took the deletion) and the tombstone.
    const onB = mergeLibrary(
      input([{ ...one, highlights: [h2!] }], [restored], { local: [deletion] }),
    );
    expect(onB.tombstones).toEqual([]);
    expect(onB.put.map((b) => b.highlights.map((h) => h.id))).toEqual([['a-1-h1', 'a-1-h2']]);
    expect(onB.put[0]?.highlights[0]?.restoredAt).toBe(T2);
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

  it('merges one page saved under two ids on two devices into the smaller id, on both', () => {
    // C saved the page as on-c (tag c at T1, one highlight); D as on-d (tag d at T2, another).
    const onC = {
      article: storedArticle(1, { id: 'on-c', tags: ['c'], savedAt: T1, updatedAt: T1 }),
      highlights: [storedHighlight('on-c', 1, { updatedAt: T1 })],
    };
    const onD = {
      article: storedArticle(1, { id: 'on-d', tags: ['d'], savedAt: T0, updatedAt: T2 }),
      highlights: [storedHighlight('on-d', 2, { updatedAt: T2 })],
    };
    const onCSide = mergeLibrary(input([onC], [onD]));
    const onDSide = mergeLibrary(input([onD], [onC]));
    const gone: Tombstone = {
      id: 'on-d',
      kind: 'article',
      articleId: 'on-d',
      deletedAt: T2,
      mergedInto: 'on-c',
    };
    for (const side of [onCSide, onDSide]) {
      expect(side.conflicts).toEqual([]);
      expect(side.tombstones).toEqual([gone]);
      expect(side.put).toHaveLength(1);
    }
    expect(onCSide.remove).toEqual([]);
    expect(onDSide.remove).toEqual(['on-d']);
    const merged = onCSide.put[0]!;
    expect(onDSide.put[0]).toEqual(merged);
    expect(merged.article.id).toBe('on-c');
    // Tags from the later change, the earliest save, both highlights (now on on-c).
    expect(merged.article.tags).toEqual(['d']);
    expect(merged.article.savedAt).toBe(T0);
    expect(merged.highlights.map((h) => [h.id, h.articleId])).toEqual([
      ['on-c-h1', 'on-c'],
      ['on-d-h2', 'on-c'],
    ]);

    // A version of on-d that turns up later (a third device) goes into on-c too, not back.
    const late = {
      ...onD,
      article: { ...onD.article, tags: ['late'], updatedAt: T3 },
    };
    const later = mergeLibrary(input([merged], [late], { local: [gone] }));
    expect(later.conflicts).toEqual([]);
    expect(later.put.map((b) => [b.article.id, b.article.tags])).toEqual([['on-c', ['late']]]);
    expect(later.tombstones).toEqual([gone]);
  });

  it('merges two ids of one page that are both only in the repository', () => {
    const x = { ...bundle(1), article: { ...bundle(1).article, id: 'x' } };
    const y = {
      ...bundle(1),
      article: { ...bundle(1).article, id: 'y', tags: ['y'], updatedAt: T1 },
    };
    const result = mergeLibrary(input([], [y, x]));
    expect(result.put.map((b) => [b.article.id, b.article.tags])).toEqual([['x', ['y']]]);
    expect(result.tombstones.map((t) => [t.id, t.mergedInto])).toEqual([['y', 'x']]);
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
