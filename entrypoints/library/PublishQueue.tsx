import { useEffect, useState } from 'preact/hooks';
import PublishQueueList, { type QueueEntry } from '@/components/library/PublishQueueList';
import { t } from '@/lib/i18n';
import { sendRequest } from '@/lib/messaging/client';

/** The library's view of the publish queue, with "Publish now"; read again when `version` changes. */
export default function PublishQueue({ version = 0 }: { version?: number }) {
  const [entries, setEntries] = useState<QueueEntry[]>([]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const reload = async (): Promise<number> => {
    const answer = await sendRequest({ type: 'publish:queue' });
    if (answer.ok) setEntries(answer.value);
    return answer.ok ? answer.value.length : 0;
  };
  useEffect(() => {
    void reload();
  }, [version]);

  const publishNow = async () => {
    setBusy(true);
    try {
      const answer = await sendRequest({ type: 'publish:run' });
      if (!answer.ok) {
        setMessage(answer.error.message);
        return;
      }
      const sent = answer.value.filter((o) => o.status === 'published').length;
      const waiting = await reload();
      setMessage(t('publish_queue_done', sent, waiting));
    } finally {
      setBusy(false);
    }
  };

  return (
    <PublishQueueList
      entries={entries}
      busy={busy}
      message={message}
      onPublishNow={() => void publishNow()}
    />
  );
}
