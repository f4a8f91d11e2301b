/**
 * The library's data in the page: every card (for the list and the filters) and the search index,
 * filled from the background in batches. The first rows come from a small first request, so
 * the list shows at once; the texts follow and are indexed a few dozen at a time between frames.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { cardOf, searchTextOf } from '@/lib/library/cards';
import { SearchIndex } from '@/lib/library/search-index';
import type { ArticleBundle, LibraryCard, LibraryEntry } from '@/lib/library/types';
import { ask } from './messages';

const FIRST_PAGE = 60;
const BATCH = 400;
/** Indexing works this long between two yields to the page. */
const SLICE_MS = 12;

export interface LibraryData {
  cards: LibraryCard[];
  byId: Map<string, LibraryCard>;
  index: SearchIndex;
  /** Changes whenever the cards or the index change (search and lists recompute). */
  version: number;
  total: number;
  indexed: number;
  /** Cards and index complete. */
  ready: boolean;
  error: string | null;
  reload(): void;
  /** Local edits after the background confirmed them. */
  updateCards(ids: readonly string[], change: (card: LibraryCard) => LibraryCard): void;
  removeCards(ids: readonly string[]): void;
  addBundles(bundles: readonly ArticleBundle[]): void;
  /** Re-indexes one article's highlights and notes (after an edit in the reader). */
  reindexNotes(bundle: ArticleBundle): void;
}

/** Lets the page handle input and paint (indexing runs in slices of about one frame). */
const yieldToPage = (): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
};

export function useLibrary(): LibraryData {
  const [cards, setCards] = useState<LibraryCard[]>([]);
  const [version, setVersion] = useState(0);
  const [total, setTotal] = useState(0);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [index, setIndex] = useState(() => new SearchIndex());
  // Callbacks reach the current index and cards through refs (render reads the state).
  const indexRef = useRef(index);
  const byIdRef = useRef(new Map<string, LibraryCard>());
  const generationRef = useRef(0);

  const publish = useCallback((next: LibraryCard[]) => {
    byIdRef.current = new Map(next.map((card) => [card.id, card]));
    setCards(next);
    setVersion((v) => v + 1);
  }, []);

  const load = useCallback(async () => {
    const run = ++generationRef.current;
    const stale = () => run !== generationRef.current;
    setReady(false);
    setError(null);
    const fresh = new SearchIndex();
    indexRef.current = fresh;
    setIndex(fresh);
    try {
      const first = await ask({
        type: 'library:entries',
        offset: 0,
        limit: FIRST_PAGE,
        withText: false,
        withTotal: false,
      });
      if (stale()) return;
      publish(first.entries.map((e) => e.card));
      let complete = false;
      // The count walks every record (slow at 10,000): asked once, beside the rest of the list.
      void ask({ type: 'library:entries', offset: 0, limit: 0, withText: false })
        .then(({ total }) => {
          // Once the whole list is in, its length is the count (and edits may have changed it).
          if (!stale() && !complete && total !== null) setTotal((shown) => Math.max(shown, total));
        })
        .catch(() => undefined);

      const full: LibraryCard[] = [];
      const fetchAt = (offset: number) =>
        ask({ type: 'library:entries', offset, limit: BATCH, withText: true, withTotal: false });
      let pending: Promise<{ entries: LibraryEntry[]; total: number | null }> | null = fetchAt(0);
      for (let offset = 0; pending; offset += BATCH) {
        const batch: { entries: LibraryEntry[]; total: number | null } = await pending;
        if (stale()) return;
        pending = batch.entries.length === BATCH ? fetchAt(offset + BATCH) : null;
        let sliceStart = performance.now();
        for (const entry of batch.entries) {
          full.push(entry.card);
          indexRef.current.add({
            id: entry.card.id,
            title: entry.card.title,
            text: entry.search?.text ?? '',
            notes: entry.search?.notes ?? '',
          });
          if (performance.now() - sliceStart > SLICE_MS) {
            await yieldToPage();
            if (stale()) return;
            sliceStart = performance.now();
          }
        }
        setTotal((known) => Math.max(known, full.length));
        const shown =
          byIdRef.current.size > full.length ? [...full, ...cardsBeyond(full)] : [...full];
        publish(shown);
      }
      complete = true;
      publish([...full]);
      setTotal(full.length);
      setReady(true);
      performance.mark('library-indexed');
    } catch (cause) {
      if (!stale()) setError(cause instanceof Error ? cause.message : String(cause));
    }

    function cardsBeyond(loaded: LibraryCard[]): LibraryCard[] {
      const have = new Set(loaded.map((c) => c.id));
      return [...byIdRef.current.values()].filter((c) => !have.has(c.id));
    }
  }, [publish]);

  useEffect(() => {
    void load();
  }, [load]);

  const current = () => [...byIdRef.current.values()];
  const byId = useMemo(() => new Map(cards.map((card) => [card.id, card])), [cards]);

  return {
    cards,
    byId,
    index,
    version,
    total,
    indexed: index.size,
    ready,
    error,
    reload: () => void load(),
    updateCards(ids, change) {
      const set = new Set(ids);
      publish(current().map((card) => (set.has(card.id) ? change(card) : card)));
    },
    removeCards(ids) {
      const set = new Set(ids);
      for (const id of ids) indexRef.current.remove(id);
      setTotal((n) => n - ids.length);
      publish(current().filter((card) => !set.has(card.id)));
    },
    addBundles(bundles) {
      const added = bundles.map((b) => cardOf(b.article, b.highlights.length));
      for (const { article, highlights } of bundles) {
        indexRef.current.add({
          id: article.id,
          title: article.title,
          ...searchTextOf(article, highlights),
        });
      }
      const ids = new Set(added.map((c) => c.id));
      const next = [...current().filter((c) => !ids.has(c.id)), ...added].sort(
        (a, b) => b.savedAt.localeCompare(a.savedAt) || b.id.localeCompare(a.id),
      );
      setTotal(next.length);
      publish(next);
    },
    reindexNotes({ article, highlights }) {
      indexRef.current.add({
        id: article.id,
        title: article.title,
        ...searchTextOf(article, highlights),
      });
      publish(
        current().map((c) =>
          c.id === article.id ? { ...c, highlightCount: highlights.length } : c,
        ),
      );
    },
  };
}
