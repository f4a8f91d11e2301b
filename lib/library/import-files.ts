/**
 * Import in the library page: a zip or a folder (or any files) of posts → records sent to the
 * background in batches. Each post is one unit with its sidecar when there is one; a unit that
 * cannot be read is listed with its reason and nothing of it is sent.
 */
import { unzipSync } from 'fflate';
import { SIDECAR_DIR } from './library-post';
import { recordFromExport, recordFromPost } from './post-import';
import type { ImportOutcome, ImportRecord } from './types';

/** Files read by path, in batches (a zip is inflated a batch at a time). */
export interface FileSet {
  /** Where the files came from, for messages: the zip's or the folder's name. */
  label: string;
  paths: string[];
  read(paths: readonly string[]): Promise<Map<string, string>>;
}

export const BACKUP_MANIFEST = `${SIDECAR_DIR}/backup.json`;

const decoder = new TextDecoder('utf-8');
const decode = (bytes: Uint8Array) => decoder.decode(bytes).replace(/^\uFEFF/, '');

export function zipFileSet(label: string, data: Uint8Array): FileSet {
  const paths: string[] = [];
  try {
    unzipSync(data, {
      filter: (file) => {
        if (!file.name.endsWith('/')) paths.push(file.name);
        return false;
      },
    });
  } catch (error) {
    throw new Error(`${label} is not a zip (${error instanceof Error ? error.message : error})`, {
      cause: error,
    });
  }
  return {
    label,
    paths,
    read: async (wanted) => {
      const set = new Set(wanted);
      const files = unzipSync(data, { filter: (file) => set.has(file.name) });
      return new Map(Object.entries(files).map(([name, bytes]) => [name, decode(bytes)]));
    },
  };
}

/** Files from an `<input type=file>` (a folder keeps its relative paths). */
export function filesFileSet(label: string, files: readonly File[]): FileSet {
  const byPath = new Map(files.map((file) => [file.webkitRelativePath || file.name, file]));
  return {
    label,
    paths: [...byPath.keys()],
    read: async (wanted) =>
      new Map(
        await Promise.all(
          wanted.map(
            async (path) =>
              [path, ((await byPath.get(path)?.text()) ?? '').replace(/^\uFEFF/, '')] as const,
          ),
        ),
      ),
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

const isManifest = (path: string) =>
  path === BACKUP_MANIFEST || path.endsWith(`/${BACKUP_MANIFEST}`);

export function planUnits(paths: readonly string[]): { units: Unit[]; ignored: string[] } {
  const units = new Map<string, Unit>();
  const ignored: string[] = [];
  for (const path of paths) {
    const base = path.split('/').pop() ?? path;
    if (base.startsWith('.') || isManifest(path)) continue; // .DS_Store and the like
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
  created: number;
  merged: number;
  unchanged: number;
  failed: { file: string; reason: string }[];
  /** Files that are not posts (images, stylesheets…), not read. */
  ignored: number;
  /** The backup's manifest, when the files were a backup. */
  backup: BackupManifest | null;
}

export interface BackupManifest {
  format: 'gleaner-backup';
  version: number;
  createdAt: string;
  articles: number;
  highlights: number;
  /** Everything the extension keeps in `storage.local` (settings among it). */
  storage: Record<string, unknown>;
}

export interface ImportOptions {
  send(records: ImportRecord[], keepIds: boolean): Promise<ImportOutcome[]>;
  nowIso: string;
  onProgress?(progress: { done: number; total: number }): void;
  signal?: AbortSignal;
  /** Units per message to the background. */
  batchSize?: number;
}

function readManifest(text: string): BackupManifest {
  const raw = JSON.parse(text) as Partial<BackupManifest>;
  if (raw.format !== 'gleaner-backup' || typeof raw.storage !== 'object' || raw.storage === null)
    throw new Error('The backup manifest is not a Gleaner backup');
  return raw as BackupManifest;
}

/** Reads and imports every post of the file sets. A backup restores with its ids. */
export async function importFileSets(
  sets: readonly FileSet[],
  options: ImportOptions,
): Promise<ImportReport> {
  const report: ImportReport = {
    created: 0,
    merged: 0,
    unchanged: 0,
    failed: [],
    ignored: 0,
    backup: null,
  };
  const plans = sets.map((set) => ({ set, ...planUnits(set.paths) }));
  const total = plans.reduce((sum, plan) => sum + plan.units.length, 0);
  const batchSize = options.batchSize ?? 100;
  let done = 0;
  for (const { set, units, ignored } of plans) {
    report.ignored += ignored.length;
    const manifestPath = set.paths.find(isManifest);
    let keepIds = false;
    if (manifestPath) {
      try {
        report.backup = readManifest((await set.read([manifestPath])).get(manifestPath) ?? '');
        keepIds = true;
      } catch (error) {
        report.failed.push({
          file: `${set.label}: ${manifestPath}`,
          reason: error instanceof Error ? error.message : String(error),
        });
      }
    }
    for (let i = 0; i < units.length; i += batchSize) {
      if (options.signal?.aborted) return report;
      const batch = units.slice(i, i + batchSize);
      const texts = await set.read(
        batch.flatMap((unit) => [unit.post, unit.sidecar].filter((p): p is string => !!p)),
      );
      const records: ImportRecord[] = [];
      const names: string[] = [];
      for (const unit of batch) {
        try {
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
        }
      }
      if (records.length) {
        const outcomes = await options.send(records, keepIds);
        outcomes.forEach((outcome, k) => {
          if (outcome.status === 'failed')
            report.failed.push({ file: names[k] ?? '?', reason: outcome.reason });
          else report[outcome.status]++;
        });
      }
      done += batch.length;
      options.onProgress?.({ done, total });
    }
  }
  return report;
}
