/**
 * Import in the library page: a zip or a folder (or any files) of posts → records sent to the
 * background in batches. Each post is one unit with its sidecar when there is one; a unit that
 * cannot be read (or whose files an archive refuses) is listed with its reason and nothing of it
 * is sent. The report says how many articles there were to import, from the archive's manifest
 * when it has one, so none is left out without a word.
 */
import { ArchiveImages, type SendImages } from './import-images';
import { SIDECAR_DIR } from './library-post';
import { isManifest, readManifest, type BackupManifest } from './manifest';
import { recordFromExport, recordFromPost } from './post-import';
import type { ImportOutcome, ImportRecord } from './types';
import { formatBytes, ZIP_LIMITS, type ZipLimits } from './zip-limits';
import { ZipArchive, type BinaryWanted, type FileRead, type ZipFailure } from './zip-reader';
import type { CreateInflater } from './zlib-wasm';

/** Files read by path, one at a time, in the set's own order. */
export interface FileSet {
  /** Where the files came from, for messages: the zip's or the folder's name. */
  label: string;
  paths: string[];
  /** Files refused before reading (hostile names, sizes past the limits), with the reason. */
  refused: ZipFailure[];
  /** What is wrong with the archive as a whole (cut short, its directory damaged), if anything. */
  damage: string | null;
  /** The wanted files' texts (the `binary` ones' bytes), or the reason one cannot be read. */
  read(wanted: ReadonlySet<string>, binary?: BinaryWanted): AsyncIterable<FileRead>;
}

/** A zip read from the file the user picked, entry by entry (never whole in memory). */
export async function zipFileSet(
  label: string,
  file: Blob,
  limits: ZipLimits = ZIP_LIMITS,
  createInflater?: CreateInflater,
): Promise<FileSet> {
  let archive: ZipArchive;
  try {
    archive = await ZipArchive.open(file, limits, createInflater);
  } catch (error) {
    throw new Error(`${label} is not a zip (${error instanceof Error ? error.message : error})`, {
      cause: error,
    });
  }
  const { paths, refused, damage } = archive.listing;
  return {
    label,
    paths,
    refused,
    damage,
    read: (wanted, binary) => archive.read(wanted, binary),
  };
}

/** Files from an `<input type=file>` (a folder keeps its relative paths). */
export function filesFileSet(
  label: string,
  files: readonly File[],
  limits: ZipLimits = ZIP_LIMITS,
): FileSet {
  const byPath = new Map(files.map((file) => [file.webkitRelativePath || file.name, file]));
  return {
    label,
    paths: [...byPath.keys()],
    refused: [],
    damage: null,
    // The texts first, then the images: a folder has no archive order, and an image is wanted
    // only once the sidecar that names it was read.
    read: async function* (wanted, binary) {
      for (const [path, file] of byPath) {
        if (!wanted.has(path)) continue;
        if (file.size > limits.entryBytes)
          yield {
            path,
            reason: `Refused: ${formatBytes(file.size)}, over the limit of ${formatBytes(limits.entryBytes)} for one file`,
          };
        else yield { path, text: (await file.text()).replace(/^\uFEFF/, '') };
      }
      if (!binary) return;
      for (const [path, file] of byPath) {
        if (wanted.has(path) || !binary.wants(path)) continue;
        if (file.size > Math.min(binary.maxBytes, limits.entryBytes))
          yield {
            path,
            reason: `Refused: ${formatBytes(file.size)}, over the limit of ${formatBytes(binary.maxBytes)} for one image`,
          };
        else yield { path, bytes: new Uint8Array(await file.arrayBuffer()) };
      }
    },
  };
}

interface Unit {
  /** The file named in reports. */
  name: string;
  post?: string;
  sidecar?: string;
}

const POST = /\.(?:md|markdown)$/i;
const SIDECAR_SEGMENT = `${SIDECAR_DIR}/`;

/** `x/_gleaner/_posts/a.json` belongs to `x/_posts/a.md`. */
function postPathOfSidecar(path: string): string | null {
  if (!path.endsWith('.json')) return null;
  let at: number;
  if (path.startsWith(SIDECAR_SEGMENT)) at = 0;
  else {
    const found = path.indexOf(`/${SIDECAR_SEGMENT}`);
    if (found < 0) return null;
    at = found + 1;
  }
  return `${path.slice(0, at)}${path.slice(at + SIDECAR_SEGMENT.length, -'.json'.length)}.md`;
}

