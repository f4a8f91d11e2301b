import type { TargetedMouseEvent } from 'preact';
import { t, tCount } from '@/lib/i18n';
import type { Segment } from '@/lib/library/snippet';
import type { LibraryCard } from '@/lib/library/types';

export interface ArticleRowProps {
  card: LibraryCard;
  site: string;
  selected: boolean;
  /** The title with search matches marked (or plain). */
  title: Segment[];
  /** The matching words in context, when searching. */
  snippet: Segment[] | null;
  onToggle(id: string, range: boolean): void;
}

export function Marked({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((segment, i) =>
        segment.hit ? <mark key={i}>{segment.text}</mark> : <span key={i}>{segment.text}</span>,
      )}
    </>
  );
}

export default function ArticleRow({
  card,
  site,
  selected,
  title,
  snippet,
  onToggle,
}: ArticleRowProps) {
  const onClick = (event: TargetedMouseEvent<HTMLInputElement>) =>
    onToggle(card.id, event.shiftKey);
  const date = card.published?.slice(0, 10) ?? t('row_saved_on', card.savedAt.slice(0, 10));
  return (
    <article class={selected ? 'article-row selected' : 'article-row'} data-testid="article-row">
      <input
        type="checkbox"
        class="row-check"
        aria-label={t('row_select', card.title)}
        checked={selected}
        onClick={onClick}
        data-testid="row-select"
      />
      <div class="row-body">
        <a
          class="row-title"
          href={`#/article/${encodeURIComponent(card.id)}`}
          data-testid="row-title"
        >
          <Marked segments={title} />
        </a>
        <p class="row-meta">
          <span class="row-site">{site}</span>
          <time dateTime={card.published ?? card.savedAt}>{date}</time>
          {card.highlightCount > 0 && (
            <span class="row-highlights" data-testid="row-highlight-count">
              {tCount(card.highlightCount, 'n_highlights_one', 'n_highlights_other')}
            </span>
          )}
          {card.tags.map((tag) => (
            <span key={tag} class="tag-chip" data-testid="row-tag">
              {tag}
            </span>
          ))}
        </p>
        {snippet && (
          <p class="row-snippet" data-testid="row-snippet">
            <Marked segments={snippet} />
          </p>
        )}
      </div>
    </article>
  );
}
