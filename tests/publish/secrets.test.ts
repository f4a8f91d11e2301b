/** The repository token never leaves storage.local through a backup. */
import { describe, expect, it } from 'vitest';
import { backupManifest, storageToRestore } from '@/lib/library/backup';
import { GIT_TOKEN_STORAGE_KEY } from '@/lib/settings/secrets';

describe('secrets in backups', () => {
  it('leaves the token out of a backup, and out of what a backup restores', () => {
    const token = 'ghp_backup_secret_42';
    const storage = { [GIT_TOKEN_STORAGE_KEY]: token, publishTarget: { kind: 'git' } };
    const manifest = backupManifest({ storage, articles: 0, highlights: 0, now: '2026-12-06' });
    expect(JSON.stringify(manifest)).not.toContain(token);
    expect(manifest.storage).toEqual({ publishTarget: { kind: 'git' } });
    const restored = storageToRestore({ ...manifest, storage });
    expect(restored.items).toEqual({ publishTarget: { kind: 'git' } });
  });
});
