import Dexie, { type Table } from 'dexie';
import type { Article, Highlight } from '../model';
import type { PublishedRecord, QueuedPublish } from './publish-repo';
import { SCHEMA_V1, SCHEMA_V2, SCHEMA_V3 } from './schema';

export const DEFAULT_DB_NAME = 'gleaner';

/** The one database, owned by the background. Records stay plain objects (they cross messaging). */
export class GleanerDB extends Dexie {
  articles!: Table<Article, string>;
  highlights!: Table<Highlight, string>;
  publishQueue!: Table<QueuedPublish, string>;
  published!: Table<PublishedRecord, string>;

  constructor(name: string = DEFAULT_DB_NAME) {
    super(name);
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2);
    this.version(3).stores(SCHEMA_V3);
  }
}
