import type { TargetedEvent } from 'preact';

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
        Export settings…
      </button>
      <label class="button">
        Import settings…
        <input
          type="file"
          accept="application/json,.json"
          data-testid="settings-import"
          onChange={onFile}
        />
      </label>
      <p class="hint">
        One JSON file with the preset, the template, names, dates and site rules. A file that does
        not check out is refused whole: nothing changes.
      </p>
    </div>
  );
}
