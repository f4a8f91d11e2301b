/**
 * "Publish selected" to the chosen folder, written from this page: the grant is checked once,
 * within the click (asked again when it lapsed), then each article's files are written.
 */
import { t } from '@/lib/i18n';
import { folderFailureMessage } from '@/lib/publish/failure-message';
import { openPublishFolder, publishToFolder } from '@/lib/publish/folder-publish';
import { GleanerDB } from '@/lib/storage/db';
import { publishSelected, type Notice } from './publish-selected';
import type { TaskState } from './tasks';

export async function publishSelectedToFolder(
  ids: readonly string[],
  setTask: (task: TaskState | null) => void,
  retry: () => void,
): Promise<Notice> {
  const db = new GleanerDB();
  try {
    const folder = await openPublishFolder(db, { ask: true });
    if (folder.status === 'no-folder') return { tone: 'error', message: t('folder_not_chosen') };
    if (folder.status === 'no-access') {
      return {
        tone: 'error',
        message: t('folder_no_access', folder.name),
        action: { label: t('folder_grant'), run: retry, testId: 'publish-grant' },
      };
    }
    return await publishSelected(ids, setTask, async (request) => {
      try {
        await publishToFolder(db, folder.handle, request);
        return { status: 'published', reason: null };
      } catch (error) {
        return { status: 'failed', reason: folderFailureMessage(error) };
      }
    });
  } finally {
    db.close();
  }
}
