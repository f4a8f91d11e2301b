import { t } from '@/lib/i18n';

export interface QueueEntry {
  id: string;
  title: string;
  queuedAt: string;
  attempts: number;
}

export interface PublishQueueListProps {
  entries: readonly QueueEntry[];
  busy: boolean;
  message: string | null;
  onPublishNow(): void;
}

/** Publishes waiting for the repository, each with when it was queued and how often it was tried. */
export default function PublishQueueList({
  entries,
  busy,
  message,
  onPublishNow,
}: PublishQueueListProps) {
  if (!entries.length && !message) return null;
  return (
    <section class="publish-queue" aria-label={t('publish_queue_title')}>
      <h2>{t('publish_queue_title')}</h2>
      <ul data-testid="publish-queue">
        {entries.map((entry) => (
          <li key={entry.id} data-testid="queue-item">
            {t(
              'publish_queue_item',
              entry.title,
              entry.queuedAt.slice(0, 16).replace('T', ' '),
              entry.attempts,
            )}
          </li>
        ))}
      </ul>
      {entries.length > 0 && (
        <button type="button" data-testid="publish-now" disabled={busy} onClick={onPublishNow}>
          {t('publish_now')}
        </button>
      )}
      {message && (
        <p class="status" role="status" data-testid="publish-queue-status">
          {message}
        </p>
      )}
    </section>
  );
}
