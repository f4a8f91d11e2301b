/**
 * "Publish selected": each selected article published as the popup publishes one (rendered here,
 * where there is a DOM to place highlights), one after the other: one commit each to a
 * repository, or its files written to the chosen folder.
 */
import type { NoticeProps } from '@/components/library/Notice';
import { t } from '@/lib/i18n';
import { sendRequest } from '@/lib/messaging/client';
import { gitFailureMessage } from '@/lib/publish/failure-message';
import type { PublishFiles } from '@/lib/publish/publish-files';
import type { PublishOutcome } from '@/lib/publish/publish-queue';
import { loadSettings } from '@/lib/settings/store';
import { imageTypesInLibrary } from '@/lib/storage/images-repo';
import { fetchBundles } from './messages';
import type { TaskState } from './tasks';

export type Notice = Omit<NoticeProps, 'onDismiss'>;

/** One article sent: how it went and why not (null when all went well); or stop all with a notice. */
export type SendResult =
  { status: 'published' | 'queued' | 'failed'; reason: string | null } | { stop: Notice };

/** Why an article was not published (or is waiting), for the notice's details. */
function reasonOf(outcome: PublishOutcome): string | null {
  if (outcome.status === 'published') {
    return outcome.conflicts.length ? t('publish_conflict', outcome.conflicts.join(', ')) : null;
  }
  const reason = gitFailureMessage(outcome.code, { detail: outcome.detail });
  return outcome.status === 'queued' ? t('publish_queued', reason) : t('publish_failed', reason);
}

/** To the repository, through the background (which queues what cannot be sent now). */
async function sendToGit(request: PublishFiles['request']): Promise<SendResult> {
  const answer = await sendRequest({ type: 'publish:article', ...request });
  // No git target (changed in the options meanwhile): the others would fail alike.
  if (!answer.ok) return { stop: { tone: 'error', message: answer.error.message } };
  return { status: answer.value.status, reason: reasonOf(answer.value) };
}

export async function publishSelected(
  ids: readonly string[],
  setTask: (task: TaskState | null) => void,
  send: (request: PublishFiles['request']) => Promise<SendResult> = sendToGit,
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
        const result = await send(request);
        if ('stop' in result) return result.stop;
        counts[result.status] += 1;
        if (result.reason) details.push(t('bulk_publish_item_failed', title, result.reason));
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
