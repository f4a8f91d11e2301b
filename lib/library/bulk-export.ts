/**
 * Many articles → one zip, built in the library page (a service worker has no Blob URLs). The
 * articles are rendered and deflated in batches — by workers in the library page (each reads its
 * batch from IndexedDB itself), or inline — and the zip streams out as it grows.
 *
 * Names are unique across the archive: a worker only knows the names it gave, so a post whose
 * name another batch took first is rendered again here with every name taken so far. Highlights
 * are marked in the stored Markdown where they can be (plain quotes, written once); the others
 * need a DOM (the Markdown is made again from the HTML): a worker hands those articles back, and
 * they are rendered here too.
 */
import { highlightsNeedDom } from '../export/build-post-data';
import { DEFAULT_EXPORT_SETTINGS } from '../export/export-settings';
import { renderLibraryPost, SIDECAR_DIR, type RenderSettings } from './library-post';
import type { ArticleBundle } from './types';
import { deflateFile, type DeflatedEntry, type TextFile } from './deflate';
import { EXPORT_MANIFEST, type ExportManifest } from './manifest';
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

/** One article as zip entries (the post, then its sidecar). */
export interface RenderedArticle {
  id: string;
  postPath: string;
  entries: DeflatedEntry[];
}

/** One article rendered, not yet deflated. */
interface RenderedFiles {
  id: string;
  postPath: string;
  files: TextFile[];
}

export interface RenderedBatch {
  articles: RenderedArticle[];
  /** Articles this renderer could not do (highlights to place without a DOM). */
  leftOver: ArticleBundle[];
  /** Articles the user's template could not render: written with the default Jekyll preset. */
  fellBack: ExportFailure[];
}

/** Renders and deflates batches of articles, answering in the order asked. */
export interface BatchRenderer {
  render(ids: string[]): Promise<RenderedBatch>;
  /** Deflates files rendered elsewhere (the page's leftovers). */
  deflate(files: TextFile[]): Promise<DeflatedEntry[]>;
  close(): void;
}

export interface BulkExportOptions {
  ids: readonly string[];
  fetchBundles(ids: string[]): Promise<ArticleBundle[]>;
  settings: RenderSettings;
  onProgress?(progress: ExportProgress): void;
  signal?: AbortSignal;
  batchSize?: number;
  /** The archive's manifest, written first: a backup's; by default an export's (its count). */
  manifest?: TextFile;
  /** Where batches are rendered (workers in the library page); in this thread by default. */
  renderer?: BatchRenderer;
  /** Batches asked for ahead of the one being written (keeps every worker busy). */
  inFlight?: number;
}

export interface BulkExportResult {
  blob: Blob;
  /** Articles written. */
  count: number;
  fellBack: ExportFailure[];
}

export class ExportCancelled extends Error {
  override name = 'ExportCancelled';
}

const DEFAULT_RENDER: RenderSettings = { export: DEFAULT_EXPORT_SETTINGS, siteRules: [] };

/**
 * Renders bundles to zip entries. `taken` holds the names given so far (and gets these). Without
 * a DOM (`dom: false`, in a worker), an article whose highlights can only be placed in the body
 * through its HTML is left over.
 */
export async function renderBatch(
  bundles: readonly ArticleBundle[],
  settings: RenderSettings,
  taken: Set<string>,
  options: { dom: boolean; deflate: (file: TextFile) => DeflatedEntry | Promise<DeflatedEntry> },
): Promise<RenderedBatch> {
  const { files, leftOver, fellBack } = renderFiles(bundles, settings, taken, options.dom);
  const articles = await Promise.all(
    files.map(async (article) => ({
      id: article.id,
      postPath: article.postPath,
      entries: await Promise.all(article.files.map(options.deflate)),
    })),
  );
  return { articles, leftOver, fellBack };
}

function renderFiles(
  bundles: readonly ArticleBundle[],
  settings: RenderSettings,
  taken: Set<string>,
  dom: boolean,
): { files: RenderedFiles[]; leftOver: ArticleBundle[]; fellBack: ExportFailure[] } {
  const result = {
    files: [] as RenderedFiles[],
    leftOver: [] as ArticleBundle[],
    fellBack: [] as ExportFailure[],
  };
  for (const bundle of bundles) {
    if (!dom && highlightsNeedDom(bundle.article, bundle.highlights)) {
      result.leftOver.push(bundle);
      continue;
    }
    let post;
    try {
      post = renderLibraryPost(bundle, settings, taken);
    } catch (error) {
      result.fellBack.push({
        id: bundle.article.id,
        title: bundle.article.title,
        reason: error instanceof Error ? error.message : String(error),
      });
      post = renderLibraryPost(bundle, DEFAULT_RENDER, taken);
    }
    result.files.push({
      id: bundle.article.id,
      postPath: post.postPath,
      files: [
        { path: post.postPath, text: post.postContent },
        { path: post.sidecarPath, text: post.sidecarContent },
      ],
    });
  }
  return result;
}

