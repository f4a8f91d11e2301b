import { useEffect, useRef } from 'preact/hooks';
import HighlightList from '@/components/HighlightList';
import ImageStatusLine from '@/components/ImageStatusLine';
import TagEditor from '@/components/TagEditor';
import { statusOfImages } from '@/lib/assets/image-status';
import { t, tCount } from '@/lib/i18n';
import type { HighlightColor } from '@/lib/model';
import type { ArticleBundle } from '@/lib/library/types';

export interface ReaderViewProps {
  bundle: ArticleBundle;
  /** The article HTML, sanitised again just before it is shown (`paint` puts it in). */
  safeHtml: string;
  knownTags: string[];
  orphanIds: Set<string>;
  /** Fills the article body with the sanitised HTML and marks the highlights in it. */
  paint(root: HTMLElement): void;
  onTags(tags: string[]): void;
  onNote(id: string, note: string): void;
  onColor(id: string, color: HighlightColor): void;
  onDeleteHighlight(id: string): void;
  /** Back to the list (Escape). */
  onClose(): void;
  /** Fetches the images kept remote again; `retrying` while it runs. */
  onRetryImages(): void;
  retrying: boolean;
}

/** One saved article: its text, its highlights with their notes, and its tags. */
export default function ReaderView(props: ReaderViewProps) {
  const { article, highlights } = props.bundle;
  const bodyRef = useRef<HTMLDivElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const { paint, safeHtml } = props;

  // Opened, the reader takes the focus (a screen reader reads the title); Escape closes it.
  useEffect(() => {
    titleRef.current?.focus();
  }, []);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !event.defaultPrevented) props.onClose();
  };

  useEffect(() => {
    if (bodyRef.current) paint(bodyRef.current);
  }, [paint, safeHtml, highlights]);

  const source = article.canonicalUrl || article.url;
  const imageStatus = statusOfImages(article.images);
  return (
    <div
      class="reader"
      data-testid="reader-view"
      role="dialog"
      aria-modal="true"
      aria-labelledby="reader-title"
      onKeyDown={onKeyDown}
    >
      <a class="back-link" href="#/" data-testid="reader-back">
        {t('reader_back')}
      </a>
      <article>
        <header class="reader-header">
          <h1 id="reader-title" data-testid="reader-title" tabIndex={-1} ref={titleRef}>
            {article.title}
          </h1>
          <p class="row-meta">
            {article.siteName && <span>{article.siteName}</span>}
            {article.byline && <span>{article.byline}</span>}
            <time dateTime={article.published ?? article.savedAt}>
              {(article.published ?? article.savedAt).slice(0, 10)}
            </time>
            <span>{tCount(article.wordCount, 'words_one', 'words_other')}</span>
            {/^https?:/.test(source) && (
              <a href={source} target="_blank" rel="noreferrer noopener">
                {t('reader_original')}
              </a>
            )}
          </p>
          {imageStatus && (
            <ImageStatusLine
              status={imageStatus}
              onRetry={props.onRetryImages}
              retrying={props.retrying}
            />
          )}
          <TagEditor
            tags={article.tags}
            knownTags={props.knownTags}
            keywords={article.keywords}
            onChange={props.onTags}
          />
        </header>
        <div class="reader-columns">
          {/* Filled by `paint` (sanitised HTML, then the marks): Preact leaves its children alone. */}
          <div class="reader-body" ref={bodyRef} data-testid="reader-body" />
          <aside class="reader-highlights">
            <h2>{tCount(highlights.length, 'n_highlights_one', 'n_highlights_other')}</h2>
            <HighlightList
              highlights={highlights}
              orphanIds={props.orphanIds}
              onNote={props.onNote}
              onColor={props.onColor}
              onDelete={props.onDeleteHighlight}
            />
          </aside>
        </div>
      </article>
    </div>
  );
}
