import { t } from '@/lib/i18n';

export interface SyncBarProps {
  busy: boolean;
  /** What the last sync did, or why it failed; null before the first. */
  status: { tone: 'success' | 'error'; message: string; conflicts: readonly string[] } | null;
  /** Syncs finished since the page opened (tests wait for the next one). */
  runs: number;
  onSync(): void;
}

/** "Sync" and what the last sync did, with every record it could not merge. */
export default function SyncBar({ busy, status, runs, onSync }: SyncBarProps) {
  return (
    <div class="sync-bar">
      <button type="button" data-testid="sync-button" disabled={busy} onClick={onSync}>
        {t('sync_button')}
      </button>
      <p
        class={status && !busy ? `status status-${status.tone}` : 'status'}
        role="status"
        data-testid="sync-status"
        data-state={busy ? 'busy' : (status?.tone ?? 'idle')}
        data-runs={runs}
      >
        {busy ? t('sync_working') : status?.message}
      </p>
      {!busy && status && status.conflicts.length > 0 && (
        <ul class="sync-conflicts" data-testid="sync-conflicts">
          {status.conflicts.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
