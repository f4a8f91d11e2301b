/**
 * The merge rules of a sync, as pure functions (issue 16). Every rule is a "join": merging is
 * order-free and merging twice changes nothing, so two devices that merged the same records in
 * any order hold the same library.
 * - An article's content, tags and categories: each from the version that changed it last
 *   (`fieldTimes`, else `updatedAt`); savedAt the earliest, updatedAt the latest.
 * - Highlights: one record each, a union by id; the same highlight: the later `updatedAt`.
 * - The same instant on both sides (or clocks that disagree so): the greater serialised value
 *   wins. Times compare as instants (their UTC offsets applied), never as text.
 * - A deleted article (or highlight) stays deleted: its tombstone wins over every version,
 *   whatever the clocks say, except a version put back (undo) after that deletion: `restoredAt`
 *   later than the tombstone's `deletedAt` voids the tombstone on every device. The latest deletion
 *   of a record is the one kept, so deleting it again after a restore wins again. A version
 *   changed after the deletion that won is reported as a conflict, so the edit is not dropped
 *   silently.
 * - One page (one URL key) saved under two ids on two devices becomes one article: the smaller id,
 *   with both versions merged by the rules above; the other id gets a tombstone `mergedInto` it,
 *   so any version of it that turns up later is merged into that article too.
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

/** The later of two optional times (a restore time kept from either side). */
function latestOf(a: string | undefined, b: string | undefined): string | undefined {
  return a === undefined ? b : b === undefined ? a : latest(a, b);
}

/** Whether a version was put back after this deletion (its tombstone is then void). */
function restoredAfter(version: { restoredAt?: string }, deletion: Tombstone): boolean {
  return (
    version.restoredAt !== undefined && instant(version.restoredAt) > instant(deletion.deletedAt)
  );
}

/** The fields `content` covers: all but the ones merged on their own, times, and local images. */
function contentOf(article: LibraryArticle): Partial<LibraryArticle> {
  const { tags, categories, fieldTimes, updatedAt, savedAt, restoredAt, images, ...content } =
    article;
  void [tags, categories, fieldTimes, updatedAt, savedAt, restoredAt, images];
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
  const restoredAt = latestOf(a.restoredAt, b.restoredAt);
  if (restoredAt) merged.restoredAt = restoredAt;
  const times = minimalFieldTimes(
    { content: content.time, tags: tags.time, categories: categories.time },
    updatedAt,
  );
  if (times) merged.fieldTimes = times;
  return merged;
}

