/**
 * Settings in extension storage, under one key. `local`, not `sync`: sync allows 8 KB an item,
 * which a custom template and a few dozen site rules can outgrow.
 */

import { storage } from '#imports';
import { migrateSettings, SettingsError, type Settings } from './settings';
import { checkSettings } from './transfer';

export const SETTINGS_KEY = 'local:settings' as const;

/**
 * The stored settings, upgraded and completed with defaults. A stored value that cannot be read
 * (it should not happen: every save is checked) gives the defaults and is left in place.
 */
export async function loadSettings(): Promise<Settings> {
  const raw = await storage.getItem<unknown>(SETTINGS_KEY);
  try {
    return migrateSettings(raw);
  } catch (error) {
    console.warn('Gleaner: stored settings unreadable, using the defaults.', error);
    return migrateSettings(undefined);
  }
}

/** Checks and saves; throws a SettingsError (and saves nothing) when the settings are not valid. */
export async function saveSettings(settings: Settings): Promise<Settings> {
  const normalized = migrateSettings(settings);
  const problem = checkSettings(normalized);
  if (problem) throw new SettingsError(problem);
  await storage.setItem(SETTINGS_KEY, normalized);
  return normalized;
}

/** Calls back with the new settings whenever they change (in any extension page). */
export function watchSettings(onChange: (settings: Settings) => void): () => void {
  return storage.watch<unknown>(SETTINGS_KEY, (raw) => {
    try {
      onChange(migrateSettings(raw));
    } catch (error) {
      console.warn('Gleaner: ignoring unreadable settings change.', error);
    }
  });
}
