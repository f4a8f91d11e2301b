import type { Article, Highlight } from '@/lib/model';
import { GleanerDB } from '@/lib/storage/db';

/**
 * The most recently saved article and its highlights, for the template preview; null when the
 * library is empty or cannot be read (the preview then uses the built-in sample). Read-only.
 */
export async function loadLatestArticle(): Promise<{
  article: Article;
  highlights: Highlight[];
} | null> {
  const db = new GleanerDB();
  try {
    // `savedAt` strings carry offsets, so the index order is nearly, not exactly, time order.
    const recent = await db.articles.orderBy('savedAt').reverse().limit(20).toArray();
    const article = recent.sort((a, b) => Date.parse(b.savedAt) - Date.parse(a.savedAt))[0];
    if (!article) return null;
    const highlights = await db.highlights.where('articleId').equals(article.id).toArray();
    return { article, highlights };
  } catch (error) {
    console.warn('Gleaner: no saved article for the preview.', error);
    return null;
  } finally {
    db.close();
  }
}
