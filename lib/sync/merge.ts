/**
 * The merge rules of a sync, as pure functions (issue 16). Every rule is a "join": merging is
 * order-free and merging twice changes nothing, so two devices that merged the same records in
 * any order hold the same library.
 * - An article's content, tags and categories: each from the version that changed it last
 *   (`fieldTimes`, else `updatedAt`); savedAt the earliest, updatedAt the latest.
 * - Highlights: one record each, a union by id; the same highlight: the later `updatedAt`.
 * - The same instant on both sides (or clocks that disagree so): the greater serialised value
 *   wins. Times compare as instants (their UTC offsets applied), never as text.
 * - A deleted article stays deleted: its tombstone wins over every version, whatever the clocks
 *   say (a skewed clock cannot bring it back). A version changed after the deletion is reported
 *   as a conflict with both sides, so the edit is not dropped silently.
 */
import { fieldTime, minimalFieldTimes } from '../library/field-times';
import type { ArticleBundle, LibraryArticle, SyncField, Tombstone } from '../library/types';
import type { Highlight } from '../model';
import { canonicalJson } from './canonical-json';

export type SyncConflict =
  | {
      kind: 'edited-after-delete';
      articleId: string;
      title: string;
      deletion: Tombstone;
      /** The version changed after the deletion (not kept in the library). */
      edited: ArticleBundle;
    }
  | {
      kind: 'same-page-two-ids';
      articleId: string;
      title: string;
      /** Saved on this device under another id: both are kept apart until one is deleted. */
      local: ArticleBundle;
      remote: ArticleBundle;
    }
  | { kind: 'unreadable'; path: string; reason: string };

