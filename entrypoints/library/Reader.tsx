import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import ReaderView from '@/components/library/ReaderView';
import { anchorInDom } from '@/lib/anchoring/anchor-dom';
import { paintHighlight } from '@/lib/anchoring/paint';
import {
  loadShownImages,
  showStoredImages,
  type ShownImages,
} from '@/lib/storage/show-stored-images';
import { sanitizeArticleHtml } from '@/lib/extract/sanitize-html';
import { GleanerDB } from '@/lib/storage/db';
import type { ArticleBundle } from '@/lib/library/types';
import { t } from '@/lib/i18n';
import type { HighlightColor } from '@/lib/model';
import { ask } from './messages';

export interface ReaderProps {
  id: string;
  knownTags: string[];
  onCardChange(bundle: ArticleBundle): void;
  onTagsChange(id: string, add: string[], remove: string[]): Promise<number>;
}

/** The reader view, connected: loads the bundle, saves tag and note edits. */
export default function Reader(props: ReaderProps) {
  const [bundle, setBundle] = useState<ArticleBundle | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const [orphanIds, setOrphanIds] = useState<Set<string>>(new Set());
  const [shownImages, setShownImages] = useState<ShownImages>(new Map());
  const [retrying, setRetrying] = useState(false);

  const load = useCallback(
    () =>
      ask({ type: 'library:bundles', ids: [props.id] }).then(
        ([found]) => (found ? setBundle(found) : setMissing(t('reader_missing'))),
        (error: unknown) => setMissing(error instanceof Error ? error.message : String(error)),
      ),
    [props.id],
  );
  useEffect(() => void load(), [load]);

  const retryImages = () => {
    setRetrying(true);
    ask({ type: 'images:retry', articleId: props.id })
      .then(load, (error: unknown) => console.warn('Gleaner: images not retried', error))
      .finally(() => setRetrying(false));
  };

  // Kept images come from the library itself (read-only), so the reader works offline.
  const images = bundle?.article.images;
  useEffect(() => {
    if (!images?.some((image) => image.hash)) return;
    const db = new GleanerDB();
    loadShownImages(db, images)
      .then(setShownImages, (error: unknown) => console.warn('Gleaner: images unreadable', error))
      .finally(() => db.close());
  }, [images]);

  const html = bundle?.article.html;
  const safeHtml = useMemo(() => (html ? sanitizeArticleHtml(html) : ''), [html]);
  const highlights = bundle?.highlights;
  const paint = useCallback(
    (root: HTMLElement) => {
      root.innerHTML = safeHtml; // repaint from clean HTML: marks are never painted twice
      const orphans = new Set<string>();
      for (const highlight of highlights ?? []) {
        const anchor = anchorInDom(root, highlight.articleSelectors);
        if (!anchor || !paintHighlight(root, anchor.range, highlight.id, highlight.color).length)
          orphans.add(highlight.id);
      }
      setOrphanIds(orphans);
      showStoredImages(root, shownImages);
    },
    [safeHtml, highlights, shownImages],
  );

  if (missing) {
    return (
      <div class="reader" data-testid="reader-view" role="dialog" aria-label={t('library_title')}>
        <a class="back-link" href="#/">
          {t('reader_back')}
        </a>
        <p>{missing}</p>
      </div>
    );
  }
  if (!bundle) return <div class="reader" data-testid="reader-view" />;

  const setHighlights = (next: ArticleBundle['highlights']) => {
    const updated = { ...bundle, highlights: next };
    setBundle(updated);
    props.onCardChange(updated);
  };
  const updateHighlight = async (id: string, change: { note?: string; color?: HighlightColor }) => {
    const result = await ask({ type: 'highlight:update', id, ...change });
    setHighlights(bundle.highlights.map((h) => (h.id === id ? result : h)));
  };

  return (
    <ReaderView
      bundle={bundle}
      safeHtml={safeHtml}
      knownTags={props.knownTags}
      orphanIds={orphanIds}
      paint={paint}
      onTags={(tags) => {
        const old = bundle.article.tags;
        const add = tags.filter((t) => !old.includes(t));
        const remove = old.filter((t) => !tags.includes(t));
        setBundle({ ...bundle, article: { ...bundle.article, tags } });
        void props.onTagsChange(bundle.article.id, add, remove);
      }}
      onNote={(id, note) => void updateHighlight(id, { note })}
      onColor={(id, color) => void updateHighlight(id, { color })}
      onClose={() => (location.hash = '#/')}
      onRetryImages={retryImages}
      retrying={retrying}
      onDeleteHighlight={(id) =>
        void ask({ type: 'highlight:delete', id }).then(() =>
          setHighlights(bundle.highlights.filter((h) => h.id !== id)),
        )
      }
    />
  );
}
