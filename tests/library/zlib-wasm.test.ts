import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { crc32, deflateFile, fflateDeflate, type RawDeflate } from '@/lib/library/deflate';
import { loadZlibDeflate } from '@/lib/library/zlib-wasm';
import { SEED_POST_PATH } from '../support/fixtures';

const wasm = readFileSync(
  createRequire(import.meta.url).resolve('@zip.js/zip.js/dist/zip-module.wasm'),
);
/** A real post (its body is HTML): compressed like the posts and sidecars of an export. */
const TEXT = readFileSync(SEED_POST_PATH, 'utf8');
const encode = (text: string) => new TextEncoder().encode(text);
/** Equal bytes (vitest's deep equality is far too slow on megabytes). */
const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(a, b) === 0;

/** Bytes no deflate can shrink (a xorshift stream): the output is larger than one chunk. */
function noise(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = 2463534242;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

describe('zlib deflate (WebAssembly)', () => {
  let deflate: RawDeflate;
  beforeAll(async () => {
    deflate = await loadZlibDeflate(wasm);
  });

  it('makes raw DEFLATE data any inflater reads back', () => {
    const entry = deflateFile({ path: 'a.md', text: TEXT }, 1, deflate);
    expect(new TextDecoder().decode(inflateSync(entry.data))).toBe(TEXT);
    expect(entry.crc).toBe(crc32(encode(TEXT)));
    expect(entry.data.length).toBeLessThan(entry.size / 1.5);
  });

  it('compresses about as well as fflate at the same level', () => {
    const bytes = encode(TEXT);
    const ours = deflate(bytes, 1).length;
    const fflate = fflateDeflate(bytes, 1).length;
    expect(ours).toBeLessThan(fflate * 1.1);
    expect(deflate(bytes, 9).length).toBeLessThanOrEqual(ours);
  });

  it('goes through files larger than its buffers, in chunks', () => {
    const random = noise(1_000_000);
    expect(same(inflateSync(deflate(random, 1)), random)).toBe(true);
    const text = encode(TEXT.repeat(100)); // ~1.3 MB
    expect(same(inflateSync(deflate(text, 1)), text)).toBe(true);
  });

  it('handles the empty file and thousands of files in a row', () => {
    expect(inflateSync(deflate(new Uint8Array(0), 1))).toEqual(new Uint8Array(0));
    const bytes = encode(TEXT);
    let last: Uint8Array = new Uint8Array(0);
    for (let i = 0; i < 3000; i++) last = deflate(bytes, 1);
    expect(same(inflateSync(last), bytes)).toBe(true);
  });

  it('refuses a module that is not zlib', async () => {
    // The smallest valid module: no exports at all.
    const empty = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);
    await expect(loadZlibDeflate(empty)).rejects.toThrow(/lacks memory, malloc/);
  });
});
