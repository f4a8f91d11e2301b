/** The row of a chosen folder: a type only, shared by db.ts and folder-repo.ts. */

export interface ChosenFolder {
  /** What the folder is for: `publish`, the folder target. */
  id: string;
  /** Kept as IndexedDB keeps it (structured clone); the grant to write is asked again when lapsed. */
  handle: FileSystemDirectoryHandle;
  chosenAt: string;
}
