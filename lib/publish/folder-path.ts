/**
 * A publish's file paths inside the chosen folder. They come from the user's templates, so one
 * could name `../` or an absolute path: those are refused, never written outside the folder.
 */

export class UnsafeFolderPathError extends Error {
  constructor(readonly path: string) {
    super(`Refused to write outside the folder: ${JSON.stringify(path)}`);
    this.name = 'UnsafeFolderPathError';
  }
}

/** The folders and the file name of `path` (`a/b/c.md` → a, b and c.md), or throws. */
export function folderPathParts(path: string): { folders: string[]; name: string } {
  // Absolute (`/x`, `\x`, `C:…`) or with Windows separators, which a folder API may take as one.
  if (/^[/\\]/.test(path) || /^[a-z]:/i.test(path) || path.includes('\\')) {
    throw new UnsafeFolderPathError(path);
  }
  const parts = path.split('/');
  for (const part of parts) {
    // `..` climbs out; `.` and empty names are not files; NUL and control characters are no name.
    // eslint-disable-next-line no-control-regex
    if (part === '' || part === '.' || part === '..' || /[\u0000-\u001f]/.test(part)) {
      throw new UnsafeFolderPathError(path);
    }
  }
  const name = parts.pop() ?? '';
  return { folders: parts, name };
}
