import { t } from '@/lib/i18n';

export interface SyncScheduleEditorProps {
  /** Minutes between syncs (0: only when "Sync" is pressed). */
  minutes: number;
  choices: readonly number[];
  onChange(minutes: number): void;
}

/** How often the library syncs through the repository by itself. */
export default function SyncScheduleEditor({
  minutes,
  choices,
  onChange,
}: SyncScheduleEditorProps) {
  return (
    <label>
      {t('sync_schedule')}
      <select
        data-testid="sync-interval"
        value={String(minutes)}
        onChange={(event) => onChange(Number(event.currentTarget.value))}
      >
        {choices.map((choice) => (
          <option key={choice} value={String(choice)}>
            {choice ? t('sync_every_minutes', choice) : t('sync_schedule_off')}
          </option>
        ))}
      </select>
    </label>
  );
}
