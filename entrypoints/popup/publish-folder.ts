import { t } from '@/lib/i18n';
import { folderFailureMessage } from '@/lib/publish/failure-message';
import { openPublishFolder, publishToFolder } from '@/lib/publish/folder-publish';
import { GleanerDB } from '@/lib/storage/db';
import type { PublishStatus } from './publish-status';
import { renderForPublish } from './render-publish';

/**
 * "Publish" to the chosen folder, written from this page: the grant is checked first, then the
 * post, its images and its sidecar are written. `askAccess`: within a click, a lapsed grant is
 * asked for again (a publish on save, long after the click, shows the button that asks instead).
 */
export async function publishSavedToFolder(
  articleId: string,
  askAccess: boolean,
): Promise<PublishStatus> {
  const db = new GleanerDB();
  try {
    const folder = await openPublishFolder(db, { ask: askAccess });
    if (folder.status === 'no-folder') return { tone: 'error', message: t('folder_not_chosen') };
    if (folder.status === 'no-access') {
      return { tone: 'error', message: t('folder_no_access', folder.name), grant: true };
    }
    const rendered = await renderForPublish(articleId);
    if ('error' in rendered) return { tone: 'error', message: rendered.error };
    const written = await publishToFolder(db, folder.handle, rendered.request);
    if (!written.length) return { tone: 'success', message: t('publish_unchanged') };
    return {
      tone: 'success',
      message: t('publish_folder_written', folder.name, rendered.postPath),
    };
  } catch (error) {
    return { tone: 'error', message: folderFailureMessage(error) };
  } finally {
    db.close();
  }
}
