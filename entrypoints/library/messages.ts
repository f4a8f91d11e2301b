/** The library page's side of the protocol: typed requests that throw on a failed Result. */
import { toBase64 } from '@/lib/assets/base64';
import type { ImageUpload, ImageUploadResult } from '@/lib/library/import-images';
import { sendRequest } from '@/lib/messaging/client';
import type { RequestOf, RequestType, ResponseMap } from '@/lib/messaging/protocol';
import type { ArticleBundle, ImportOutcome, ImportRecord } from '@/lib/library/types';

type Value<T extends RequestType> = Extract<ResponseMap[T], { ok: true }>['value'];

export async function ask<T extends RequestType>(request: RequestOf<T>): Promise<Value<T>> {
  const response = await sendRequest(request);
  if (!response.ok) throw new Error(response.error.message);
  return (response as { ok: true; value: Value<T> }).value;
}

/** Characters per message: far below the browser's limit on one message (64 MB). */
const MAX_MESSAGE_CHARS = 8_000_000;

function sizeOf(article: { html: string; markdown: string; text: string }): number {
  return article.html.length + article.markdown.length + article.text.length + 2_000;
}

/** Splits records into messages of at most MAX_MESSAGE_CHARS (one record at least). */
function* chunks<T>(items: readonly T[], size: (item: T) => number): Generator<T[]> {
  let chunk: T[] = [];
  let chars = 0;
  for (const item of items) {
    const n = size(item);
    if (chunk.length && chars + n > MAX_MESSAGE_CHARS) {
      yield chunk;
      chunk = [];
      chars = 0;
    }
    chunk.push(item);
    chars += n;
  }
  if (chunk.length) yield chunk;
}

export async function importRecords(
  records: ImportRecord[],
  keepIds: boolean,
): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  for (const chunk of chunks(records, (r) => sizeOf(r.article))) {
    // Records are plain objects; the protocol's schemas also let fields it does not list through.
    const records = chunk as RequestOf<'library:import'>['records'];
    outcomes.push(...(await ask({ type: 'library:import', records, keepIds })));
  }
  return outcomes;
}

/** Imported images to the background (the import sends a few MB at a time: one message here). */
export function importImages(images: ImageUpload[]): Promise<ImageUploadResult> {
  return ask({
    type: 'library:import-images',
    images: images.map(({ hash, type, bytes, articleIds }) => ({
      hash,
      type,
      data: toBase64(bytes),
      articleIds,
    })),
  });
}

export async function restoreBundles(bundles: ArticleBundle[]): Promise<number> {
  let restored = 0;
  for (const chunk of chunks(bundles, (b) => sizeOf(b.article))) {
    const records = chunk as RequestOf<'library:restore'>['bundles'];
    restored += (await ask({ type: 'library:restore', bundles: records })).restored;
  }
  return restored;
}

export function fetchBundles(ids: string[]): Promise<ArticleBundle[]> {
  return ask({ type: 'library:bundles', ids });
}
