/**
 * The options page's side of the folder target: the folder picked with the browser's own dialog
 * (a click here is the user gesture it needs), kept in the library's database.
 */
import { hasFolderAccess } from '@/lib/publish/folder-publish';
import { GleanerDB } from '@/lib/storage/db';
import { loadPublishFolder, savePublishFolder } from '@/lib/storage/folder-repo';

export interface FolderState {
  name: string | null;
  access: boolean;
}

async function withDb<T>(run: (db: GleanerDB) => Promise<T>): Promise<T> {
  const db = new GleanerDB();
  try {
    return await run(db);
  } finally {
    db.close();
  }
}

/** The chosen folder and whether Gleaner may write there now (never asks). */
export function loadFolderState(): Promise<FolderState> {
  return withDb(async (db) => {
    const chosen = await loadPublishFolder(db);
    if (!chosen) return { name: null, access: false };
    return { name: chosen.handle.name, access: await hasFolderAccess(chosen.handle, false) };
  });
}

/** Opens the folder dialog; null when the user cancels it. */
export async function pickFolder(): Promise<FolderState | null> {
  let handle: FileSystemDirectoryHandle | undefined;
  try {
    handle = await window.showDirectoryPicker?.({ id: 'gleaner-publish', mode: 'readwrite' });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') return null;
    throw error;
  }
  // Not offered where there is no picker (the option is disabled there).
  if (!handle) return null;
  await withDb((db) => savePublishFolder(db, handle, new Date()));
  return { name: handle.name, access: await hasFolderAccess(handle, false) };
}

/** Asks the browser again for the grant to write to the chosen folder (within the click). */
export function grantFolder(): Promise<FolderState> {
  return withDb(async (db) => {
    const chosen = await loadPublishFolder(db);
    if (!chosen) return { name: null, access: false };
    return { name: chosen.handle.name, access: await hasFolderAccess(chosen.handle, true) };
  });
}
