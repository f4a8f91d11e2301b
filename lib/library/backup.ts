/**
 * Backup: the whole library as one zip (the same posts and sidecars as an export, so a backup is
 * also a site fragment) plus `_gleaner/backup.json` with everything in `storage.local`: the
 * settings (under the settings engineer's key) and any other preference. Restoring imports the
 * sidecars with their ids and writes the stored preferences back.
 */
import { t } from '../i18n';
import { withoutSecrets } from '../settings/secrets';
import { migrateSettings } from '../settings/settings';
import { exportBundles, type BulkExportOptions, type BulkExportResult } from './bulk-export';
import { BACKUP_MANIFEST, type BackupManifest } from './manifest';

export const BACKUP_VERSION = 1;
/** `storage.local` key of the settings (`local:settings` in WXT's storage). */
export const SETTINGS_STORAGE_KEY = 'settings';

export interface BackupOptions extends Omit<BulkExportOptions, 'manifest'> {
  storage: Record<string, unknown>;
  highlightCount: number;
  now: string;
}

export function backupManifest(options: {
  storage: Record<string, unknown>;
  articles: number;
  highlights: number;
  now: string;
}): BackupManifest {
  return {
    format: 'gleaner-backup',
    version: BACKUP_VERSION,
    createdAt: options.now,
    articles: options.articles,
    highlights: options.highlights,
    // The repository token stays in this browser: a backup is a file the user may share.
    storage: withoutSecrets(options.storage),
  };
}

export function createBackup(options: BackupOptions): Promise<BulkExportResult> {
  const manifest = backupManifest({
    storage: options.storage,
    articles: options.ids.length,
    highlights: options.highlightCount,
    now: options.now,
  });
  return exportBundles({
    ...options,
    manifest: { path: BACKUP_MANIFEST, text: `${JSON.stringify(manifest, null, 2)}\n` },
  });
}

/**
 * What to write back into `storage.local` from a backup: everything it kept, with the settings
 * upgraded to this version (or left out, with the reason, when they cannot be read).
 */
export function storageToRestore(manifest: BackupManifest): {
  items: Record<string, unknown>;
  problem: string | null;
} {
  const { [SETTINGS_STORAGE_KEY]: settings, ...others } = withoutSecrets(manifest.storage);
  if (!(SETTINGS_STORAGE_KEY in manifest.storage)) return { items: others, problem: null };
  try {
    return {
      items: { ...others, [SETTINGS_STORAGE_KEY]: migrateSettings(settings) },
      problem: null,
    };
  } catch (error) {
    return {
      items: others,
      problem: t(
        'backup_settings_not_restored',
        error instanceof Error ? error.message : String(error),
      ),
    };
  }
}
