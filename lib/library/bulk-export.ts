/**
 * Many articles → one zip, built in the library page (a service worker has no Blob URLs): the
 * articles come from the background in batches (the next one is asked for while this one is
 * written), each becomes a post and its sidecar, and the zip streams out as it grows.
 */
import { DEFAULT_EXPORT_SETTINGS } from '../export/export-settings';
import { renderLibraryPost, SIDECAR_DIR, type RenderSettings } from './library-post';
import type { ArticleBundle } from './types';
import {
  deflateFile,
  inlineCompressor,
  type Compressor,
  type DeflatedEntry,
  type TextFile,
} from './deflate';
import { ZipWriter } from './zip-writer';

export interface ExportProgress {
  done: number;
  total: number;
}

export interface ExportFailure {
  id: string;
  title: string;
  reason: string;
}

export interface BulkExportOptions {
  ids: readonly string[];
  fetchBundles(ids: string[]): Promise<ArticleBundle[]>;
  settings: RenderSettings;
  onProgress?(progress: ExportProgress): void;
  signal?: AbortSignal;
  batchSize?: number;
  /** More files for the archive (a backup's manifest), written first. */
  extraFiles?: readonly TextFile[];
  /** Where the deflating happens: workers in the library page; inline by default. */
  compressor?: Compressor;
}

export interface BulkExportResult {
  blob: Blob;
  /** Articles written. */
  count: number;
  /** Articles the user's template could not render: written with the default Jekyll preset. */
  fellBack: ExportFailure[];
}

export class ExportCancelled extends Error {
  override name = 'ExportCancelled';
}

const DEFAULT_RENDER: RenderSettings = { export: DEFAULT_EXPORT_SETTINGS, siteRules: [] };

export async function exportBundles(options: BulkExportOptions): Promise<BulkExportResult> {
  const { ids, settings, signal } = options;
  const batchSize = options.batchSize ?? 100;
  const compressor = options.compressor ?? inlineCompressor();
  const zip = new ZipWriter();
  const taken = new Set<string>();
  const fellBack: ExportFailure[] = [];
  let count = 0;
  // Batches being compressed (in a worker): written to the zip in order, two at most in flight.
  const compressing: { articles: number; entries: Promise<DeflatedEntry[]> }[] = [];
  const drain = async (keep: number) => {
    while (compressing.length > keep) {
      const batch = compressing.shift();
      if (!batch) break;
      for (const entry of await batch.entries) zip.addDeflated(entry);
      count += batch.articles;
      options.onProgress?.({ done: count, total: ids.length });
    }
  };
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += batchSize) batches.push(ids.slice(i, i + batchSize));
  // The background reads the next two batches while this one is written.
  const fetching = batches.slice(0, 2).map((batch) => options.fetchBundles(batch));
  try {
    for (const file of options.extraFiles ?? []) zip.addDeflated(deflateFile(file, 6));
    for (let b = 0; b < batches.length; b++) {
      const bundles = (await fetching.shift()) ?? [];
      if (signal?.aborted) throw new ExportCancelled('Export cancelled.');
      const ahead = batches[b + 2];
      if (ahead) fetching.push(options.fetchBundles(ahead));
      const files: TextFile[] = [];
      for (const bundle of bundles) {
        let post;
        try {
          post = renderLibraryPost(bundle, settings, taken);
        } catch (error) {
          fellBack.push({
            id: bundle.article.id,
            title: bundle.article.title,
            reason: error instanceof Error ? error.message : String(error),
          });
          post = renderLibraryPost(bundle, DEFAULT_RENDER, taken);
        }
        files.push(
          { path: post.postPath, text: post.postContent },
          { path: post.sidecarPath, text: post.sidecarContent },
        );
      }
      compressing.push({ articles: bundles.length, entries: compressor.compress(files) });
      await drain(2);
    }
    await drain(0);
    return { blob: await zip.close(), count, fellBack };
  } catch (error) {
    zip.abort();
    // Requests of a cancelled export must not surface as unhandled rejections.
    for (const pending of fetching) pending.catch(() => undefined);
    for (const batch of compressing) batch.entries.catch(() => undefined);
    throw error;
  }
}

export { SIDECAR_DIR };

/** `gleaner-export-2026-11-25.zip` (the user's local date). */
export function exportFileName(now: Date, kind: 'export' | 'backup' = 'export'): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `gleaner-${kind}-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.zip`;
}
