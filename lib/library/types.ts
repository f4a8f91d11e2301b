/** Plain records the library page and the background exchange (no code: they cross messaging). */
import type { Article, Highlight } from '../model';

/** The parts of an article a sync merges on their own: `content` is every field but the others. */
export type SyncField = 'content' | 'tags' | 'categories';
export type FieldTimes = Partial<Record<SyncField, string>>;

/**
 * A stored article as the library sees it. `categories` is set only for imported posts (Jekyll
 * categories the post had); an article without them gets one from its site at export.
 */
export interface LibraryArticle extends Article {
  categories?: string[];
  /** When the tags, the categories and the rest last changed (sync merges each on its own). */
  fieldTimes?: FieldTimes;
  /**
   * When the article was last put back after a deletion (undo): a sync lets it win over a
   * deletion made before then, so a restore sticks on every device.
   */
  restoredAt?: string;
}

/** One row of the library list: what the list, the filters and the counts need. */
export interface LibraryCard {
  id: string;
  title: string;
  siteName: string | null;
  /** The canonical URL (else the tab URL). */
  url: string;
  published: string | null;
  savedAt: string;
  tags: string[];
  highlightCount: number;
  wordCount: number;
}

/** What the search index reads of an article: its text, and its highlights' quotes and notes. */
export interface SearchText {
  text: string;
  notes: string;
}

export interface LibraryEntry {
  card: LibraryCard;
  search?: SearchText;
}

/** An article with its highlights: what export, backup, the reader view and undo carry. */
export interface ArticleBundle {
  article: LibraryArticle;
  highlights: Highlight[];
}

/** A highlight about to be imported: its article is decided at import. */
export type IncomingHighlight = Omit<Highlight, 'id' | 'articleId'> & { id?: string };

/** An article about to be imported; `id` is kept only when restoring a backup. */
export type IncomingArticle = Omit<LibraryArticle, 'id' | 'urlKey'> & { id?: string };

export interface ImportRecord {
  article: IncomingArticle;
  highlights: IncomingHighlight[];
}

export type ImportOutcome =
  { status: 'created' | 'merged' | 'unchanged'; id: string } | { status: 'failed'; reason: string };

/**
 * A deletion, kept so a sync carries it to other devices and an older copy of the record does not
 * bring it back: an article (with its highlights) or one highlight.
 */
export interface Tombstone {
  /** The deleted record's id. */
  id: string;
  kind: 'article' | 'highlight';
  /** The article (itself, or the highlight's). */
  articleId: string;
  deletedAt: string;
  /**
   * Set when a sync merged this article into another one saved under the same URL on another
   * device: every version of it goes to that article, never back into the library on its own.
   */
  mergedInto?: string;
}