/** Renders in this thread, reading through `fetchBundles`. */
export function inlineRenderer(
  fetchBundles: BulkExportOptions['fetchBundles'],
  settings: RenderSettings,
): BatchRenderer {
  const taken = new Set<string>();
  return {
    render: async (ids) =>
      renderBatch(await fetchBundles(ids), settings, taken, {
        dom: true,
        deflate: (file) => deflateFile(file, 6),
      }),
    deflate: async (files) => files.map((file) => deflateFile(file, 6)),
    close: () => undefined,
  };
}

export async function exportBundles(options: BulkExportOptions): Promise<BulkExportResult> {
  const { ids, settings, signal } = options;
  const batchSize = options.batchSize ?? 100;
  const renderer = options.renderer ?? inlineRenderer(options.fetchBundles, settings);
  const zip = new ZipWriter();
  const taken = new Set<string>();
  const fellBack: ExportFailure[] = [];
  let count = 0;

  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += batchSize) batches.push(ids.slice(i, i + batchSize));
  const ahead = Math.max(1, options.inFlight ?? 2);
  const pending = batches.slice(0, ahead).map((batch) => renderer.render(batch));

  /**
   * Renders here (with every name taken so far) what the renderer could not, or named twice; the
   * renderer deflates it. The loop goes on meanwhile: waiting for that deflate (queued behind the
   * workers' renders) kept the next renders from being asked for and left the workers idle. One
   * such write is outstanding at a time, so their order and the memory they hold stay bounded.
   */
  let leftoverWrite: Promise<void> = Promise.resolve();
  let reported = -1;
  const report = () => {
    if (count !== reported) options.onProgress?.({ done: (reported = count), total: ids.length });
  };
  const renderHere = async (bundles: ArticleBundle[], collided: string[]) => {
    const again = collided.length ? await options.fetchBundles(collided) : [];
    const rendered = renderFiles([...bundles, ...again], settings, taken, true);
    fellBack.push(...rendered.fellBack);
    await leftoverWrite; // asked for a batch ago: usually done
    const deflated = renderer.deflate(rendered.files.flatMap((article) => article.files));
    leftoverWrite = deflated.then((entries) => {
      for (const entry of entries) zip.addDeflated(entry);
      count += rendered.files.length;
    });
    // Read when awaited (next leftover, or the end); until then a failure is not "unhandled".
    leftoverWrite.catch(() => undefined);
  };

  try {
    zip.addDeflated(deflateFile(options.manifest ?? exportManifest(ids.length), 6));
    for (let b = 0; b < batches.length; b++) {
      const batch = await pending.shift();
      if (signal?.aborted) throw new ExportCancelled('Export cancelled.');
      const next = batches[b + ahead];
      if (next) pending.push(renderer.render(next));
      if (!batch) continue;
      fellBack.push(...batch.fellBack);
      const collided: string[] = [];
      for (const article of batch.articles) {
        if (taken.has(article.postPath)) {
          collided.push(article.id);
          continue;
        }
        taken.add(article.postPath);
        for (const entry of article.entries) zip.addDeflated(entry);
        count++;
      }
      if (batch.leftOver.length || collided.length) await renderHere(batch.leftOver, collided);
      report();
    }
    await leftoverWrite;
    report();
    return { blob: await zip.close(), count, fellBack };
  } catch (error) {
    zip.abort();
    // Requests of a cancelled export must not surface as unhandled rejections.
    for (const batch of pending) batch.catch(() => undefined);
    throw error;
  } finally {
    if (!options.renderer) renderer.close();
  }
}

export { SIDECAR_DIR };

/** Says how many articles the zip holds, so an import can tell when some are missing. */
function exportManifest(articles: number): TextFile {
  const manifest: ExportManifest = {
    format: 'gleaner-export',
    version: 1,
    createdAt: new Date().toISOString(),
    articles,
  };
  return { path: EXPORT_MANIFEST, text: `${JSON.stringify(manifest, null, 2)}\n` };
}

/** `gleaner-export-2026-11-25.zip` (the user's local date). */
export function exportFileName(now: Date, kind: 'export' | 'backup' = 'export'): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `gleaner-${kind}-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.zip`;
}
