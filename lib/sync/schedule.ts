/**
 * How often the background syncs the library by itself, chosen in the options (off by default),
 * in `storage.local`. A browser alarm runs it; without a git target the sync does nothing.
 */
import { storage } from '#imports';

export const SYNC_ALARM = 'gleaner-library-sync';
/** Minutes between syncs; 0 is off. */
export const SYNC_INTERVALS = [0, 15, 60, 360] as const;

const KEY = 'local:syncEveryMinutes' as const;

export function readSyncInterval(raw: unknown): number {
  return SYNC_INTERVALS.find((minutes) => minutes === raw) ?? 0;
}

export async function loadSyncInterval(): Promise<number> {
  return readSyncInterval(await storage.getItem<unknown>(KEY));
}

export async function saveSyncInterval(minutes: number): Promise<void> {
  await storage.setItem(KEY, readSyncInterval(minutes));
}

export function watchSyncInterval(onChange: (minutes: number) => void): () => void {
  return storage.watch<unknown>(KEY, (raw) => onChange(readSyncInterval(raw)));
}
