/**
 * The search texts of the rows on screen, for their snippets: read from the store a few at a time
 * as rows ask for them (the page holds no other article text), and forgotten when there are many
 * or when the index changes (an edited note must be quoted as it now is).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SearchDoc } from '@/lib/library/search-index';
import { readSearchDocs } from '@/lib/storage/stored-search';
import type { GleanerDB } from '@/lib/storage/db';

/** About ten screens of rows. */
const KEEP = 300;

/**
 * `textOf(id)`: the row's text if read; else undefined, and it is read (the rows render again
 * then). `libraryVersion` changes with the index: texts read before it may be stale.
 */
export function useRowTexts(
  db: GleanerDB,
  libraryVersion: number,
): (id: string) => SearchDoc | undefined {
  const textsRef = useRef(new Map<string, SearchDoc>());
  /** Read or being read: not asked for again. */
  const askedRef = useRef(new Set<string>());
  const wantedRef = useRef(new Set<string>());
  /** Texts read for an older index are dropped when they come. */
  const generationRef = useRef(0);
  const [version, setVersion] = useState(0);

  // Runs before the search's own effect, whose new answer's rows then read their texts again.
  useEffect(() => {
    generationRef.current++;
    textsRef.current.clear();
    askedRef.current.clear();
  }, [libraryVersion]);

  const flush = useCallback(() => {
    const ids = [...wantedRef.current];
    wantedRef.current.clear();
    const readFor = generationRef.current;
    readSearchDocs(db, ids).then(
      (found) => {
        if (readFor !== generationRef.current) return;
        if (textsRef.current.size > KEEP) {
          textsRef.current.clear();
          askedRef.current = new Set(ids);
        }
        for (const [id, doc] of found) textsRef.current.set(id, doc);
        setVersion((v) => v + 1);
      },
      // Deliberately swallowed: a row without its snippet still shows its title.
      () => undefined,
    );
  }, [db]);

  return useMemo(
    () => (id: string) => {
      const doc = textsRef.current.get(id);
      if (doc || askedRef.current.has(id)) return doc;
      askedRef.current.add(id);
      if (!wantedRef.current.size) queueMicrotask(flush);
      wantedRef.current.add(id);
      return undefined;
    },
    // `version` stands for the texts read since.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [flush, version],
  );
}
