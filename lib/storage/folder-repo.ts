/**
 * The folder the user chose for publishing, kept in IndexedDB: a `FileSystemDirectoryHandle`
 * survives there (structured clone) across restarts, which `storage.local` (JSON) cannot hold.
 */
import type { GleanerDB } from './db';
import type { ChosenFolder } from './folder-records';

const PUBLISH_FOLDER_ID = 'publish';

export async function savePublishFolder(
  db: GleanerDB,
  handle: FileSystemDirectoryHandle,
  now: Date,
): Promise<void> {
  await db.folders.put({ id: PUBLISH_FOLDER_ID, handle, chosenAt: now.toISOString() });
}

export async function loadPublishFolder(db: GleanerDB): Promise<ChosenFolder | null> {
  return (await db.folders.get(PUBLISH_FOLDER_ID)) ?? null;
}
