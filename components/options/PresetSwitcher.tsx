import type { TargetedEvent } from 'preact';
import { PRESET_IDS, PRESET_LABELS, type PresetId } from '@/lib/export/export-settings';
import { t, type MessageKey } from '@/lib/i18n';

export interface PresetSwitcherProps {
  value: PresetId;
  disabled?: boolean;
  onChange(preset: PresetId): void;
}

const HINTS: Readonly<Record<PresetId, MessageKey>> = {
  jekyll: 'preset_hint_jekyll',
  hugo: 'preset_hint_hugo',
  obsidian: 'preset_hint_obsidian',
  custom: 'preset_hint_custom',
};

/** Jekyll, Hugo and Obsidian are names; only "Custom template" is translated. */
export function presetLabel(id: PresetId): string {
  return id === 'custom' ? t('preset_custom') : PRESET_LABELS[id];
}

export default function PresetSwitcher({ value, disabled, onChange }: PresetSwitcherProps) {
  const onSelect = (event: TargetedEvent<HTMLSelectElement>) =>
    onChange(event.currentTarget.value as PresetId);
  return (
    <div class="preset-switcher">
      <label>
        {t('preset_export_as')}{' '}
        <select data-testid="preset-select" value={value} disabled={disabled} onChange={onSelect}>
          {PRESET_IDS.map((id) => (
            <option key={id} value={id}>
              {presetLabel(id)}
            </option>
          ))}
        </select>
      </label>
      <p class="hint">{t(HINTS[value])}</p>
    </div>
  );
}
