/**
 * The Dexie schema, one dated constant per version. Never edit a shipped version: add the next
 * one (spreading the previous) and an upgrade in db.ts, with a migration test.
 */

/** 2026-11-25 — v1: articles, unique on the normalised URL, tags through a multi-entry index. */
export const SCHEMA_V1 = {
  articles: 'id, &urlKey, *tags, savedAt, published, siteName',
} as const;

export const LATEST_SCHEMA_VERSION = 1;
