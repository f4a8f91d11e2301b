import Dexie, { type Table } from 'dexie';
import type { Article, Highlight, StoredImage } from '../model';
import { SCHEMA_IMAGES, SCHEMA_IMAGES_VERSION, SCHEMA_V1, SCHEMA_V2 } from './schema';

export const DEFAULT_DB_NAME = 'gleaner';

/** The one database, owned by the background. Records stay plain objects (they cross messaging). */
export class GleanerDB extends Dexie {
  articles!: Table<Article, string>;
  highlights!: Table<Highlight, string>;
  images!: Table<StoredImage, string>;

  constructor(name: string = DEFAULT_DB_NAME) {
    super(name);
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2);
    this.version(SCHEMA_IMAGES_VERSION).stores(SCHEMA_IMAGES);
  }
}
