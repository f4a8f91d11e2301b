import { useId, useState } from 'preact/hooks';
import type { TargetedEvent, TargetedKeyboardEvent } from 'preact';
import { t } from '@/lib/i18n';

export interface TagEditorProps {
  tags: string[];
  /** Tags already in the library, most used first: the autocomplete source. */
  knownTags: string[];
  /** The page's own keywords, offered as one-click suggestions. */
  keywords: string[];
  onChange(tags: string[]): void;
}

const SEPARATORS = /[,，、]/;

function addTags(current: string[], raw: string[]): string[] {
  const next = [...current];
  for (const value of raw) {
    const tag = value.replace(/\s+/g, ' ').trim();
    if (tag && !next.some((t) => t.toLocaleLowerCase() === tag.toLocaleLowerCase())) next.push(tag);
  }
  return next;
}

export default function TagEditor({ tags, knownTags, keywords, onChange }: TagEditorProps) {
  const [draft, setDraft] = useState('');
  const [active, setActive] = useState(-1);
  // Unique per editor: the popup and the reader each have one, and ids must not repeat.
  const listId = `tag-matches-${useId()}`;
  const optionId = (index: number) => `${listId}-${index}`;
  const taken = new Set(tags.map((t) => t.toLocaleLowerCase()));
  const query = draft.trim().toLocaleLowerCase();
  const matches = query
    ? knownTags
        .filter((t) => t.toLocaleLowerCase().includes(query) && !taken.has(t.toLocaleLowerCase()))
        .slice(0, 8)
    : [];
  const suggestions = keywords.filter((k) => !taken.has(k.toLocaleLowerCase())).slice(0, 8);

  const commit = (values: string[]) => {
    onChange(addTags(tags, values));
    setDraft('');
    setActive(-1);
  };

  const onInput = (event: TargetedEvent<HTMLInputElement>) => {
    const value = event.currentTarget.value;
    if (SEPARATORS.test(value)) {
      const parts = value.split(SEPARATORS);
      const rest = parts.pop() ?? '';
      onChange(addTags(tags, parts));
      setDraft(rest);
    } else {
      setDraft(value);
    }
    setActive(-1);
  };

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLInputElement>) => {
    if (event.isComposing) return; // Enter that confirms an IME candidate is not "add tag"
    if (event.key === 'ArrowDown' && matches.length) {
      event.preventDefault();
      setActive((active + 1) % matches.length);
    } else if (event.key === 'ArrowUp' && matches.length) {
      event.preventDefault();
      setActive((active - 1 + matches.length) % matches.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const picked = matches[active];
      commit([picked ?? draft]);
    } else if (event.key === 'Escape' && matches.length) {
      event.preventDefault();
      setActive(-1);
      setDraft('');
    } else if (event.key === 'Backspace' && !draft && tags.length) {
      onChange(tags.slice(0, -1));
    }
  };

  return (
    <div class="tag-editor">
      <ul class="tag-list" aria-label={t('tags_label')}>
        {tags.map((tag) => (
          <li key={tag}>
            <button
              type="button"
              class="tag"
              data-testid="tag-chip"
              title={t('tag_remove', tag)}
              aria-label={t('tag_remove', tag)}
              onClick={() => onChange(tags.filter((t) => t !== tag))}
            >
              {tag} <span aria-hidden="true">×</span>
            </button>
          </li>
        ))}
      </ul>
      <input
        data-testid="tag-input"
        class="tag-input"
        type="text"
        value={draft}
        placeholder={t('tag_input_placeholder')}
        aria-label={t('tag_input_label')}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={matches.length > 0}
        aria-controls={matches.length > 0 ? listId : undefined}
        aria-activedescendant={matches[active] !== undefined ? optionId(active) : undefined}
        onInput={onInput}
        onKeyDown={onKeyDown}
        onBlur={() => draft.trim() && commit([draft])}
      />
      {matches.length > 0 && (
        <ul id={listId} class="tag-matches" role="listbox" aria-label={t('tag_matches_label')}>
          {matches.map((tag, index) => (
            <li
              key={tag}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              class={index === active ? 'active' : ''}
              data-testid="tag-match"
              onMouseDown={(event) => {
                event.preventDefault(); // keep focus in the input
                commit([tag]);
              }}
            >
              {tag}
            </li>
          ))}
        </ul>
      )}
      {suggestions.length > 0 && (
        <p class="tag-suggestions">
          <span>{t('tag_suggestions')}</span>
          {suggestions.map((keyword) => (
            <button
              key={keyword}
              type="button"
              class="suggestion"
              data-testid="tag-suggestion"
              onClick={() => commit([keyword])}
            >
              + {keyword}
            </button>
          ))}
        </p>
      )}
    </div>
  );
}
