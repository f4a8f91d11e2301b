import { t, type MessageKey } from '@/lib/i18n';
import { HIGHLIGHT_COLORS, type Highlight, type HighlightColor } from '@/lib/model';

const COLOR_NAMES: Readonly<Record<HighlightColor, MessageKey>> = {
  yellow: 'color_yellow',
  green: 'color_green',
  blue: 'color_blue',
  pink: 'color_pink',
};

export interface HighlightListProps {
  highlights: Highlight[];
  /** Ids of highlights that could not be found in the article: listed apart, never dropped. */
  orphanIds: Set<string>;
  onNote(id: string, note: string): void;
  onColor(id: string, color: HighlightColor): void;
  onDelete(id: string): void;
}

function HighlightItem({
  highlight,
  orphan,
  onNote,
  onColor,
  onDelete,
}: { highlight: Highlight; orphan: boolean } & Omit<
  HighlightListProps,
  'highlights' | 'orphanIds'
>) {
  return (
    <li
      class={`highlight highlight-${highlight.color}`}
      data-testid={orphan ? 'orphan-item' : 'highlight-item'}
    >
      <blockquote class="highlight-quote" data-testid="highlight-quote">
        {highlight.quote}
      </blockquote>
      <textarea
        class="highlight-note"
        data-testid="highlight-note"
        aria-label={t('highlight_note')}
        placeholder={t('highlight_note_placeholder')}
        rows={2}
        value={highlight.note}
        onChange={(event) => onNote(highlight.id, event.currentTarget.value)}
      />
      <div class="highlight-actions">
        <span role="radiogroup" aria-label={t('highlight_color')}>
          {HIGHLIGHT_COLORS.map((color) => (
            <button
              key={color}
              type="button"
              role="radio"
              aria-checked={highlight.color === color}
              aria-label={t(COLOR_NAMES[color])}
              class={`swatch swatch-${color}`}
              data-testid={`color-${color}`}
              onClick={() => onColor(highlight.id, color)}
            />
          ))}
        </span>
        <button
          type="button"
          class="link-button"
          data-testid="highlight-delete"
          onClick={() => onDelete(highlight.id)}
        >
          {t('highlight_delete')}
        </button>
      </div>
    </li>
  );
}

export default function HighlightList({ highlights, orphanIds, ...actions }: HighlightListProps) {
  if (!highlights.length) return null;
  const placed = highlights.filter((h) => !orphanIds.has(h.id));
  const orphans = highlights.filter((h) => orphanIds.has(h.id));
  return (
    <section class="highlights" aria-label={t('highlights_label')}>
      {placed.length > 0 && (
        <ul class="highlight-list">
          {placed.map((highlight) => (
            <HighlightItem key={highlight.id} highlight={highlight} orphan={false} {...actions} />
          ))}
        </ul>
      )}
      {orphans.length > 0 && (
        <>
          <h2 class="orphans-title">{t('highlights_orphans')}</h2>
          <ul class="highlight-list">
            {orphans.map((highlight) => (
              <HighlightItem key={highlight.id} highlight={highlight} orphan {...actions} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
