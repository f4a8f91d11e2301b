/**
 * What an archive of ours says of itself, written as its first entry: how many articles it holds
 * (so an import can tell when some are missing, even from an archive cut short), and for a backup
 * everything in `storage.local`.
 */
import { SIDECAR_DIR } from './library-post';

export const BACKUP_MANIFEST = `${SIDECAR_DIR}/backup.json`;
/** A plain export's manifest: how many articles it holds. */
export const EXPORT_MANIFEST = `${SIDECAR_DIR}/export.json`;

/** What a plain export says of itself, written first in its zip. */
export interface ExportManifest {
  format: 'gleaner-export';
  version: number;
  createdAt: string;
  articles: number;
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

export function readManifest(text: string): BackupManifest | ExportManifest {
  const raw = JSON.parse(text) as Partial<BackupManifest> | Partial<ExportManifest>;
  if (raw.format === 'gleaner-export' && Number.isSafeInteger(raw.articles))
    return raw as ExportManifest;
  if (
    raw.format !== 'gleaner-backup' ||
    typeof raw.storage !== 'object' ||
    raw.storage === null ||
    !Number.isSafeInteger(raw.articles)
  )
    throw new Error('The manifest is not a Gleaner backup or export');
  return raw as BackupManifest;
}

const MANIFESTS = [BACKUP_MANIFEST, EXPORT_MANIFEST];
export const isManifest = (path: string) =>
  MANIFESTS.some((manifest) => path === manifest || path.endsWith(`/${manifest}`));
