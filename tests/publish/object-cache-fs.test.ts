import { describe, expect, it, vi } from 'vitest';
import { ObjectBytesCache, withObjectCache } from '@/lib/publish/object-cache-fs';

const OBJECT = '/repo/.git/objects/ab/' + 'c'.repeat(38);
const OTHER = '/repo/.git/objects/cd/' + 'e'.repeat(38);

function memoryFs() {
  const files = new Map<string, Uint8Array | string>();
  const promises = {
    readFile: vi.fn(async (path: string) => {
      const data = files.get(path);
      if (data === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return data;
    }),
    writeFile: vi.fn(async (path: string, data: Uint8Array | string) => {
      files.set(path, data);
    }),
    stat: vi.fn(async () => ({ type: 'file' })),
  };
  return { promises };
}

type CachedFs = {
  promises: {
    readFile(path: string, options?: unknown): Promise<unknown>;
    writeFile(path: string, data: Uint8Array | string, options?: unknown): Promise<void>;
    stat(path: string): Promise<unknown>;
  };
};

describe('withObjectCache', () => {
  it('reads a loose object from storage once, then from memory', async () => {
    const inner = memoryFs();
    await inner.promises.writeFile(OBJECT, new Uint8Array([1, 2, 3]));
    const fs = withObjectCache(inner, new ObjectBytesCache(1024)) as unknown as CachedFs;
    expect(await fs.promises.readFile(OBJECT, {})).toEqual(new Uint8Array([1, 2, 3]));
    expect(await fs.promises.readFile(OBJECT, {})).toEqual(new Uint8Array([1, 2, 3]));
    expect(inner.promises.readFile).toHaveBeenCalledTimes(1);
  });

  it('keeps what it writes, and passes refs, config and text reads through', async () => {
    const inner = memoryFs();
    const fs = withObjectCache(inner, new ObjectBytesCache(1024)) as unknown as CachedFs;
    await fs.promises.writeFile(OBJECT, new Uint8Array([9]));
    expect(await fs.promises.readFile(OBJECT)).toEqual(new Uint8Array([9]));
    expect(inner.promises.readFile).not.toHaveBeenCalled();

    // A ref changes in place: never cached.
    await fs.promises.writeFile('/repo/.git/refs/heads/main', 'a\n');
    await fs.promises.writeFile('/repo/.git/refs/heads/main', 'b\n');
    expect(await fs.promises.readFile('/repo/.git/refs/heads/main', { encoding: 'utf8' })).toBe(
      'b\n',
    );
    await fs.promises.readFile(OBJECT, { encoding: 'utf8' });
    expect(inner.promises.readFile).toHaveBeenCalledTimes(2);
    expect(await fs.promises.stat(OBJECT)).toEqual({ type: 'file' });
  });

  it('drops the least recently read objects past its size', async () => {
    const cache = new ObjectBytesCache(400);
    cache.set(OBJECT, new Uint8Array(100));
    cache.set(OTHER, new Uint8Array(100));
    cache.get(OBJECT);
    for (let i = 0; i < 3; i++) cache.set(`/o/${i}`, new Uint8Array(100));
    expect(cache.size).toBeLessThanOrEqual(400);
    expect(cache.get(OTHER)).toBeUndefined();
    expect(cache.get(OBJECT)).toBeDefined();
    // An object bigger than a quarter of the cache is not kept at all.
    cache.set('/big', new Uint8Array(101));
    expect(cache.get('/big')).toBeUndefined();
  });
});
