import { t } from '@/lib/i18n';
import { sendRequest } from '@/lib/messaging/client';
import { gitFailureMessage } from '@/lib/publish/failure-message';
import type { PublishOutcome } from '@/lib/publish/publish-queue';
import { loadPublishTarget, publishesOnSave } from '@/lib/publish/target-store';
import { loadSettings } from '@/lib/settings/store';
import { imageTypesInLibrary } from '@/lib/storage/images-repo';

export interface PublishStatus {
  tone: 'info' | 'success' | 'error';
  message: string;
}

/** Whether the popup offers "Publish", and whether a save publishes by itself. */
export async function publishTarget(): Promise<{ git: boolean; onSave: boolean }> {
  const target = await loadPublishTarget();
  return { git: target.kind === 'git', onSave: publishesOnSave(target) };
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
export async function publishSavedArticle(articleId: string): Promise<PublishStatus> {
  const bundles = await sendRequest({ type: 'library:bundles', ids: [articleId] });
  const bundle = bundles.ok ? bundles.value[0] : undefined;
  if (!bundle) {
    return {
      tone: 'error',
      message: bundles.ok ? t('publish_failed', articleId) : bundles.error.message,
    };
  }
  // Templates, YAML and pinyin load when the user publishes, not with the popup.
  const { publishFiles } = await import('@/lib/publish/publish-files');
  const { request, postPath } = publishFiles(bundle, await loadSettings(), {
    imageTypes: await imageTypesInLibrary(bundle.article.images),
  });
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