/** Union by id, the later edit of each (and the later restore); deleted ones left out; by id. */
export function mergeHighlights(
  a: readonly Highlight[],
  b: readonly Highlight[],
  deleted: ReadonlySet<string> = new Set(),
): Highlight[] {
  const byId = new Map<string, Highlight>();
  for (const highlight of [...a, ...b]) {
    if (deleted.has(highlight.id)) continue;
    const other = byId.get(highlight.id);
    if (!other) {
      byId.set(highlight.id, highlight);
      continue;
    }
    const [winner, loser] = wins(highlight.updatedAt, highlight, other.updatedAt, other)
      ? [highlight, other]
      : [other, highlight];
    const restoredAt = latestOf(winner.restoredAt, loser.restoredAt);
    byId.set(highlight.id, restoredAt === winner.restoredAt ? winner : { ...winner, restoredAt });
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

/**
 * The deletions of a record known on both sides: the latest one (a deletion after a restore must
 * win over the restore, which only voids the deletions before it).
 */
export function mergeTombstones(...lists: (readonly Tombstone[])[]): Tombstone[] {
  const byId = new Map<string, Tombstone>();
  for (const tombstone of lists.flat()) {
    const other = byId.get(tombstone.id);
    if (!other || wins(tombstone.deletedAt, tombstone, other.deletedAt, other))
      byId.set(tombstone.id, tombstone);
  }
  return [...byId.values()].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/** The last time anything of the article changed (its fields, its highlights). */
export function lastChange(bundle: ArticleBundle): string {
  const times = [
    bundle.article.updatedAt,
    ...(bundle.article.restoredAt ? [bundle.article.restoredAt] : []),
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
  /** This device's articles that were deleted elsewhere, or merged into another id. */
  remove: string[];
  /** Every tombstone in force on both sides (voided ones left out, new `mergedInto` ones in). */
  tombstones: Tombstone[];
  conflicts: SyncConflict[];
}

/** The article a merged-away id now lives in (following merges of merges). */
function resolver(tombstones: readonly Tombstone[]): (id: string) => string {
  const into = new Map(
    tombstones.flatMap((t) => (t.kind === 'article' && t.mergedInto ? [[t.id, t.mergedInto]] : [])),
  );
  return (id) => {
    const seen = new Set<string>();
    let current = id;
    for (let next = into.get(current); next !== undefined && !seen.has(next);) {
      seen.add(current);
      current = next;
      next = into.get(current);
    }
    return current;
  };
}

/** Tombstones that a version put back after them voids (see restoredAt). */
function voided(tombstones: readonly Tombstone[], versions: readonly ArticleBundle[]): Set<string> {
  const byId = new Map(tombstones.filter((t) => !t.mergedInto).map((t) => [t.id, t]));
  const gone = new Set<string>();
  const check = (id: string, version: { restoredAt?: string }) => {
    const deletion = byId.get(id);
    if (deletion && restoredAfter(version, deletion)) gone.add(id);
  };
  for (const { article, highlights } of versions) {
    check(article.id, article);
    for (const highlight of highlights) check(highlight.id, highlight);
  }
  return gone;
}

const byIdOrder = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** What a sync changes on this device, given what it read from the repository. */
export function mergeLibrary(input: LibraryMergeInput): LibraryMergeResult {
  const known = mergeTombstones(input.localTombstones, input.remoteTombstones);
  const concernedIds = new Set([
    ...input.remote.map((b) => b.article.id),
    ...known.map((t) => t.articleId),
  ]);
  const localOf = (id: string) => input.local.get(id);
  const everyVersion = [...input.remote, ...[...concernedIds].flatMap((id) => localOf(id) ?? [])];
  const voidedIds = voided(known, everyVersion);
  const tombstones = known.filter((t) => !voidedIds.has(t.id));
  const deletedHighlights = new Set(
    tombstones.filter((t) => t.kind === 'highlight').map((t) => t.id),
  );
  const deletions = new Map(
    tombstones.filter((t) => t.kind === 'article' && !t.mergedInto).map((t) => [t.id, t]),
  );
  let resolve = resolver(tombstones);

  // Every version of each article concerned, under the id it now lives in.
  const groups = new Map<string, { versions: ArticleBundle[]; localIds: Set<string> }>();
  const groupOf = (id: string) => {
    const target = resolve(id);
    let group = groups.get(target);
    if (!group) {
      group = { versions: [], localIds: new Set() };
      groups.set(target, group);
    }
    return group;
  };
  const addLocal = (id: string) => {
    const local = localOf(id);
    const group = groupOf(id);
    if (local && !group.localIds.has(id)) {
      group.localIds.add(id);
      group.versions.push(local);
    }
  };
  for (const id of concernedIds) addLocal(id);
  for (const bundle of input.remote) groupOf(bundle.article.id).versions.push(bundle);

  const result: LibraryMergeResult = { put: [], remove: [], tombstones, conflicts: [] };
  const mergeGroup = (target: string, versions: readonly ArticleBundle[]) =>
    versions
      .map((v) => (v.article.id === target ? v : { ...v, article: { ...v.article, id: target } }))
      .reduce<ArticleBundle | null>(
        (acc, next) =>
          acc
            ? mergeBundle(acc, next, deletedHighlights)
            : mergeBundle(next, next, deletedHighlights),
        null,
      );

  // One page under two ids (here and there, or twice there): the smaller id takes the other in.
  const holder = new Map<string, string>();
  for (const target of [...groups.keys()].sort(byIdOrder)) {
    const group = groups.get(target);
    const merged = group && !deletions.has(target) ? mergeGroup(target, group.versions) : null;
    if (!merged) continue;
    const key = merged.article.urlKey;
    let current = target;
    for (const found of [holder.get(key), input.localIdOfUrlKey.get(key)]) {
      if (found === undefined) continue;
      const other = resolve(found);
      if (other === current || deletions.has(other)) continue;
      addLocal(found);
      const [keep, gone] = byIdOrder(other, current) < 0 ? [other, current] : [current, other];
      const kept = groupOf(keep);
      const goneGroup = groupOf(gone);
      kept.versions = [...kept.versions, ...goneGroup.versions];
      for (const id of goneGroup.localIds) kept.localIds.add(id);
      groups.delete(gone);
      tombstones.push({
        id: gone,
        kind: 'article',
        articleId: gone,
        deletedAt: kept.versions.map(lastChange).reduce(latest),
        mergedInto: keep,
      });
      resolve = resolver(tombstones);
      current = keep;
    }
    holder.set(key, current);
  }
  tombstones.sort((x, y) => byIdOrder(x.id, y.id));

  for (const [target, { versions, localIds }] of [...groups].sort(([x], [y]) => byIdOrder(x, y))) {
    if (!versions.length) continue;
    for (const id of localIds) if (id !== target) result.remove.push(id);
    const deletion = deletions.get(target);
    if (deletion) {
      if (localIds.has(target)) result.remove.push(target);
      const edited = versions.find((v) => instant(lastChange(v)) > instant(deletion.deletedAt));
      if (edited)
        result.conflicts.push({
          kind: 'edited-after-delete',
          articleId: target,
          title: edited.article.title,
          deletion,
          edited,
        });
      continue;
    }
    let merged = mergeGroup(target, versions);
    if (!merged) continue;
    const local = localOf(target);
    if (local?.article.images)
      merged = { ...merged, article: { ...merged.article, images: local.article.images } };
    if (!local || !sameBundle(local, merged)) result.put.push(merged);
  }
  result.remove.sort(byIdOrder);
  return result;
}
