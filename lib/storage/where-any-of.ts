/** Reads of the rows an index maps many keys to, one request per key. */
import type { Table } from 'dexie';

/**
 * The rows whose `index` holds any of `keys`, in the order `where(index).anyOf(keys).toArray()`
 * gives them (by key, then primary key), but read with one request per key, all asked at once.
 * Dexie's `anyOf` walks one cursor, a round trip per key: for 100–200 scattered keys it was 3–7×
 * slower in Chromium (100 articles' highlights 44 → 9 ms; 200 URL keys 115 → 38 ms).
 */
export async function whereAnyOf<T, K>(
  table: Table<T, K>,
  index: string,
  keys: Iterable<string>,
): Promise<T[]> {
  // Strings sort by UTF-16 code units, as IndexedDB orders them.
  const sorted = [...new Set(keys)].sort();
  const groups = await Promise.all(sorted.map((key) => table.where(index).equals(key).toArray()));
  return groups.flat();
}

/** How many rows `index` maps each of `keys` to (keys with none left out). */
export async function countByKey<T, K>(
  table: Table<T, K>,
  index: string,
  keys: Iterable<string>,
): Promise<Map<string, number>> {
  const unique = [...new Set(keys)];
  const counts = await Promise.all(unique.map((key) => table.where(index).equals(key).count()));
  return new Map(unique.flatMap((key, i) => (counts[i] ? [[key, counts[i]] as const] : [])));
}
