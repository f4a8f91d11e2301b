/** The library's long jobs: export and backup (a zip downloaded), import and restore. */
import { browser } from '#imports';
import type { NoticeProps } from '@/components/library/Notice';
import { isoWithLocalOffset } from '@/lib/export/post-date';
import { t, tCount } from '@/lib/i18n';
import { createBackup, storageToRestore } from '@/lib/library/backup';
import {
  ExportCancelled,
  exportBundles,
  exportFileName,
  inlineRenderer,
  type BatchRenderer,
  type ReadImages,
} from '@/lib/library/bulk-export';
import {
  filesFileSet,
  importFileSets,
  zipFileSet,
  type FileSet,
  type ImportReport,
} from '@/lib/library/import-files';
import type { RenderSettings } from '@/lib/library/library-post';
import { loadZlibInflate, type CreateInflater } from '@/lib/library/zlib-wasm';
import zlibWasmUrl from '@zip.js/zip.js/dist/zip-module.wasm?url';
import { loadSettings } from '@/lib/settings/store';
import { GleanerDB } from '@/lib/storage/db';
import { getImages } from '@/lib/storage/images-repo';
import { getBundles, importRecords as writeImportRecords } from '@/lib/storage/library-repo';
import type { ArticleBundle, ImportOutcome, ImportRecord } from '@/lib/library/types';
import { ask, fetchBundles, importImages, importRecords } from './messages';
import { workerRenderer } from './worker-renderer';

/** Level 1 deflates these texts about twice as fast as 6, for about 10% more bytes. */
const EXPORT_DEFLATE_LEVEL = 1;

export interface TaskState {
  label: string;
  done: number;
  total: number;
  onCancel?(): void;
}

type Notice = Omit<NoticeProps, 'onDismiss'>;

async function renderSettings(): Promise<RenderSettings> {
  const settings = await loadSettings();
  return { export: settings.export, siteRules: settings.siteRules };
}

