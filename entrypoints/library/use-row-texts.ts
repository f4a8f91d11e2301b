/**
 * The search texts of the rows on screen, for their snippets: read from the store a few at a time
 * as rows ask for them (the page holds no other article text), and forgotten when there are many.
 */
import { useCallback, useRef, useState } from 'preact/hooks';
import type { SearchDoc } from '@/lib/library/search-index';
import { readSearchDocs } from '@/lib/storage/stored-search';
import type { GleanerDB } from '@/lib/storage/db';

/** About ten screens of rows. */
const KEEP = 300;

export function useRowTexts(db: GleanerDB): (id: string) => SearchDoc | undefined {
  const [texts, setTexts] = useState(() => new Map<string, SearchDoc>());
  const wanted = useRef(new Set<string>());
  const asked = useRef(new Set<string>());

  const flush = useCallback(() => {
    const ids = [...wanted.current];
    wanted.current.clear();
    void readSearchDocs(db, ids).then(
      (found) =>
        setTexts((known) => {
          const next = new Map(known.size > KEEP ? [] : known);
          for (const [id, doc] of found) next.set(id, doc);
          if (known.size > KEEP) asked.current = new Set(next.keys());
          return next;
        }),
      // Deliberately swallowed: a row without its snippet still shows its title.
      () => undefined,
    );
  }, [db]);

  return (id) => {
    const doc = texts.get(id);
    if (doc || asked.current.has(id)) return doc;
    asked.current.add(id);
    if (!wanted.current.size) queueMicrotask(flush);
    wanted.current.add(id);
    return undefined;
  };
}
