import Dexie, { type Table } from 'dexie';
import type { Article } from '../model';
import { SCHEMA_V1 } from './schema';

export const DEFAULT_DB_NAME = 'gleaner';

/** The one database, owned by the background. Records stay plain objects (they cross messaging). */
export class GleanerDB extends Dexie {
  articles!: Table<Article, string>;

  constructor(name: string = DEFAULT_DB_NAME) {
    super(name);
    this.version(1).stores(SCHEMA_V1);
  }
}
