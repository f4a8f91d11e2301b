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
import { extensionFor } from '../assets/image-types';
import { highlightsNeedDom } from '../export/build-post-data';
import { DEFAULT_EXPORT_SETTINGS } from '../export/export-settings';
import type { ExportedImage } from '../export/render-post';
import { renderLibraryPost, SIDECAR_DIR, type RenderSettings } from './library-post';
import type { ArticleBundle } from './types';
import { deflateFile, storedFile, type DeflatedEntry, type TextFile } from './deflate';
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

/** One article as zip entries (the post, then its sidecar), and the image files that go with it. */
export interface RenderedArticle {
  id: string;
  postPath: string;
  entries: DeflatedEntry[];
  images?: ExportedImage[];
}

/** One article rendered, not yet deflated. */
interface RenderedFiles {
  id: string;
  postPath: string;
  files: TextFile[];
  images: ExportedImage[];
}

/** A stored image as an export reads it. */
export interface ImageRecord {
  type: string;
  blob: Blob;
}

/** The stored images among `hashes` (unknown ones left out). */
export type ReadImages = (hashes: string[]) => Promise<Map<string, ImageRecord>>;

/** Where an image goes when another image already took the path its post links (see writeImages). */
export const IMAGES_DIR = `${SIDECAR_DIR}/images`;

/** The hashes of the kept images of these articles. */
export function imageHashesOf(bundles: readonly ArticleBundle[]): string[] {
  const hashes = new Set<string>();
  for (const { article } of bundles)
    for (const image of article.images ?? []) if (image.hash) hashes.add(image.hash);
  return [...hashes];
}

/** The stored MIME types of the batch's kept images (none read when no article keeps one). */
export async function imageTypesOf(
  bundles: readonly ArticleBundle[],
  readImages: ReadImages | undefined,
): Promise<Map<string, string>> {
  const hashes = imageHashesOf(bundles);
  if (!hashes.length || !readImages) return new Map();
  const stored = await readImages(hashes);
  return new Map([...stored].map(([hash, image]) => [hash, image.type]));
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
  /**
   * The stored images (their bytes go into the zip beside each post, at the preset's paths). Without
   * it the posts link their images' remote URLs, as they did before images were kept.
   */
  readImages?: ReadImages;
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
  options: {
    dom: boolean;
    deflate: (file: TextFile) => DeflatedEntry | Promise<DeflatedEntry>;
    /** The stored MIME type of each kept image the export carries (by hash). */
    imageTypes?: ReadonlyMap<string, string>;
  },
): Promise<RenderedBatch> {
  const { files, leftOver, fellBack } = renderFiles(
    bundles,
    settings,
    taken,
    options.dom,
    options.imageTypes,
  );
  const articles = await Promise.all(
    files.map(async (article) => ({
      id: article.id,
      postPath: article.postPath,
      entries: await Promise.all(article.files.map(options.deflate)),
      ...(article.images.length ? { images: article.images } : {}),
    })),
  );
  return { articles, leftOver, fellBack };
}

function renderFiles(
  bundles: readonly ArticleBundle[],
  settings: RenderSettings,
  taken: Set<string>,
  dom: boolean,
  imageTypes: ReadonlyMap<string, string> = new Map(),
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
      post = renderLibraryPost(bundle, settings, taken, imageTypes);
    } catch (error) {
      result.fellBack.push({
        id: bundle.article.id,
        title: bundle.article.title,
        reason: error instanceof Error ? error.message : String(error),
      });
      post = renderLibraryPost(bundle, DEFAULT_RENDER, taken, imageTypes);
    }
    result.files.push({
      id: bundle.article.id,
      postPath: post.postPath,
      files: [
        { path: post.postPath, text: post.postContent },
        { path: post.sidecarPath, text: post.sidecarContent },
      ],
      images: post.images,
    });
  }
  return result;
}

/** Renders in this thread, reading through `fetchBundles` (and `readImages`, for their types). */
export function inlineRenderer(
  fetchBundles: BulkExportOptions['fetchBundles'],
  settings: RenderSettings,
  readImages?: ReadImages,
): BatchRenderer {
  const taken = new Set<string>();
  return {
    render: async (ids) => {
      const bundles = await fetchBundles(ids);
      return renderBatch(bundles, settings, taken, {
        dom: true,
        deflate: (file) => deflateFile(file, 6),
        imageTypes: await imageTypesOf(bundles, readImages),
      });
    },
    deflate: async (files) => files.map((file) => deflateFile(file, 6)),
    close: () => undefined,
  };
}

export async function exportBundles(options: BulkExportOptions): Promise<BulkExportResult> {
  const { ids, settings, signal } = options;
  const batchSize = options.batchSize ?? 100;
  const renderer =
    options.renderer ?? inlineRenderer(options.fetchBundles, settings, options.readImages);
  const zip = new ZipWriter();
  const taken = new Set<string>();
  /** Image files written so far: archive path → hash of the bytes there. */
  const imageFiles = new Map<string, string>();
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
  /**
   * Writes the images of posts just written, after them (an import reads a post's sidecar before
   * its images): each stored image once per path, its bytes read one image at a time. An image whose path another image already took (two posts whose image folders
   * coincide: a custom template's folder; Jekyll's is named after the post file, unique) goes to
   * `_gleaner/images/<hash>.<ext>`, so the archive still carries its bytes.
   */
  const writeImages = async (images: readonly ExportedImage[]) => {
    const wanted: { hash: string; path: string | null }[] = [];
    for (const image of images) {
      const there = imageFiles.get(image.path);
      if (there === image.hash) continue;
      // Claimed before reading, so a write running beside this one does not take it too.
      const path = there === undefined ? image.path : null;
      if (path) imageFiles.set(path, image.hash);
      wanted.push({ hash: image.hash, path });
    }
    if (!wanted.length || !options.readImages) return;
    // The records at once (a Blob read from IndexedDB is a handle), their bytes one by one.
    const records = await options.readImages([...new Set(wanted.map((image) => image.hash))]);
    for (const { hash, path } of wanted) {
      const stored = records.get(hash);
      if (!stored) continue;
      const at = path ?? `${IMAGES_DIR}/${hash}.${extensionFor(stored.type)}`;
      if (!path) {
        if (imageFiles.has(at)) continue;
        imageFiles.set(at, hash);
      }
      zip.addDeflated(storedFile(at, new Uint8Array(await stored.blob.arrayBuffer())));
    }
  };
  const renderHere = async (bundles: ArticleBundle[], collided: string[]) => {
    const again = collided.length ? await options.fetchBundles(collided) : [];
    const all = [...bundles, ...again];
    const types = await imageTypesOf(all, options.readImages);
    const rendered = renderFiles(all, settings, taken, true, types);
    fellBack.push(...rendered.fellBack);
    await leftoverWrite; // asked for a batch ago: usually done
    const deflated = renderer.deflate(rendered.files.flatMap((article) => article.files));
    leftoverWrite = deflated.then(async (entries) => {
      for (const entry of entries) zip.addDeflated(entry);
      count += rendered.files.length;
      await writeImages(rendered.files.flatMap((article) => article.images));
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
      const images: ExportedImage[] = [];
      for (const article of batch.articles) {
        if (taken.has(article.postPath)) {
          collided.push(article.id);
          continue;
        }
        taken.add(article.postPath);
        for (const entry of article.entries) zip.addDeflated(entry);
        if (article.images) images.push(...article.images);
        count++;
      }
      if (images.length) await writeImages(images);
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