/** Downloads a Blob made in this page (the service worker cannot make Blob URLs). */
async function downloadBlob(blob: Blob, fileName: string): Promise<void> {
  const url = URL.createObjectURL(blob);
  try {
    await browser.downloads.download({
      url,
      filename: fileName,
      saveAs: false,
      conflictAction: 'uniquify',
    });
  } finally {
    // The download keeps its own reference once started; a minute covers a slow start.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

/**
 * Work done on the page's own connection to the extension's IndexedDB, or through the background
 * (`fallback`) when the page cannot open it.
 */
async function onOwnDatabase<T extends object>(
  direct: (db: GleanerDB) => T,
  fallback: T,
): Promise<T & { close(): void }> {
  const db = new GleanerDB();
  try {
    await db.open();
    return { ...direct(db), close: () => db.close() };
  } catch {
    db.close();
    return { ...fallback, close: () => undefined };
  }
}

/**
 * Where an export reads the articles: straight from the extension's IndexedDB, read-only. Messaging
 * them would serialise ~20 KB an article through the service worker, which halved the export rate.
 */
function bundleReader() {
  return onOwnDatabase<{
    read(ids: string[]): Promise<ArticleBundle[]>;
    /** The kept images' bytes (none through the fallback: its posts link the remote images). */
    readImages?: ReadImages;
  }>(
    (db) => ({
      read: (ids) => getBundles(db, ids),
      readImages: (hashes) => getImages(db, hashes),
    }),
    { read: fetchBundles },
  );
}

/**
 * Where an import writes its batches: straight into the extension's IndexedDB, through the same
 * `importRecords` the background runs (merge by URL, one transaction a batch), telling the
 * background to hold its indexer meanwhile. Sending ~3 MB batches through the service worker as
 * JSON held the import to a third of what IndexedDB takes.
 */
function recordWriter() {
  return onOwnDatabase<{
    write(records: ImportRecord[], keepIds: boolean): Promise<ImportOutcome[]>;
  }>(
    (db) => ({
      write: async (records, keepIds) => {
        // Only a courtesy to the indexer: the batch is written whether the background answers.
        await ask({ type: 'library:import-hold' }).catch(() => undefined);
        return writeImportRecords(db, records, isoWithLocalOffset(new Date()), { keepIds });
      },
    }),
    { write: importRecords },
  );
}

const articles = (n: number) => tCount(n, 'n_articles_one', 'n_articles_other');
const fileCount = (n: number) => tCount(n, 'n_files_one', 'n_files_other');

export async function runExport(
  ids: string[],
  kind: 'export' | 'backup',
  highlightCount: number,
  setTask: (task: TaskState | null) => void,
): Promise<Notice> {
  const controller = new AbortController();
  const label = kind === 'export' ? t('task_exporting') : t('task_backing_up');
  const onCancel = () => controller.abort();
  setTask({ label, done: 0, total: ids.length, onCancel });
  const started = performance.now();
  const bundles = await bundleReader();
  let renderer: (BatchRenderer & { workers: number }) | undefined;
  try {
    const settings = await renderSettings();
    renderer = workerRenderer(
      settings,
      EXPORT_DEFLATE_LEVEL,
      inlineRenderer(bundles.read, settings, bundles.readImages),
      bundles.readImages !== undefined,
    );
    const options = {
      ids,
      fetchBundles: bundles.read,
      readImages: bundles.readImages,
      settings,
      renderer,
      // Two batches a worker and one more: a worker reads the next from IndexedDB while it
      // deflates the last (one a worker left them idle a tenth of the time).
      inFlight: 2 * renderer.workers + 1,
      signal: controller.signal,
      onProgress: ({ done, total }: { done: number; total: number }) =>
        setTask({ label, done, total, onCancel }),
    };
    const result =
      kind === 'export'
        ? await exportBundles(options)
        : await createBackup({
            ...options,
            storage: await browser.storage.local.get(null),
            highlightCount,
            now: isoWithLocalOffset(new Date()),
          });
    performance.measure(`library-${kind}`, {
      start: started,
      end: performance.now(),
      detail: result.count,
    });
    const fileName = exportFileName(new Date(), kind);
    await downloadBlob(result.blob, fileName);
    const fellBack = result.fellBack.map((f) => t('export_fell_back', f.title, f.reason));
    return {
      tone: fellBack.length ? 'info' : 'success',
      message:
        kind === 'export'
          ? t('export_done', articles(result.count), fileName)
          : t('backup_done', articles(result.count), fileName, t('library_import_files')),
      details: fellBack,
    };
  } catch (error) {
    if (error instanceof ExportCancelled) return { tone: 'info', message: t('export_cancelled') };
    return {
      tone: 'error',
      message: t(
        kind === 'export' ? 'export_failed' : 'backup_failed',
        error instanceof Error ? error.message : String(error),
      ),
    };
  } finally {
    renderer?.close();
    bundles.close();
    setTask(null);
  }
}

function summary(report: ImportReport, settingsProblem: string | null, cancelled: boolean): Notice {
  const parts = [
    report.created && tCount(report.created, 'import_new_one', 'import_new_other'),
    report.merged && t('import_merged', report.merged.toLocaleString()),
    report.unchanged && t('import_unchanged', report.unchanged.toLocaleString()),
  ].filter((part): part is string => Boolean(part));
  const what = parts.length ? parts.reduce((a, b) => t('list_join', a, b)) : t('import_nothing');
  const imported = report.created + report.merged + report.unchanged;
  const ofExpected = [imported.toLocaleString(), report.expected.toLocaleString()] as const;
  const details = [
    ...report.damaged.map((d) => t('import_damaged_detail', d.file, d.reason)),
    ...report.failed.map((f) => `${f.file}: ${f.reason}`),
  ];
  if (settingsProblem) details.unshift(settingsProblem);
  const sentences = [
    cancelled && t('import_stopped'),
    report.backup
      ? t('import_restored_of', ...ofExpected, what)
      : t('import_imported_of', ...ofExpected, what),
    report.damaged.length > 0 && t('import_damaged', fileCount(report.damaged.length)),
    report.backup && !settingsProblem && t('import_settings_restored'),
    report.images > 0 &&
      t('import_images_restored', tCount(report.images, 'n_images_one', 'n_images_other')),
    report.failed.length > 0 && t('import_skipped', report.failed.length.toLocaleString()),
    report.ignored > 0 && t('import_ignored', fileCount(report.ignored)),
  ].filter((sentence): sentence is string => Boolean(sentence));
  const message = sentences.reduce((a, b) => t('sentences_join', a, b));
  const whole = !report.failed.length && !report.damaged.length;
  return { tone: whole ? 'success' : 'error', message, details };
}

/** zlib in WebAssembly reads zips several times as fast as fflate, which stays where it cannot load. */
async function zlibInflater(): Promise<CreateInflater | undefined> {
  try {
    return await loadZlibInflate(fetch(zlibWasmUrl));
  } catch (error) {
    console.warn('Gleaner: zlib (WebAssembly) did not load; imports use fflate.', error);
    return undefined;
  }
}

export async function runImport(
  files: File[],
  setTask: (task: TaskState | null) => void,
): Promise<Notice> {
  const controller = new AbortController();
  const onCancel = () => controller.abort();
  setTask({ label: t('task_importing'), done: 0, total: files.length, onCancel });
  const started = performance.now();
  try {
    const sets: FileSet[] = [];
    const unreadable: { file: string; reason: string }[] = [];
    const plain = files.filter((f) => !/\.zip$/i.test(f.name));
    if (plain.length) sets.push(filesFileSet('files', plain));
    const zips = files.filter((f) => /\.zip$/i.test(f.name));
    const inflater = zips.length ? await zlibInflater() : undefined;
    for (const zip of zips) {
      try {
        sets.push(await zipFileSet(zip.name, zip, undefined, inflater));
      } catch (error) {
        unreadable.push({
          file: zip.name,
          reason: error instanceof Error ? error.message : String(error),
        });
      }
    }
    const writer = await recordWriter();
    const report = await importFileSets(sets, {
      nowIso: isoWithLocalOffset(new Date()),
      send: writer.write,
      sendImages: importImages,
      signal: controller.signal,
      onProgress: ({ done, total }) =>
        setTask({ label: t('task_importing'), done, total, onCancel }),
    }).finally(() => writer.close());
    // What the import queued for the search index: the background indexes it now (or when it
    // next wakes: the import is done either way).
    await ask({ type: 'library:index-status' }).catch(() => undefined);
    report.failed.unshift(...unreadable);
    let settingsProblem: string | null = null;
    if (report.backup) {
      const { items, problem } = storageToRestore(report.backup);
      settingsProblem = problem;
      await browser.storage.local.set(items);
    }
    performance.measure('library-import', { start: started, end: performance.now() });
    return summary(report, settingsProblem, controller.signal.aborted);
  } catch (error) {
    return {
      tone: 'error',
      message: t('import_failed', error instanceof Error ? error.message : String(error)),
    };
  } finally {
    setTask(null);
  }
}
