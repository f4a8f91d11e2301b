/**
 * The background's answers to the library page's `library:*` requests: plain async functions
 * over the database, spread into `createHandlers`. Storage errors come back as a Result.
 */
import { isoWithLocalOffset } from '../export/post-date';
import { t } from '../i18n';
import type { RequestOf, Response } from './protocol';
import { err, ok } from '../result';
import type { GleanerDB } from '../storage/db';
import { fromBase64 } from '../assets/base64';
import { contentHash } from '../assets/content-hash';
import { sniffImageType } from '../assets/image-types';
import { MAX_IMAGE_BYTES } from '../assets/limits';
import {
  collectReleasedImages,
  storeImportedImages,
  type IncomingImage,
} from '../storage/images-repo';
import {
  deleteArticles,
  getBundles,
  importRecords,
  listEntries,
  renameTag,
  restoreBundles,
  retagArticles,
} from '../storage/library-repo';

export interface LibraryDeps {
  db: GleanerDB;
  now(): Date;
  /** Starts the search indexer if it is idle (the background's; absent in some tests). */
  kickIndexer?(): void;
  /** Keeps the indexer from starting for `ms`: a bulk import holds it while its batches come. */
  holdIndexer?(ms: number): void;
}

/**
 * An import batch holds the indexer this long: the next batch comes well within it, and the
 * index catches up this long after the last one.
 */
export const IMPORT_INDEX_HOLD_MS = 3_000;

type LibraryRequestType =
  | 'library:entries'
  | 'library:bundles'
  | 'library:index-status'
  | 'library:retag'
  | 'library:rename-tag'
  | 'library:delete'
  | 'library:restore'
  | 'library:import'
  | 'library:import-hold'
  | 'library:import-images';

type LibraryHandlers = {
  [T in LibraryRequestType]: (request: RequestOf<T>) => Promise<Response<T>>;
};

function failure(error: unknown): { ok: false; error: { code: string; message: string } } {
  const message = error instanceof Error ? error.message : String(error);
  const full =
    (error instanceof Error && error.name === 'QuotaExceededError') || /quota/i.test(message);
  return err(
    full
      ? {
          code: 'storage-full',
          message: t('error_library_full'),
        }
      : { code: 'storage-error', message: t('error_library_change', message) },
  );
}

async function attempt<T>(work: () => Promise<T>) {
  try {
    return ok(await work());
  } catch (error) {
    return failure(error);
  }
}

export function createLibraryHandlers(deps: LibraryDeps): LibraryHandlers {
  const nowIso = () => isoWithLocalOffset(deps.now());
  return {
    'library:entries': (request) =>
      attempt(() =>
        listEntries(deps.db, {
          offset: request.offset,
          limit: request.limit,
          withText: request.withText,
          withTotal: request.withTotal ?? true,
        }),
      ),
    'library:bundles': (request) => attempt(() => getBundles(deps.db, request.ids)),
    'library:index-status': () =>
      attempt(async () => {
        deps.kickIndexer?.();
        return { queued: await deps.db.searchQueue.count() };
      }),
    'library:retag': (request) =>
      attempt(async () => ({
        changed: await retagArticles(
          deps.db,
          request.ids,
          { add: request.add, remove: request.remove },
          nowIso(),
        ),
      })),
    'library:rename-tag': (request) =>
      attempt(async () => ({
        changed: await renameTag(deps.db, request.from, request.to, nowIso()),
      })),
    'library:delete': (request) =>
      attempt(async () => {
        const now = deps.now();
        const bundles = await deleteArticles(deps.db, request.ids, now);
        // Images released by earlier deletes, whose undo time is over, go now.
        await collectReleasedImages(deps.db, now);
        return bundles;
      }),
    'library:restore': (request) =>
      attempt(async () => ({
        restored: await restoreBundles(deps.db, request.bundles, nowIso()),
      })),
    'library:import': (request) => {
      deps.holdIndexer?.(IMPORT_INDEX_HOLD_MS);
      return attempt(() =>
        importRecords(deps.db, request.records, nowIso(), { keepIds: request.keepIds }),
      );
    },
    'library:import-hold': () => {
      deps.holdIndexer?.(IMPORT_INDEX_HOLD_MS);
      return Promise.resolve(ok(null));
    },
    'library:import-images': (request) =>
      attempt(async () => {
        const refused: { hash: string; reason: string }[] = [];
        const images: IncomingImage[] = [];
        for (const image of request.images) {
          const checked = await checkImage(image.hash, image.type, image.data);
          if ('reason' in checked) refused.push({ hash: image.hash, reason: checked.reason });
          else
            images.push({
              hash: image.hash,
              type: image.type,
              blob: new Blob([checked.bytes], { type: image.type }),
              articleIds: image.articleIds,
            });
        }
        const { stored, unused } = await storeImportedImages(deps.db, images);
        for (const hash of unused)
          refused.push({ hash, reason: 'no imported article keeps this image' });
        return { stored, refused };
      }),
  };
}

/**
 * Imported image bytes, decoded, or why they are not stored (checked again here: the page checked
 * them against the sidecar): they must be the image the hash names, of the type they say, within
 * 25 MB.
 */
async function checkImage(
  hash: string,
  type: string,
  data: string,
): Promise<{ bytes: Uint8Array<ArrayBuffer> } | { reason: string }> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = fromBase64(data);
  } catch {
    return { reason: 'its data is not base64' };
  }
  if (bytes.length > MAX_IMAGE_BYTES) return { reason: 'it is larger than 25 MB' };
  if ((await contentHash(bytes)) !== hash) return { reason: 'its bytes do not have its hash' };
  if (sniffImageType(bytes) !== type) return { reason: 'its bytes are not the image type it says' };
  return { bytes };
}

export type { LibraryHandlers };
