import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';

export interface TagRenameProps {
  tags: [string, number][];
  busy: boolean;
  onRename(from: string, to: string): void;
}

/** Renames a tag on every article that has it. */
export default function TagRename({ tags, busy, onRename }: TagRenameProps) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const submit = (event: Event) => {
    event.preventDefault();
    if (!from || !to.trim()) return;
    onRename(from, to.trim());
    setTo('');
  };
  return (
    <form class="tag-rename" onSubmit={submit}>
      <label>
        {t('rename_tag')}
        <select
          data-testid="rename-from"
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
        >
          <option value="">{t('rename_choose')}</option>
          {tags.map(([tag, count]) => (
            <option key={tag} value={tag}>
              {tag} ({count})
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('rename_to')}
        <input
          data-testid="rename-to"
          value={to}
          placeholder={t('rename_new_name')}
          onInput={(e) => setTo(e.currentTarget.value)}
        />
      </label>
      <button type="submit" data-testid="rename-tag" disabled={busy || !from || !to.trim()}>
        {t('rename_submit')}
      </button>
    </form>
  );
}
