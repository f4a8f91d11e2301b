/**
 * The library's data in the page: every card (for the list and the filters) and the search index
 * the background keeps in IndexedDB, read here without any article text. The first rows come from
 * a small first request, so the list shows at once; the cards and the index's document table
 * follow in one read. While the background is still indexing (after an upgrade, a big import),
 * the list is read from the articles instead and search waits.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { cardOf } from '@/lib/library/cards';

import { StoredSearch } from '@/lib/storage/stored-search';
import type { ArticleBundle, LibraryCard } from '@/lib/library/types';
import { GleanerDB } from '@/lib/storage/db';
import { ask } from './messages';

const FIRST_PAGE = 60;
/** Cards per request while the index is being built (cards only, no texts). */
const CARD_BATCH = 2_000;
/** How often to ask whether the background has indexed what waits. */
const POLL_MS = 400;

export interface LibraryData {
  cards: LibraryCard[];
  byId: Map<string, LibraryCard>;
  /** The kept index, once the background has indexed everything that waited. */
  search: StoredSearch | null;
  /** The database, read-only here (for the texts of the rows on screen). */
  db: GleanerDB;
  /** Changes whenever the cards or the index change (search and lists recompute). */
  version: number;
  total: number;
  /** Articles waiting for the indexer. */
  queued: number;
  /** Cards and index complete. */
  ready: boolean;
  error: string | null;
  reload(): void;
  /** Local edits after the background confirmed them. */
  updateCards(ids: readonly string[], change: (card: LibraryCard) => LibraryCard): void;
  removeCards(ids: readonly string[]): void;
  addBundles(bundles: readonly ArticleBundle[]): void;
  /** After an edit in the reader: the card's highlight count, and the index once rebuilt. */
  reindexNotes(bundle: ArticleBundle): void;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function useLibrary(): LibraryData {
  const [cards, setCards] = useState<LibraryCard[]>([]);
  const [version, setVersion] = useState(0);
  const [total, setTotal] = useState(0);
  const [queued, setQueued] = useState(0);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [search, setSearch] = useState<StoredSearch | null>(null);
  const db = useMemo(() => new GleanerDB(), []);
  const searchRef = useRef<StoredSearch | null>(null);
  const byIdRef = useRef(new Map<string, LibraryCard>());
  const generationRef = useRef(0);

  const publish = useCallback((next: LibraryCard[]) => {
    byIdRef.current = new Map(next.map((card) => [card.id, card]));
    setCards(next);
    setVersion((v) => v + 1);
  }, []);

  /** Waits until the background's queue is empty, showing how much waits. */
  const untilIndexed = useCallback(async (stale: () => boolean) => {
    for (;;) {
      const { queued } = await ask({ type: 'library:index-status' });
      if (stale()) return false;
      setQueued(queued);
      if (queued === 0) return true;
      await pause(POLL_MS);
    }
  }, []);

  const load = useCallback(async () => {
    const run = ++generationRef.current;
    const stale = () => run !== generationRef.current;
    setReady(false);
    setError(null);
    searchRef.current = null;
    setSearch(null);
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
      const { queued } = await ask({ type: 'library:index-status' });
      if (stale()) return;
      setQueued(queued);
      if (queued > 0) {
        // The index is behind (an upgrade, a big import): list from the articles meanwhile.
        const full: LibraryCard[] = [];
        for (let offset = 0; ; offset += CARD_BATCH) {
          const batch = await ask({
            type: 'library:entries',
            offset,
            limit: CARD_BATCH,
            withText: false,
            withTotal: false,
          });
          if (stale()) return;
          full.push(...batch.entries.map((e) => e.card));
          publish([...full]);
          setTotal(full.length);
          if (batch.entries.length < CARD_BATCH) break;
        }
        if (!(await untilIndexed(stale))) return;
      }
      const opened = await StoredSearch.open(db);
      if (stale()) return;
      searchRef.current = opened;
      setSearch(opened);
      const all = opened.cards();
      publish(all);
      setTotal(all.length);
      setReady(true);
      performance.mark('library-indexed');
    } catch (cause) {
      if (!stale()) setError(cause instanceof Error ? cause.message : String(cause));
    }
  }, [db, publish, untilIndexed]);

  useEffect(() => {
    void load();
    return () => db.close();
  }, [db, load]);

  /** Once the background has indexed the edit, the page's document table takes it in. */
  const refresh = (ids: readonly string[]) => {
    const run = generationRef.current;
    const stale = () => run !== generationRef.current;
    void untilIndexed(stale)
      .then(async (done) => {
        if (!done || !searchRef.current) return;
        await searchRef.current.refresh(ids);
        setVersion((v) => v + 1);
      })
      .catch((cause: unknown) => setError(cause instanceof Error ? cause.message : String(cause)));
  };

  const current = () => [...byIdRef.current.values()];
  const byId = useMemo(() => new Map(cards.map((card) => [card.id, card])), [cards]);

  return {
    cards,
    byId,
    search,
    db,
    version,
    total,
    queued,
    ready,
    error,
    reload: () => void load(),
    updateCards(ids, change) {
      const set = new Set(ids);
      publish(current().map((card) => (set.has(card.id) ? change(card) : card)));
    },
    removeCards(ids) {
      const set = new Set(ids);
      setTotal((n) => n - ids.length);
      publish(current().filter((card) => !set.has(card.id)));
      refresh(ids);
    },
    addBundles(bundles) {
      const added = bundles.map((b) => cardOf(b.article, b.highlights.length));
      const ids = new Set(added.map((c) => c.id));
      const next = [...current().filter((c) => !ids.has(c.id)), ...added].sort(
        (a, b) => b.savedAt.localeCompare(a.savedAt) || b.id.localeCompare(a.id),
      );
      setTotal(next.length);
      publish(next);
      refresh([...ids]);
    },
    reindexNotes({ article, highlights }) {
      publish(
        current().map((c) =>
          c.id === article.id ? { ...c, highlightCount: highlights.length } : c,
        ),
      );
      refresh([article.id]);
    },
  };
}
