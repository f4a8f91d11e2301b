/**
 * "Publish selected": each selected article published as the popup publishes one (rendered here,
 * where there is a DOM to place highlights; sent by the background), one commit each.
 */
import type { NoticeProps } from '@/components/library/Notice';
import { t } from '@/lib/i18n';
import { sendRequest } from '@/lib/messaging/client';
import { gitFailureMessage } from '@/lib/publish/failure-message';
import type { PublishOutcome } from '@/lib/publish/publish-queue';
import { loadSettings } from '@/lib/settings/store';
import { imageTypesInLibrary } from '@/lib/storage/images-repo';
import { fetchBundles } from './messages';
import type { TaskState } from './tasks';

type Notice = Omit<NoticeProps, 'onDismiss'>;

/** Why an article was not published (or is waiting), for the notice's details. */
function reasonOf(outcome: PublishOutcome): string | null {
  if (outcome.status === 'published') {
    return outcome.conflicts.length ? t('publish_conflict', outcome.conflicts.join(', ')) : null;
  }
  const reason = gitFailureMessage(outcome.code, { detail: outcome.detail });
  return outcome.status === 'queued' ? t('publish_queued', reason) : t('publish_failed', reason);
}

export async function publishSelected(
  ids: readonly string[],
  setTask: (task: TaskState | null) => void,
): Promise<Notice> {
  const label = t('task_publishing');
  const counts = { published: 0, queued: 0, failed: 0 };
  const details: string[] = [];
  setTask({ label, done: 0, total: ids.length });
  try {
    // Templates, YAML and pinyin load on the first publish, not with the list.
    const { publishFiles } = await import('@/lib/publish/publish-files');
    const settings = await loadSettings();
    for (const [index, id] of ids.entries()) {
      // One article at a time: one commit each, and a message far below the messaging limit.
      let title = id;
      try {
        const [bundle] = await fetchBundles([id]);
        if (!bundle) throw new Error(t('error_article_gone'));
        title = bundle.article.title;
        const { request } = publishFiles(bundle, settings, {
          imageTypes: await imageTypesInLibrary(bundle.article.images),
        });
        const answer = await sendRequest({ type: 'publish:article', ...request });
        // No git target (changed in the options meanwhile): the others would fail alike.
        if (!answer.ok) return { tone: 'error', message: answer.error.message };
        counts[answer.value.status] += 1;
        const reason = reasonOf(answer.value);
        if (reason) details.push(t('bulk_publish_item_failed', title, reason));
      } catch (error) {
        counts.failed += 1;
        const reason = error instanceof Error ? error.message : String(error);
        details.push(t('bulk_publish_item_failed', title, t('publish_failed', reason)));
      }
      setTask({ label, done: index + 1, total: ids.length });
    }
  } finally {
    setTask(null);
  }
  const message = t(
    'bulk_published',
    counts.published.toLocaleString(),
    counts.queued.toLocaleString(),
    counts.failed.toLocaleString(),
  );
  const tone = counts.failed ? 'error' : counts.queued || details.length ? 'info' : 'success';
  return { tone, message, details };
}
