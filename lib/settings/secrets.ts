/**
 * `storage.local` keys that hold secrets. They are never copied out of the extension: backups,
 * settings exports and logs leave them out.
 */
export const GIT_TOKEN_STORAGE_KEY = 'gitToken';

export const SECRET_STORAGE_KEYS: readonly string[] = [GIT_TOKEN_STORAGE_KEY];

/** A copy of stored items without the secrets. */
export function withoutSecrets(items: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(items).filter(([key]) => !SECRET_STORAGE_KEYS.includes(key)),
  );
}
