/**
 * The Dexie schema, one dated constant per version. Never edit a shipped version: add the next
 * one (spreading the previous) and an upgrade in db.ts, with a migration test.
 */

/** 2026-11-25 — v1: articles, unique on the normalised URL, tags through a multi-entry index. */
export const SCHEMA_V1 = {
  articles: 'id, &urlKey, *tags, savedAt, published, siteName',
} as const;

/** 2026-11-25 — v2: highlights, keyed by id and looked up by article. No data changes. */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  highlights: 'id, articleId, createdAt',
} as const;

/**
 * 2026-12-06 — images: each image's bytes once, keyed by their SHA-256, with the articles that
 * use them (multi-entry) and, once none does, when it was released (kept a while for undo).
 * No data changes. The version number is the next free one when this lands.
 */
export const SCHEMA_IMAGES = {
  ...SCHEMA_V2,
  images: 'hash, *articleIds, releasedAt',
} as const;
export const SCHEMA_IMAGES_VERSION = 3;

export const LATEST_SCHEMA_VERSION = SCHEMA_IMAGES_VERSION;
