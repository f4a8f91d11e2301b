/**
 * A file system for isomorphic-git that keeps the bytes of loose git objects in memory. A loose
 * object's file is named by the hash of its content, so it never changes once written: reading
 * it from memory is always right. Every push walks the branch's trees twice (what the server has,
 * what it will have); at 10,000 published articles those are three trees of 10,000 entries each,
 * read from IndexedDB in every publish without this (see `npm run bench:sync`).
 *
 * One cache for the service worker's life, bounded in bytes; the least recently read go first.
 */
import type { FsClient } from 'isomorphic-git';

const LOOSE_OBJECT = /\/objects\/[0-9a-f]{2}\/[0-9a-f]{38}$/;

export class ObjectBytesCache {
  private readonly entries = new Map<string, Uint8Array>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(path: string): Uint8Array | undefined {
    const found = this.entries.get(path);
    if (found) {
      // Most recently read last: the Map's order is the eviction order.
      this.entries.delete(path);
      this.entries.set(path, found);
    }
    return found;
  }

  set(path: string, data: Uint8Array): void {
    if (data.length > this.maxBytes / 4 || this.entries.has(path)) return;
    this.entries.set(path, data);
    this.bytes += data.length;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= old.length;
    }
  }

  get size(): number {
    return this.bytes;
  }
}

/** The shared cache: 32 MB holds the trees of a 10,000-article repository several times over. */
export const objectBytes = new ObjectBytesCache(32 * 1024 * 1024);

interface PromiseFs {
  readFile(path: string, options?: unknown): Promise<Uint8Array | string>;
  writeFile(path: string, data: Uint8Array | string, options?: unknown): Promise<void>;
}

const COMMANDS = [
  'mkdir',
  'rmdir',
  'unlink',
  'stat',
  'lstat',
  'readdir',
  'readlink',
  'symlink',
] as const;

/** `fs` (a file system with `promises`, as lightning-fs's) reading loose objects through `cache`. */
export function withObjectCache(
  fs: { promises: PromiseFs },
  cache: ObjectBytesCache = objectBytes,
): FsClient {
  const inner = fs.promises as PromiseFs & Record<string, unknown>;
  const promises: PromiseFs & Record<string, unknown> = {
    async readFile(path, options) {
      const encoding =
        typeof options === 'string'
          ? options
          : (options as { encoding?: string } | undefined)?.encoding;
      if (encoding || !LOOSE_OBJECT.test(path)) return inner.readFile(path, options);
      const cached = cache.get(path);
      if (cached) return cached;
      const data = await inner.readFile(path, options);
      if (data instanceof Uint8Array) cache.set(path, data);
      return data;
    },
    async writeFile(path, data, options) {
      await inner.writeFile(path, data, options);
      if (data instanceof Uint8Array && LOOSE_OBJECT.test(path)) cache.set(path, data);
    },
  };
  for (const command of COMMANDS) {
    const method = inner[command];
    if (typeof method === 'function') promises[command] = method.bind(inner);
  }
  return { promises } as unknown as FsClient;
}
