import { t } from '@/lib/i18n';
import { sendRequest } from '@/lib/messaging/client';
import { gitFailureMessage } from '@/lib/publish/failure-message';
import { canPickFolder } from '@/lib/publish/folder-publish';
import type { PublishOutcome } from '@/lib/publish/publish-queue';
import {
  activeTargetKind,
  loadPublishTarget,
  publishesOnSave,
  publishesToFolderOnSave,
  type TargetKind,
} from '@/lib/publish/target-store';
import type { PublishStatus } from './publish-status';
import { renderForPublish } from './render-publish';

/** Where "Publish" goes (Downloads: no Publish), and whether a save publishes by itself. */
export async function publishTarget(): Promise<{ kind: TargetKind; onSave: boolean }> {
  const target = await loadPublishTarget();
  const folder = canPickFolder(window);
  return {
    kind: activeTargetKind(target, folder),
    onSave: publishesOnSave(target) || publishesToFolderOnSave(target, folder),
  };
}

function describeOutcome(outcome: PublishOutcome, postPath: string): PublishStatus {
  if (outcome.status !== 'published') {
    if (outcome.status === 'queued') {
      return { tone: 'info', message: t('publish_queued', gitFailureMessage(outcome.code)) };
    }
    const reason = gitFailureMessage(outcome.code, { detail: outcome.detail });
    return { tone: 'error', message: t('publish_failed', reason) };
  }
  if (outcome.conflicts.length) {
    return { tone: 'error', message: t('publish_conflict', outcome.conflicts.join(', ')) };
  }
  if (!outcome.commit) return { tone: 'success', message: t('publish_unchanged') };
  const done = outcome.action === 'add' ? 'publish_added' : 'publish_updated';
  return { tone: 'success', message: t(done, postPath) };
}

/**
 * Publishes the saved article as the library exports it (the post in the user's preset and its
 * sidecar), rendered here because rendering highlights needs a DOM; the background sends it.
 */
export async function publishSavedArticle(
  articleId: string,
  kind: TargetKind,
  options: { askAccess: boolean } = { askAccess: true },
): Promise<PublishStatus> {
  if (kind === 'folder') {
    const { publishSavedToFolder } = await import('./publish-folder');
    return publishSavedToFolder(articleId, options.askAccess);
  }
  const rendered = await renderForPublish(articleId);
  if ('error' in rendered) return { tone: 'error', message: rendered.error };
  const { request, postPath } = rendered;
  const answer = await sendRequest({ type: 'publish:article', ...request });
  if (!answer.ok) return { tone: 'error', message: answer.error.message };
  return describeOutcome(answer.value, postPath);
}

/** The outcome of the publish that followed a save ("Publish on save"), once it is over. */
export async function publishedOnSave(articleId: string): Promise<PublishStatus | null> {
  const answer = await sendRequest({ type: 'publish:on-save', articleId });
  if (!answer.ok) return { tone: 'error', message: answer.error.message };
  if (!answer.value) return null;
  return describeOutcome(answer.value.outcome, answer.value.postPath);
}