/** Milliseconds of an ISO time; an unreadable time is the oldest. */
function instant(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

/** Whether (aTime, aValue) beats (bTime, bValue): later, else the same on both devices. */
function wins(aTime: string, aValue: unknown, bTime: string, bValue: unknown): boolean {
  const a = instant(aTime);
  const b = instant(bTime);
  if (a !== b) return a > b;
  if (aTime !== bTime) return aTime > bTime;
  return canonicalJson(aValue) >= canonicalJson(bValue);
}

function earliest(a: string, b: string): string {
  const x = instant(a);
  const y = instant(b);
  if (x !== y) return x < y ? a : b;
  return a <= b ? a : b;
}

function latest(a: string, b: string): string {
  return earliest(a, b) === a ? b : a;
}

/** The fields `content` covers: all but the ones merged on their own, times, and local images. */
function contentOf(article: LibraryArticle): Partial<LibraryArticle> {
  const { tags, categories, fieldTimes, updatedAt, savedAt, images, ...content } = article;
  void [tags, categories, fieldTimes, updatedAt, savedAt, images];
  return content;
}

function pick<T>(
  a: LibraryArticle,
  b: LibraryArticle,
  field: SyncField,
  value: (x: LibraryArticle) => T,
): { from: LibraryArticle; value: T; time: string } {
  const from = wins(fieldTime(a, field), value(a), fieldTime(b, field), value(b)) ? a : b;
  return { from, value: value(from), time: fieldTime(from, field) };
}

/** Two versions of one article (same id) → one; `images` (this device's own) are left out. */
export function mergeArticle(a: LibraryArticle, b: LibraryArticle): LibraryArticle {
  const content = pick(a, b, 'content', contentOf);
  const tags = pick(a, b, 'tags', (x) => x.tags);
  const categories = pick(a, b, 'categories', (x) => x.categories ?? []);
  const updatedAt = latest(a.updatedAt, b.updatedAt);
  const merged = {
    ...content.value,
    tags: [...tags.value],
    savedAt: earliest(a.savedAt, b.savedAt),
    updatedAt,
  } as LibraryArticle;
  if (categories.value.length) merged.categories = [...categories.value];
  const times = minimalFieldTimes(
    { content: content.time, tags: tags.time, categories: categories.time },
    updatedAt,
  );
  if (times) merged.fieldTimes = times;
  return merged;
}

/** Union by id, the later edit of each; deleted ones left out; ordered by id. */
export function mergeHighlights(
  a: readonly Highlight[],
  b: readonly Highlight[],
  deleted: ReadonlySet<string> = new Set(),
): Highlight[] {
  const byId = new Map<string, Highlight>();
  for (const highlight of [...a, ...b]) {
    if (deleted.has(highlight.id)) continue;
    const other = byId.get(highlight.id);
    if (!other || wins(highlight.updatedAt, highlight, other.updatedAt, other))
      byId.set(highlight.id, highlight);
  }
  return [...byId.values()].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/** Two versions of one article with their highlights → one (highlights point at the article). */
export function mergeBundle(
  a: ArticleBundle,
  b: ArticleBundle,
  deleted: ReadonlySet<string> = new Set(),
): ArticleBundle {
  const article = mergeArticle(a.article, b.article);
  return {
    article,
    highlights: mergeHighlights(a.highlights, b.highlights, deleted).map((h) =>
      h.articleId === article.id ? h : { ...h, articleId: article.id },
    ),
  };
}

/** The same deletion known on both sides: the earlier time (either is a deletion). */
export function mergeTombstones(...lists: (readonly Tombstone[])[]): Tombstone[] {
  const byId = new Map<string, Tombstone>();
  for (const tombstone of lists.flat()) {
    const other = byId.get(tombstone.id);
    if (!other || earliest(tombstone.deletedAt, other.deletedAt) !== other.deletedAt)
      byId.set(tombstone.id, tombstone);
    else if (
      tombstone.deletedAt === other.deletedAt &&
      canonicalJson(tombstone) < canonicalJson(other)
    )
      byId.set(tombstone.id, tombstone);
  }
  return [...byId.values()].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/** The last time anything of the article changed (its fields, its highlights). */
export function lastChange(bundle: ArticleBundle): string {
  const times = [
    bundle.article.updatedAt,
    ...Object.values(bundle.article.fieldTimes ?? {}),
    ...bundle.highlights.map((h) => h.updatedAt),
  ];
  return times.reduce(latest);
}

/** A bundle as a sync compares and writes it: no local images, highlights by id. */
export function comparable(bundle: ArticleBundle): ArticleBundle {
  const { images, ...article } = bundle.article;
  void images;
  return { article, highlights: mergeHighlights(bundle.highlights, []) };
}

export function sameBundle(a: ArticleBundle, b: ArticleBundle): boolean {
  return canonicalJson(comparable(a)) === canonicalJson(comparable(b));
}

export interface LibraryMergeInput {
  /** This device's articles that the remote side concerns (by id), and its tombstones. */
  local: ReadonlyMap<string, ArticleBundle>;
  /** This device's articles by URL key, to notice one page saved under two ids. */
  localIdOfUrlKey: ReadonlyMap<string, string>;
  localTombstones: readonly Tombstone[];
  /** Versions read from the repository (several of one article may come from several files). */
  remote: readonly ArticleBundle[];
  remoteTombstones: readonly Tombstone[];
}

export interface LibraryMergeResult {
  /** Articles to write on this device (new or changed), with this device's images kept. */
  put: ArticleBundle[];
  /** This device's articles that were deleted elsewhere. */
  remove: string[];
  /** Every tombstone known to both sides. */
  tombstones: Tombstone[];
  conflicts: SyncConflict[];
}

/** What a sync changes on this device, given what it read from the repository. */
export function mergeLibrary(input: LibraryMergeInput): LibraryMergeResult {
  const tombstones = mergeTombstones(input.localTombstones, input.remoteTombstones);
  const deletedArticles = new Map(
    tombstones.filter((t) => t.kind === 'article').map((t) => [t.id, t]),
  );
  const deletedHighlights = new Set(
    tombstones.filter((t) => t.kind === 'highlight').map((t) => t.id),
  );
  const versions = new Map<string, ArticleBundle[]>();
  for (const bundle of input.remote) {
    const list = versions.get(bundle.article.id);
    if (list) list.push(bundle);
    else versions.set(bundle.article.id, [bundle]);
  }
  // Local articles that lost a highlight elsewhere are concerned too.
  const concerned = new Set([...versions.keys(), ...tombstones.map((t) => t.articleId)]);
  const result: LibraryMergeResult = { put: [], remove: [], tombstones, conflicts: [] };
  for (const id of [...concerned].sort()) {
    const local = input.local.get(id);
    const all = [...(local ? [local] : []), ...(versions.get(id) ?? [])];
    if (!all.length) continue;
    const deletion = deletedArticles.get(id);
    if (deletion) {
      if (local) result.remove.push(id);
      for (const edited of all) {
        if (instant(lastChange(edited)) > instant(deletion.deletedAt)) {
          result.conflicts.push({
            kind: 'edited-after-delete',
            articleId: id,
            title: edited.article.title,
            deletion,
            edited,
          });
          break;
        }
      }
      continue;
    }
    const [first, ...rest] = all;
    if (!first) continue;
    let merged = rest.reduce((acc, next) => mergeBundle(acc, next, deletedHighlights), {
      article: first.article,
      highlights: first.highlights.filter((h) => !deletedHighlights.has(h.id)),
    });
    if (local?.article.images)
      merged = { ...merged, article: { ...merged.article, images: local.article.images } };
    if (!local) {
      const other = input.localIdOfUrlKey.get(merged.article.urlKey);
      if (other !== undefined && other !== id) {
        result.conflicts.push({
          kind: 'same-page-two-ids',
          articleId: id,
          title: merged.article.title,
          local: input.local.get(other) ?? merged,
          remote: merged,
        });
        continue;
      }
      result.put.push(merged);
    } else if (!sameBundle(local, merged)) {
      result.put.push(merged);
    }
  }
  return result;
}
