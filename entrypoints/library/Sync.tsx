import { useState } from 'preact/hooks';
import SyncBar, { type SyncBarProps } from '@/components/library/SyncBar';
import { t } from '@/lib/i18n';
import { sendRequest } from '@/lib/messaging/client';
import type { SyncConflict } from '@/lib/sync/merge';

function describe(conflict: SyncConflict): string {
  if (conflict.kind === 'unreadable')
    return t('sync_conflict_unreadable', conflict.path, conflict.reason);
  return t('sync_conflict_deleted', conflict.title);
}

/** The library's "Sync": asks the background, then shows what changed (and reloads the list). */
export default function Sync({ onSynced }: { onSynced(): void }) {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<SyncBarProps['status']>(null);
  const [runs, setRuns] = useState(0);

  const sync = async () => {
    setBusy(true);
    try {
      const answer = await sendRequest({ type: 'library:sync' });
      if (!answer.ok) {
        setStatus({ tone: 'error', message: answer.error.message, conflicts: [] });
        return;
      }
      const { received, sent, conflicts } = answer.value;
      const lines = conflicts.map(describe);
      setStatus({
        tone: lines.length ? 'error' : 'success',
        message: [
          t('sync_done', received, sent),
          ...(lines.length ? [t('sync_conflicts', lines.length)] : []),
        ].join(' '),
        conflicts: lines,
      });
      if (received) onSynced();
    } finally {
      setBusy(false);
      setRuns((n) => n + 1);
    }
  };

  return <SyncBar busy={busy} status={status} runs={runs} onSync={() => void sync()} />;
}
