/**
 * The folder target (Chromium's File System Access API): the folder the user picked in the
 * options, its grant to write checked at every publish, and the publish's files written there.
 * Runs in an extension page: asking for the grant again needs a window and the user's click.
 */
import type { GleanerDB } from '../storage/db';
import { loadPublishFolder } from '../storage/folder-repo';
import type { QueuedPublish } from '../storage/publish-records';
import { publishFileBytes } from './publish-file-bytes';
import { writeToFolder } from './write-to-folder';

export type PublishFolder =
  | { status: 'ready'; handle: FileSystemDirectoryHandle; name: string }
  | { status: 'no-folder' }
  /** The grant lapsed (a browser restart) or was refused: nothing may be written. */
  | { status: 'no-access'; name: string };

const READ_WRITE = { mode: 'readwrite' } as const;

/** Whether this browser lets the user pick a folder to write to (not Firefox). */
export function canPickFolder(scope: object = globalThis): boolean {
  return 'showDirectoryPicker' in scope;
}

/**
 * Whether Gleaner may write to the folder now. `ask`: when the grant lapsed, ask the user again;
 * only within a click in a page (the browser refuses without one).
 */
export async function hasFolderAccess(
  handle: FileSystemDirectoryHandle,
  ask: boolean,
): Promise<boolean> {
  // A handle without permission methods (not Chromium) is tried as it is: a refusal then fails the write.
  const state = (await handle.queryPermission?.(READ_WRITE)) ?? 'granted';
  if (state === 'granted') return true;
  if (!ask || !handle.requestPermission) return false;
  try {
    return (await handle.requestPermission(READ_WRITE)) === 'granted';
  } catch {
    // Refused without a user gesture (the click's activation ran out): the caller offers a button.
    return false;
  }
}

export async function openPublishFolder(
  db: GleanerDB,
  options: { ask: boolean },
): Promise<PublishFolder> {
  const chosen = await loadPublishFolder(db);
  if (!chosen) return { status: 'no-folder' };
  const { handle } = chosen;
  return (await hasFolderAccess(handle, options.ask))
    ? { status: 'ready', handle, name: handle.name }
    : { status: 'no-access', name: handle.name };
}

/**
 * Writes one publish (the same file list a git publish commits: texts, and images by hash read
 * from the library) into the folder. Returns the paths written.
 */
export async function publishToFolder(
  db: GleanerDB,
  handle: FileSystemDirectoryHandle,
  publish: Pick<QueuedPublish, 'files' | 'images'>,
): Promise<string[]> {
  return writeToFolder(handle, await publishFileBytes(db, publish));
}
