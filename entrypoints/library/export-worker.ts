/**
 * A library-page worker for exports: reads its batch of articles from IndexedDB itself (read-only),
 * renders the posts and deflates them, so neither the service worker's messaging nor the page's
 * thread carries the texts.
 */
import { imageTypesOf, renderBatch, type RenderedBatch } from '@/lib/library/bulk-export';
import zlibWasmUrl from '@zip.js/zip.js/dist/zip-module.wasm?url';
import {
  deflateFile,
  fflateDeflate,
  type DeflatedEntry,
  type DeflateLevel,
  type RawDeflate,
  type TextFile,
} from '@/lib/library/deflate';
import type { RenderSettings } from '@/lib/library/library-post';
import { loadZlibDeflate } from '@/lib/library/zlib-wasm';
import { GleanerDB } from '@/lib/storage/db';
import { getImages } from '@/lib/storage/images-repo';
import { getBundles } from '@/lib/storage/library-repo';

export type ExportWorkerRequest =
  /** `images`: whether the page writes the kept images' bytes (the posts then link them). */
  | { type: 'start'; settings: RenderSettings; level: DeflateLevel; images: boolean }
  | { type: 'render'; id: number; ids: string[] }
  | { type: 'deflate'; id: number; files: TextFile[] };

export type ExportWorkerAnswer =
  | { id: number; batch: RenderedBatch }
  | { id: number; entries: DeflatedEntry[] }
  | { id: number; error: string };

const db = new GleanerDB();
/** Names this worker gave; the page makes them unique across workers. */
const taken = new Set<string>();
let start: { settings: RenderSettings; level: DeflateLevel; images: boolean } | null = null;
// zlib in WebAssembly, fflate where it cannot load (the browser's CompressionStream measured
// slower than both here: a stream per file costs more).
const rawDeflate: Promise<RawDeflate> = loadZlibDeflate(fetch(zlibWasmUrl)).catch(
  (error: unknown) => {
    console.warn('Gleaner: zlib (WebAssembly) did not load; exports use fflate.', error);
    return fflateDeflate;
  },
);

const post = (answer: ExportWorkerAnswer, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(answer, transfer);

self.onmessage = async (event: MessageEvent<ExportWorkerRequest>) => {
  const request = event.data;
  if (request.type === 'start') {
    start = { settings: request.settings, level: request.level, images: request.images };
    return;
  }
  try {
    if (!start) throw new Error('The export worker was not started.');
    const { settings, level, images } = start;
    const raw = await rawDeflate;
    const deflate = (file: TextFile) => deflateFile(file, level, raw);
    if (request.type === 'deflate') {
      const entries = await Promise.all(request.files.map(deflate));
      post(
        { id: request.id, entries },
        entries.map((entry) => entry.data.buffer),
      );
      return;
    }
    const bundles = await getBundles(db, request.ids);
    // Their types name the kept images' files; the page writes the bytes (once per path).
    const imageTypes = images
      ? await imageTypesOf(bundles, (hashes) => getImages(db, hashes))
      : new Map<string, string>();
    const batch = await renderBatch(bundles, settings, taken, { dom: false, deflate, imageTypes });
    post(
      { id: request.id, batch },
      batch.articles.flatMap((article) => article.entries.map((entry) => entry.data.buffer)),
    );
  } catch (error) {
    post({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
};
