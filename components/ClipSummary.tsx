import { t, tCount } from '@/lib/i18n';
import type { ExtractedArticle } from '@/lib/model';

export interface ClipSummaryProps {
  article: ExtractedArticle;
}

/** `2022-01-12T21:56:33+08:00` → `2022-01-12 21:56 (UTC+08:00)`: the source's own clock. */
function showPublished(published: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.exec(
    published,
  );
  if (!match) return published;
  const offset = match[3] === 'Z' ? '+00:00' : match[3];
  return `${match[1]} ${match[2]} (UTC${offset})`;
}

export default function ClipSummary({ article }: ClipSummaryProps) {
  return (
    <header class="clip-summary">
      <h1 data-testid="clip-title">{article.title || t('untitled')}</h1>
      <p class="clip-meta">
        <span data-testid="clip-site">{article.siteName ?? new URL(article.url).hostname}</span>
        {article.published && (
          <span data-testid="clip-date">{showPublished(article.published)}</span>
        )}
        <span data-testid="clip-words">
          {tCount(article.wordCount, 'words_one', 'words_other')}
        </span>
        {article.source === 'selection' && <span>{t('clip_source_selection')}</span>}
      </p>
    </header>
  );
}
