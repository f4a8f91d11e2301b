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
  for (let n = 1; ; n++) {
    const name = postFileNameAt(dateIso, title, n);
    if (!taken?.has(name)) {
      taken?.add(name);
      return name;
    }
  }
}

/** The `n`th candidate of `postFileName` (1: no suffix, 2: `-2`…). */
export function postFileNameAt(dateIso: string, title: string, n: number): string {
  const prefix = `${datePart(dateIso)}-`;
  const extension = '.md';
  const slug = slugify(title, 80) || 'untitled';
  const suffix = n === 1 ? '' : `-${n}`;
  const room = MAX_FILE_NAME_LENGTH - prefix.length - suffix.length - extension.length;
  // Re-slugging an ASCII slug only shortens it, on a `-` boundary.
  const stem = slug.length <= room ? slug : slugify(slug, room) || slug.slice(0, room);
  // The slug is already [a-z0-9-]; the guard keeps the rule in one place should that change.
  return `${safeFileStem(`${prefix}${stem}${suffix}`)}${extension}`;
}

/** Most file systems allow 255 bytes per name; CJK takes 3 bytes a character in UTF-8. */
export const MAX_FILE_NAME_BYTES = 200;

const encoder = new TextEncoder();

/** Cuts text to at most `maxBytes` of UTF-8 and `maxChars` characters, never inside a character. */
export function fitBytes(text: string, maxBytes: number, maxChars = Infinity): string {
  let result = '';
  let bytes = 0;
  let chars = 0;
  for (const char of text) {
    const size = encoder.encode(char).length;
    if (bytes + size > maxBytes || chars + 1 > maxChars) break;
    result += char;
    bytes += size;
    chars += 1;
  }
  return result;
}

/**
 * A note name Obsidian accepts on every platform: no `\ / : * ? " < > |` (file systems), no
 * `# ^ [ ] |` (they break `[[links]]`), no control characters, no leading dot, never a device name.
 */
export function obsidianFileStem(title: string): string {
  const cleaned = title
    // eslint-disable-next-line no-control-regex -- control characters are what we strip
    .replace(/[\\/:*?"<>|#^[\]\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  return isWindowsReservedName(cleaned) ? `_${cleaned}` : cleaned;
}
