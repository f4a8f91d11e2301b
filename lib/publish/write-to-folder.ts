/**
 * Writes a publish's files into a folder on disk (a `FileSystemDirectoryHandle`), creating the
 * subfolders on their paths. Each file is replaced whole; nothing else in the folder is read,
 * changed or deleted.
 */
import type { PublishFile } from './commit-builder';
import { folderPathParts } from './folder-path';

/** Writes `files` under `root`; every path is checked before the first write. Returns the paths written. */
export async function writeToFolder(
  root: FileSystemDirectoryHandle,
  files: readonly PublishFile[],
): Promise<string[]> {
  const planned = files.map((file) => ({ file, ...folderPathParts(file.path) }));
  for (const { file, folders, name } of planned) {
    let folder = root;
    for (const folderName of folders) {
      folder = await folder.getDirectoryHandle(folderName, { create: true });
    }
    const handle = await folder.getFileHandle(name, { create: true });
    // The browser writes to a temporary file and swaps it in on close: a failed write leaves the old file.
    const writable = await handle.createWritable();
    try {
      await writable.write(
        typeof file.content === 'string' ? file.content : new Uint8Array(file.content),
      );
      await writable.close();
    } catch (error) {
      await writable.abort().catch(() => undefined);
      throw error;
    }
  }
  return planned.map(({ file }) => file.path);
}
