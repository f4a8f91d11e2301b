import { t } from '@/lib/i18n';
import { sendRequest } from '@/lib/messaging/client';
import type { PublishFiles } from '@/lib/publish/publish-files';
import { loadSettings } from '@/lib/settings/store';
import { imageTypesInLibrary } from '@/lib/storage/images-repo';

/**
 * The saved article as a publish sends it (the post in the user's preset and its sidecar),
 * rendered here because rendering highlights needs a DOM; the same for every target.
 */
export async function renderForPublish(
  articleId: string,
): Promise<PublishFiles | { error: string }> {
  const bundles = await sendRequest({ type: 'library:bundles', ids: [articleId] });
  const bundle = bundles.ok ? bundles.value[0] : undefined;
  if (!bundle)
    return { error: bundles.ok ? t('publish_failed', articleId) : bundles.error.message };
  // Templates, YAML and pinyin load when the user publishes, not with the popup.
  const { publishFiles } = await import('@/lib/publish/publish-files');
  return publishFiles(bundle, await loadSettings(), {
    imageTypes: await imageTypesInLibrary(bundle.article.images),
  });
}
