/** File names that are safe on Windows, macOS and Linux, and follow Jekyll's `_posts` rule. */

import { datePart } from './post-date';
import { slugify } from './slug';

export const MAX_FILE_NAME_LENGTH = 120;

// Windows refuses these as a name, with or without an extension (`nul.txt` too).
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])(?:\.|$)/i;

export function isWindowsReservedName(name: string): boolean {
  return WINDOWS_RESERVED.test(name.trim());
}

/**
 * One path segment without an extension: no separators, no `<>:"/\|?*` or control characters,
 * no leading/trailing dots, spaces or dashes (so never `.`/`..`), never a Windows device name.
 */
export function safeFileStem(stem: string): string {
  const cleaned = stem
    // eslint-disable-next-line no-control-regex -- control characters are what we strip
    .replace(/[<>:"/\\|?*\u0000-\u001f\u007f]+/g, '-')
    .replace(/-\.+(?=-|$)/g, '-') // what were `..` path components
    .replace(/-{2,}/g, '-')
    .replace(/^[\s.-]+|[\s.-]+$/g, '');
  return isWindowsReservedName(cleaned) ? `_${cleaned}` : cleaned;
}

/** `YYYY-MM-DD-slug.md`, the date in the article's own offset; `-2`, `-3`… when `taken` holds it. */
export function postFileName(dateIso: string, title: string, taken?: Set<string>): string {
  const prefix = `${datePart(dateIso)}-`;
  const extension = '.md';
  const slug = slugify(title, 80) || 'untitled';
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : `-${n}`;
    const room = MAX_FILE_NAME_LENGTH - prefix.length - suffix.length - extension.length;
    // Re-slugging an ASCII slug only shortens it, on a `-` boundary.
    const stem = slug.length <= room ? slug : slugify(slug, room) || slug.slice(0, room);
    // The slug is already [a-z0-9-]; the guard keeps the rule in one place should that change.
    const name = `${safeFileStem(`${prefix}${stem}${suffix}`)}${extension}`;
    if (!taken?.has(name)) {
      taken?.add(name);
      return name;
    }
  }
}
