import type { TargetedEvent } from 'preact';
import { t } from '@/lib/i18n';

export interface SettingsTransferProps {
  onExport(): void;
  onImport(file: File): void;
}

/** Backup and restore of all settings as one JSON file. */
export default function SettingsTransfer({ onExport, onImport }: SettingsTransferProps) {
  const onFile = (event: TargetedEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    event.currentTarget.value = '';
    if (file) onImport(file);
  };
  return (
    <div class="actions settings-transfer">
      <button type="button" data-testid="settings-export" onClick={onExport}>
        {t('settings_export')}
      </button>
      <label class="button">
        {t('settings_import')}
        <input
          type="file"
          accept="application/json,.json"
          data-testid="settings-import"
          onChange={onFile}
        />
      </label>
      <p class="hint">{t('settings_transfer_hint')}</p>
    </div>
  );
}
