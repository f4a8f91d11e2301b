import { touchedTimes } from '../library/field-times';
import type { LibraryArticle } from '../library/types';
import type { Article, ExtractedArticle } from '../model';
import { urlKey } from '../url';
import type { GleanerDB } from './db';
import { newRecordId } from './record-id';
import { queueForIndex } from './search-queue';

export interface SaveOutcome {
  article: Article;
  /** false when the page was saved before and this save updated it. */
  created: boolean;
}

/** Tags as the user typed them, trimmed, without empties or case-insensitive duplicates. */
export function normalizeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of tags) {
    const tag = raw.replace(/\s+/g, ' ').trim();
    const key = tag.toLocaleLowerCase();
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    result.push(tag);
  }
  return result;
}

export function findArticleByUrl(db: GleanerDB, url: string): Promise<Article | undefined> {
  return db.articles.where('urlKey').equals(urlKey(url)).first();
}

/** Looks a page up under its canonical URL and under the tab URL it was clipped from. */
export async function findSavedArticle(
  db: GleanerDB,
  urls: readonly string[],
): Promise<Article | undefined> {
  const keys = [...new Set(urls.map(urlKey))];
  return db.articles.where('urlKey').anyOf(keys).first();
}

/**
 * Saves a clip; a second save of the same page (same normalised canonical URL) updates the
 * record in place, keeping its id and first save time.
 */
export async function saveArticle(
  db: GleanerDB,
  clip: ExtractedArticle,
  tags: readonly string[],
  nowIso: string,
  newId: () => string = newRecordId,
): Promise<SaveOutcome> {
  const key = urlKey(clip.canonicalUrl || clip.url);
  const alsoKnownAs = urlKey(clip.url);
  const write = () =>
    db.transaction('rw', db.articles, db.searchQueue, async () => {
      const existing: LibraryArticle | undefined = await db.articles
        .where('urlKey')
        .anyOf([key, alsoKnownAs])
        .first();
      const newTags = normalizeTags(tags);
      const retagged =
        !existing ||
        newTags.length !== existing.tags.length ||
        newTags.some((t, i) => t !== existing.tags[i]);
      const article: LibraryArticle = {
        ...clip,
        id: existing?.id ?? newId(),
        urlKey: existing?.urlKey ?? key,
        tags: newTags,
        savedAt: existing?.savedAt ?? nowIso,
        // A sync takes the text from this save and the tags from wherever they changed last.
        ...touchedTimes(existing, retagged ? ['content', 'tags'] : ['content'], nowIso),
        // Kept until image capture runs again: the stored images stay linked meanwhile.
        ...(existing?.images ? { images: existing.images } : {}),
      };
      await db.articles.put(article);
      await queueForIndex(db, [article.id]);
      return { article, created: !existing };
    });
  try {
    return await write();
  } catch (error) {
    // Two saves of one page raced past the lookup: the unique index kept one; update it.
    if (error instanceof Error && error.name === 'ConstraintError') return write();
    throw error;
  }
}

/** Every tag in the library, most used first. */
export async function listTags(db: GleanerDB): Promise<string[]> {
  const counts = new Map<string, number>();
  await db.articles.orderBy('tags').eachKey((key) => {
    const tag = String(key);
    counts.set(tag, (counts.get(tag) ?? 0) + 1);
  });
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([tag]) => tag);
}
