import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';

export interface BulkBarProps {
  count: number;
  knownTags: string[];
  busy: boolean;
  /** Whether "Publish" is offered: the publish target is a git repository. */
  canPublish: boolean;
  onAddTag(tag: string): void;
  onRemoveTag(tag: string): void;
  onDelete(): void;
  onExport(): void;
  onPublish(): void;
  onClear(): void;
}

/** What to do with the selected articles. */
export default function BulkBar(props: BulkBarProps) {
  const [tag, setTag] = useState('');
  const apply = (action: (tag: string) => void) => {
    if (!tag.trim()) return;
    action(tag.trim());
    setTag('');
  };
  return (
    <div class="bulk-bar" data-testid="bulk-bar">
      <strong data-testid="selection-count">
        {t('bulk_selected', props.count.toLocaleString())}
      </strong>
      <input
        list="library-known-tags"
        placeholder={t('bulk_tag_placeholder')}
        aria-label={t('bulk_tag_label')}
        data-testid="bulk-tag-input"
        value={tag}
        onInput={(event) => setTag(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.isComposing) apply(props.onAddTag);
        }}
      />
      <datalist id="library-known-tags">
        {props.knownTags.map((known) => (
          <option key={known} value={known} />
        ))}
      </datalist>
      <button
        type="button"
        data-testid="bulk-add-tag"
        disabled={props.busy}
        onClick={() => apply(props.onAddTag)}
      >
        {t('bulk_add_tag')}
      </button>
      <button
        type="button"
        data-testid="bulk-remove-tag"
        disabled={props.busy}
        onClick={() => apply(props.onRemoveTag)}
      >
        {t('bulk_remove_tag')}
      </button>
      <button
        type="button"
        data-testid="bulk-export"
        disabled={props.busy}
        onClick={props.onExport}
      >
        {t('bulk_export')}
      </button>
      {props.canPublish && (
        <button
          type="button"
          data-testid="bulk-publish"
          disabled={props.busy}
          onClick={props.onPublish}
        >
          {t('bulk_publish')}
        </button>
      )}
      <button
        type="button"
        class="danger"
        data-testid="bulk-delete"
        disabled={props.busy}
        onClick={props.onDelete}
      >
        {t('bulk_delete')}
      </button>
      <button type="button" class="link-button" onClick={props.onClear}>
        {t('bulk_clear')}
      </button>
    </div>
  );
}
