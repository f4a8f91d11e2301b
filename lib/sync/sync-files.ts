/**
 * The files a sync keeps in the repository, under the target's `_gleaner/` folder:
 * - `_gleaner/library/<id>.json`: one article with its highlights, in the sidecar format (the
 *   library's lossless export), complete in itself (the Markdown included, no post needed);
 * - `_gleaner/deleted/<id>.json`: one tombstone (an article or a highlight deleted).
 * One file per record, so two devices never edit the same file for different records. A sync also
 * reads the sidecars that Publish wrote beside posts (`_gleaner/_posts/….json`).
 */
import {
  fingerprint,
  SIDECAR_DIR,
  SIDECAR_FORMAT,
  SIDECAR_VERSION,
  splitPost,
  type Sidecar,
} from '../library/library-post';
import { readSidecar } from '../library/post-import';
import type { ArticleBundle, LibraryArticle, Tombstone } from '../library/types';
import { HIGHLIGHT_COLORS, type Highlight } from '../model';
import { urlKey } from '../url';
import { canonicalJson } from './canonical-json';
import { comparable } from './merge';

export const TOMBSTONE_FORMAT = 'gleaner-deletion';
const LIBRARY_DIR = 'library';
const DELETED_DIR = 'deleted';

const fileName = (id: string) => `${encodeURIComponent(id)}.json`;

/** Paths relative to the target's folder. */
export const recordPath = (articleId: string) =>
  `${SIDECAR_DIR}/${LIBRARY_DIR}/${fileName(articleId)}`;
export const tombstonePath = (id: string) => `${SIDECAR_DIR}/${DELETED_DIR}/${fileName(id)}`;

/** The text of an article's sync file: the same for the same record on every device. */
export function recordContent(bundle: ArticleBundle): string {
  const { article, highlights } = comparable(bundle);
  const sidecar: Sidecar = {
    format: SIDECAR_FORMAT,
    version: SIDECAR_VERSION,
    // No post beside it: nothing to fingerprint.
    postHash: '',
    bodyHash: '',
    article,
    highlights,
  };
  return canonicalJson(sidecar);
}

export function tombstoneContent(tombstone: Tombstone): string {
  return canonicalJson({ format: TOMBSTONE_FORMAT, version: 1, ...tombstone });
}

/** The fingerprint a sync file row keeps of a text. */
export const stampOf = (text: string) => fingerprint(text);

export type SyncFile =
  | { kind: 'article'; bundle: ArticleBundle }
  | { kind: 'tombstone'; tombstone: Tombstone }
  /** A sidecar of a published post whose Markdown is in the post: read again with the post. */
  | { kind: 'needs-post'; sidecar: Sidecar };

const isString = (v: unknown): v is string => typeof v === 'string';

function readTombstone(raw: Record<string, unknown>): Tombstone {
  const { id, kind, articleId, deletedAt } = raw;
  if (!isString(id) || !isString(articleId) || !isString(deletedAt))
    throw new Error('The deletion record is incomplete');
  if (kind !== 'article' && kind !== 'highlight')
    throw new Error('The deletion record has no kind');
  return { id, kind, articleId, deletedAt };
}

function readHighlight(raw: unknown, articleId: string): Highlight {
  const h = raw as Partial<Highlight>;
  const complete =
    isString(h.id) &&
    isString(h.quote) &&
    isString(h.note) &&
    isString(h.createdAt) &&
    isString(h.updatedAt) &&
    HIGHLIGHT_COLORS.includes(h.color as Highlight['color']) &&
    Array.isArray(h.articleSelectors) &&
    Array.isArray(h.pageSelectors);
  if (!complete) throw new Error('A highlight of the record is incomplete');
  return { ...(h as Highlight), articleId };
}

/** An article from a sidecar (the post's body when its Markdown is there). */
export function bundleOfSidecar(sidecar: Sidecar, post: string | null): ArticleBundle {
  const id = sidecar.article.id;
  if (!isString(id) || !id) throw new Error('The record has no article id');
  if (!isString(sidecar.article.updatedAt)) throw new Error('The record has no update time');
  // Images are the bytes of the device that kept them: never taken from another.
  const { images, ...article }: LibraryArticle = { ...sidecar.article };
  void images;
  const shared = sidecar.markdownInBody;
  if (shared) {
    const body = post === null ? null : (splitPost(post)?.body ?? post);
    if (body === null || fingerprint(body) !== sidecar.bodyHash)
      throw new Error('The post of this sidecar is missing or was edited');
    article.markdown = body.slice(shared.start, shared.start + shared.length);
  }
  // Kept as the device that saved it keyed it, so both hold the same record; made if absent.
  if (!isString(article.urlKey) || !article.urlKey)
    article.urlKey = urlKey(article.canonicalUrl || article.url);
  return { article, highlights: sidecar.highlights.map((h) => readHighlight(h, id)) };
}

/** Reads one `_gleaner` file; throws with a reason when it is not one of ours or is incomplete. */
export function readSyncFile(text: string): SyncFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error('The file is not JSON');
  }
  if (
    typeof raw === 'object' &&
    raw !== null &&
    (raw as { format?: unknown }).format === TOMBSTONE_FORMAT
  )
    return { kind: 'tombstone', tombstone: readTombstone(raw as Record<string, unknown>) };
  const sidecar = readSidecar(text);
  if (sidecar.markdownInBody) return { kind: 'needs-post', sidecar };
  return { kind: 'article', bundle: bundleOfSidecar(sidecar, null) };
}

/** `_gleaner/_posts/a.json` → `_posts/a.md` (relative to the target's folder), as an import pairs them. */
export function postPathOfSidecar(path: string): string | null {
  const prefix = `${SIDECAR_DIR}/`;
  if (!path.startsWith(prefix) || !path.endsWith('.json')) return null;
  return `${path.slice(prefix.length, -'.json'.length)}.md`;
}