/** macOS Finder's resource forks (`__MACOSX/…`, `._name`) and hidden files (`.DS_Store`). */
const isMetadata = (path: string) =>
  path.startsWith('__MACOSX/') || (path.split('/').pop() ?? path).startsWith('.');

export function planUnits(paths: readonly string[]): { units: Unit[]; ignored: string[] } {
  const units = new Map<string, Unit>();
  const ignored: string[] = [];
  for (const path of paths) {
    if (isMetadata(path) || isManifest(path)) continue;
    const postOfSidecar = postPathOfSidecar(path);
    if (postOfSidecar) {
      const unit = units.get(postOfSidecar) ?? { name: postOfSidecar };
      unit.sidecar = path;
      units.set(postOfSidecar, unit);
    } else if (POST.test(path)) {
      const key = path.replace(/\.markdown$/i, '.md');
      const unit = units.get(key) ?? { name: path };
      unit.post = path;
      unit.name = path;
      units.set(key, unit);
    } else {
      ignored.push(path);
    }
  }
  return { units: [...units.values()], ignored };
}

export interface ImportReport {
  /** Articles there were to import: the manifests' counts, else the posts found. */
  expected: number;
  created: number;
  merged: number;
  unchanged: number;
  /** Everything left out, each with its reason (files, refused entries, articles not found). */
  failed: { file: string; reason: string }[];
  /** Archives that are damaged or cut short, with what is wrong: their whole parts were imported. */
  damaged: { file: string; reason: string }[];
  /** Files that are not posts (stylesheets, images no sidecar names…), not read. */
  ignored: number;
  /** Kept images stored from the archives (their bytes checked against the sidecars' hashes). */
  images: number;
  /** The backup's manifest, when the files were a backup. */
  backup: BackupManifest | null;
}

export interface ImportOptions {
  send(records: ImportRecord[], keepIds: boolean): Promise<ImportOutcome[]>;
  nowIso: string;
  onProgress?(progress: { done: number; total: number }): void;
  signal?: AbortSignal;
  /** Units per message to the background. */
  batchSize?: number;
  /**
   * Stores the kept images the archives carry (after their articles). Without it image files are
   * not read: the articles show their remote images.
   */
  sendImages?: SendImages;
}

async function readOne(set: FileSet, path: string): Promise<string> {
  for await (const file of set.read(new Set([path]))) {
    if ('reason' in file) throw new Error(file.reason);
    if ('text' in file) return file.text;
  }
  throw new Error('not found');
}

/** A unit's failure names the file only when it is not the one the report lists. */
const reasonFor = (unit: Unit, path: string, reason: string) =>
  path === unit.name ? reason : `${path}: ${reason}`;

const filesOf = (unit: Unit) => [unit.post, unit.sidecar].filter((p): p is string => !!p);

