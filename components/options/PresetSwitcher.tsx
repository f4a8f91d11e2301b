import type { TargetedEvent } from 'preact';
import { PRESET_IDS, PRESET_LABELS, type PresetId } from '@/lib/export/export-settings';

export interface PresetSwitcherProps {
  value: PresetId;
  disabled?: boolean;
  onChange(preset: PresetId): void;
}

const HINTS: Readonly<Record<PresetId, string>> = {
  jekyll:
    '_posts/YYYY-MM-DD-slug.md with layout, title, date (with its UTC offset), categories and tags.',
  hugo: 'content/posts/slug.md with title, date (RFC 3339), draft: false, categories, tags, author and source.',
  obsidian:
    'Clippings/Title.md with the properties title, source, author, published, created and tags; highlights as ==…==.',
  custom: 'Your own front-matter fields, body and folder (the template below).',
};

export default function PresetSwitcher({ value, disabled, onChange }: PresetSwitcherProps) {
  const onSelect = (event: TargetedEvent<HTMLSelectElement>) =>
    onChange(event.currentTarget.value as PresetId);
  return (
    <div class="preset-switcher">
      <label>
        Export as{' '}
        <select data-testid="preset-select" value={value} disabled={disabled} onChange={onSelect}>
          {PRESET_IDS.map((id) => (
            <option key={id} value={id}>
              {PRESET_LABELS[id]}
            </option>
          ))}
        </select>
      </label>
      <p class="hint">{HINTS[value]}</p>
    </div>
  );
}
