/**
 * When each part of an article last changed, so a sync can take every part from the device
 * that changed it last (tags from one, a new save of the text from the other). A record written
 * before this existed has no `fieldTimes`: each part then counts as changed at `updatedAt`.
 */
import { isoWithLocalOffset } from '../export/post-date';
import type { FieldTimes, LibraryArticle, SyncField } from './types';

export const SYNC_FIELDS: readonly SyncField[] = ['content', 'tags', 'categories'];

export function fieldTime(
  article: Pick<LibraryArticle, 'fieldTimes' | 'updatedAt'>,
  field: SyncField,
) {
  return article.fieldTimes?.[field] ?? article.updatedAt;
}

/**
 * The article's times after a write at `nowIso` that changed `changed`: those parts get now, the
 * others keep the time they had (a newer `updatedAt` must not make them look newer).
 */
export function touchedTimes(
  article: Pick<LibraryArticle, 'fieldTimes' | 'updatedAt'> | undefined,
  changed: readonly SyncField[],
  writeIso: string,
): { fieldTimes?: FieldTimes; updatedAt: string } {
  const nowIso = article ? laterThan(article.updatedAt, writeIso) : writeIso;
  const times: FieldTimes = {};
  for (const field of SYNC_FIELDS)
    times[field] = !article || changed.includes(field) ? nowIso : fieldTime(article, field);
  const fieldTimes = minimalFieldTimes(times, nowIso);
  return fieldTimes ? { fieldTimes, updatedAt: nowIso } : { updatedAt: nowIso };
}

/**
 * `nowIso`, or a second after `previous` when `nowIso` is not later: times have whole seconds, and
 * an edit in the second of the one before it must still come after it, or a sync's merge takes
 * either of the two (the tie is broken alike on every device, not by which is newer).
 */
export function laterThan(previous: string, nowIso: string): string {
  const before = Date.parse(previous);
  if (Number.isNaN(before) || Date.parse(nowIso) > before) return nowIso;
  return isoWithLocalOffset(new Date(before + 1000));
}

/**
 * The times that differ from `updatedAt` (the others go without saying), or undefined when none
 * does: one form for one state, so equal records serialise alike on every device.
 */
export function minimalFieldTimes(times: FieldTimes, updatedAt: string): FieldTimes | undefined {
  const kept: FieldTimes = {};
  for (const field of SYNC_FIELDS) {
    const time = times[field];
    if (time !== undefined && time !== updatedAt) kept[field] = time;
  }
  return Object.keys(kept).length ? kept : undefined;
}

/** Marks a write at `nowIso` that changed `changed` on the article (in place). */
export function touchArticle(
  article: Pick<LibraryArticle, 'fieldTimes' | 'updatedAt'>,
  changed: readonly SyncField[],
  nowIso: string,
): void {
  const times = touchedTimes(article, changed, nowIso);
  article.updatedAt = times.updatedAt;
  if (times.fieldTimes) article.fieldTimes = times.fieldTimes;
  else delete article.fieldTimes;
}

/**
 * The time a restore (undo of a delete) records: now, or just after the deletion when this
 * device's clock reads earlier than it, so the restore always comes after the deletion it undoes.
 */
export function restoreTime(nowIso: string, deletedAt: string | undefined): string {
  const deleted = deletedAt === undefined ? Number.NaN : Date.parse(deletedAt);
  return Number.isNaN(deleted) || Date.parse(nowIso) > deleted
    ? nowIso
    : new Date(deleted + 1).toISOString();
}