/** Reads and imports every post of the file sets. A backup restores with its ids. */
export async function importFileSets(
  sets: readonly FileSet[],
  options: ImportOptions,
): Promise<ImportReport> {
  const report: ImportReport = {
    expected: 0,
    created: 0,
    merged: 0,
    unchanged: 0,
    failed: [],
    damaged: [],
    ignored: 0,
    images: 0,
    backup: null,
  };
  // Refused entries are planned too: an article one of whose files was refused is refused whole.
  const plans = sets.map((set) => ({
    set,
    ...planUnits([...set.paths, ...set.refused.map((r) => r.file)]),
  }));
  const total = plans.reduce((sum, plan) => sum + plan.units.length, 0);
  const batchSize = options.batchSize ?? 100;
  let done = 0;
  for (const { set, units, ignored } of plans) {
    const refused = new Map(set.refused.map((r) => [r.file, r.reason]));
    const images = options.sendImages ? new ArchiveImages(options.sendImages) : null;
    const notPosts = ignored.filter((path) => !refused.has(path)).length;
    if (set.damage) report.damaged.push({ file: set.label, reason: set.damage });
    const manifestPath = set.paths.find(isManifest);
    let keepIds = false;
    let listed = 0;
    if (manifestPath) {
      try {
        const manifest = readManifest(await readOne(set, manifestPath));
        listed = manifest.articles;
        if (manifest.format === 'gleaner-backup') {
          report.backup = manifest;
          keepIds = true;
        }
      } catch (error) {
        report.failed.push({
          file: `${set.label}: ${manifestPath}`,
          reason: error instanceof Error ? error.message : String(error),
        });
      }
    }
    const found = units.length;
    report.expected += Math.max(listed, found);
    if (listed > found)
      report.failed.push({
        file: set.label,
        reason: `${(listed - found).toLocaleString('en')} of the ${listed.toLocaleString('en')} articles its manifest lists are not in the archive`,
      });

    const unitOf = new Map<string, Unit>();
    for (const unit of units) for (const path of filesOf(unit)) unitOf.set(path, unit);
    const texts = new Map<string, string>();
    const problems = new Map<Unit, string>();
    let batch: Unit[] = [];
    const pending = new Set(units);
    for (const unit of units) {
      const path = filesOf(unit).find((p) => refused.has(p));
      if (path) problems.set(unit, reasonFor(unit, path, refused.get(path) ?? ''));
    }
    for (const [file, reason] of refused)
      if (!unitOf.has(file)) report.failed.push({ file, reason });

    /**
     * The batch the background is writing while the next is read from the archive: one at a
     * time, so the order of batches, and of images after their articles, stays, and memory holds
     * two batches at most.
     */
    let delivering: Promise<void> = Promise.resolve();
    const deliver = async (records: ImportRecord[], names: string[], units: number) => {
      if (records.length) {
        const outcomes = await options.send(records, keepIds);
        outcomes.forEach((outcome, k) => {
          if (outcome.status === 'failed')
            report.failed.push({ file: names[k] ?? '?', reason: outcome.reason });
          else report[outcome.status]++;
        });
        images?.landed(records, outcomes);
      }
      // The images of the articles just imported (and earlier ones') follow them.
      await images?.flush();
      done += units;
      options.onProgress?.({ done, total });
    };
    const send = async () => {
      const records: ImportRecord[] = [];
      const names: string[] = [];
      for (const unit of batch) {
        const problem = problems.get(unit);
        try {
          if (problem) throw new Error(problem);
          const post = unit.post ? (texts.get(unit.post) ?? null) : null;
          const sidecar = unit.sidecar ? texts.get(unit.sidecar) : undefined;
          records.push(
            sidecar !== undefined
              ? recordFromExport(unit.name, post, sidecar, options.nowIso)
              : recordFromPost(unit.name, post ?? '', options.nowIso),
          );
          names.push(unit.name);
        } catch (error) {
          report.failed.push({
            file: unit.name,
            reason: error instanceof Error ? error.message : String(error),
          });
        } finally {
          for (const path of filesOf(unit)) texts.delete(path);
          problems.delete(unit);
        }
      }
      const units = batch.length;
      batch = [];
      await delivering;
      delivering = deliver(records, names, units);
      // Read when awaited (the next batch, or the end); until then a failure is not "unhandled".
      delivering.catch(() => undefined);
    };

    /** Image files the set read are no "ignored" files; what was not stored is listed. */
    const finishImages = async () => {
      await delivering;
      await images?.flush(true);
      report.ignored += notPosts - (images?.read ?? 0);
      report.images += images?.stored ?? 0;
      report.failed.push(...(images?.failed ?? []));
    };

    // Files come in the archive's order; a unit goes into a batch once all its files are in.
    for (const unit of problems.keys()) {
      pending.delete(unit);
      batch.push(unit);
      if (batch.length >= batchSize) await send();
    }
    const wanted = new Set([...unitOf.keys()].filter((path) => !refused.has(path)));
    for await (const file of set.read(wanted, images ?? undefined)) {
      if (options.signal?.aborted) break;
      const unit = unitOf.get(file.path);
      if (!unit) {
        // An image a sidecar before it named.
        if ('bytes' in file) await images?.take(file.path, file.bytes as Uint8Array<ArrayBuffer>);
        else if ('reason' in file) images?.refuse(file.path, file.reason);
        if (images?.full) await send();
        continue;
      }
      if (!pending.has(unit) || 'bytes' in file) continue;
      if ('reason' in file) problems.set(unit, reasonFor(unit, file.path, file.reason));
      else {
        texts.set(file.path, file.text);
        if (file.path === unit.sidecar) images?.expect(file.path, file.text);
      }
      if (problems.has(unit) || filesOf(unit).every((path) => texts.has(path))) {
        pending.delete(unit);
        batch.push(unit);
        if (batch.length >= batchSize) await send();
      }
    }
    if (options.signal?.aborted) {
      await finishImages();
      return report;
    }
    for (const unit of pending) {
      problems.set(
        unit,
        set.damage
          ? 'Not read: the archive is damaged or cut short before it'
          : 'Not read from the archive',
      );
      batch.push(unit);
    }
    await send();
    await finishImages();
  }
  return report;
}
