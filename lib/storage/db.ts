import Dexie, { type Table, type Transaction } from 'dexie';
import type { Tombstone } from '../library/types';
import type { Article, Highlight, StoredImage } from '../model';
import type { ChosenFolder } from './folder-records';
import type { PublishedRecord, QueuedPublish } from './publish-records';
import {
  SCHEMA_ARTICLE_TIMES,
  SCHEMA_ARTICLE_TIMES_VERSION,
  SCHEMA_FOLDERS,
  SCHEMA_FOLDERS_VERSION,
  SCHEMA_IMAGES,
  SCHEMA_IMAGES_VERSION,
  SCHEMA_PUBLISH,
  SCHEMA_PUBLISH_VERSION,
  SCHEMA_SEARCH_CHUNKS,
  SCHEMA_SEARCH_TEXTS,
  SCHEMA_SEARCH_TEXTS_VERSION,
  SCHEMA_SEARCH_CHUNKS_VERSION,
  SCHEMA_SYNC,
  SCHEMA_SYNC_VERSION,
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_V3,
} from './schema';
import type { SyncFileRow } from './sync-records';
import type {
  SearchDocRow,
  SearchMetaRow,
  SearchChunkRow,
  SearchQueueRow,
  SearchTextRow,
} from './search-records';

export const DEFAULT_DB_NAME = 'gleaner';

/**
 * The one database. The background writes it, but for an import's batches (the library page writes
 * those itself); pages read it. Records stay plain objects (they cross messaging).
 */
export class GleanerDB extends Dexie {
  articles!: Table<Article, string>;
  highlights!: Table<Highlight, string>;
  searchQueue!: Table<SearchQueueRow, string>;
  searchDocs!: Table<SearchDocRow, string>;
  searchChunks!: Table<SearchChunkRow, [string, number]>;
  searchMeta!: Table<SearchMetaRow, string>;
  searchTexts!: Table<SearchTextRow, string>;
  images!: Table<StoredImage, string>;
  publishQueue!: Table<QueuedPublish, string>;
  published!: Table<PublishedRecord, string>;
  tombstones!: Table<Tombstone, string>;
  syncFiles!: Table<SyncFileRow, string>;
  folders!: Table<ChosenFolder, string>;

  constructor(name: string = DEFAULT_DB_NAME) {
    super(name);
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2);
    this.version(3)
      .stores(SCHEMA_V3)
      .upgrade((tx) => queueEveryArticle(tx));
    this.version(SCHEMA_IMAGES_VERSION).stores(SCHEMA_IMAGES);
    this.version(SCHEMA_PUBLISH_VERSION).stores(SCHEMA_PUBLISH);
    this.version(SCHEMA_SEARCH_CHUNKS_VERSION).stores(SCHEMA_SEARCH_CHUNKS);
    this.version(SCHEMA_SYNC_VERSION).stores(SCHEMA_SYNC);
    this.version(SCHEMA_FOLDERS_VERSION).stores(SCHEMA_FOLDERS);
    this.version(SCHEMA_ARTICLE_TIMES_VERSION).stores(SCHEMA_ARTICLE_TIMES);
    this.version(SCHEMA_SEARCH_TEXTS_VERSION).stores(SCHEMA_SEARCH_TEXTS);
  }
}

/** 2026-12-06 — v3: every article waits for the indexer, which builds the index in the background. */
async function queueEveryArticle(tx: Transaction): Promise<void> {
  const ids = await tx.table('articles').toCollection().primaryKeys();
  await tx.table('searchQueue').bulkPut(ids.map((id) => ({ id })));
}
