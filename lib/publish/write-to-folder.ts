/**
 * Writes a publish's files into a folder on disk (a `FileSystemDirectoryHandle`), creating the
 * subfolders on their paths. Each file is replaced whole, and only when its bytes differ (an
 * unchanged image keeps its date, so a site generator or a sync tool sees nothing new); nothing
 * else in the folder is read, changed or deleted.
 */
import type { PublishFile } from './commit-builder';
import { folderPathParts } from './folder-path';

async function holds(handle: FileSystemFileHandle, bytes: Uint8Array): Promise<boolean> {
  const file = await handle.getFile();
  if (file.size !== bytes.byteLength) return false;
  const existing = new Uint8Array(await file.arrayBuffer());
  return existing.every((byte, index) => byte === bytes[index]);
}

/**
 * Writes `files` under `root`; every path is checked before the first write. Returns the paths
 * written (those whose bytes changed).
 */
export async function writeToFolder(
  root: FileSystemDirectoryHandle,
  files: readonly PublishFile[],
): Promise<string[]> {
  const planned = files.map((file) => ({ file, ...folderPathParts(file.path) }));
  const written: string[] = [];
  for (const { file, folders, name } of planned) {
    let folder = root;
    for (const folderName of folders) {
      folder = await folder.getDirectoryHandle(folderName, { create: true });
    }
    const handle = await folder.getFileHandle(name, { create: true });
    const bytes =
      typeof file.content === 'string'
        ? new TextEncoder().encode(file.content)
        : new Uint8Array(file.content);
    if (await holds(handle, bytes)) continue;
    // The browser writes to a temporary file and swaps it in on close: a failed write leaves the old file.
    const writable = await handle.createWritable();
    try {
      await writable.write(bytes);
      await writable.close();
    } catch (error) {
      await writable.abort().catch(() => undefined);
      throw error;
    }
    written.push(file.path);
  }
  return written;
}
