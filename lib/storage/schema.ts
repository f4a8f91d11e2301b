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
 * 2026-12-06 — v3 (issue 16): publishes waiting for the repository, oldest first, and what was
 * last published of each article (blob ids by path: a file that differs was edited by someone
 * else). No data changes.
 */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  publishQueue: 'id, articleId, queuedAt',
  published: 'articleId',
} as const;

export const LATEST_SCHEMA_VERSION = 3;
