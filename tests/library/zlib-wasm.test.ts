import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { deflateRawSync } from 'node:zlib';
import { inflateSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { crc32, deflateFile, fflateDeflate, type RawDeflate } from '@/lib/library/deflate';
import {
  ChecksumMismatch,
  loadZlibDeflate,
  loadZlibInflate,
  type CreateInflater,
} from '@/lib/library/zlib-wasm';
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

describe('zlib inflate (WebAssembly), for reading zips', () => {
  let createInflater: CreateInflater;
  beforeAll(async () => {
    createInflater = await loadZlibInflate(wasm);
  });

  /** Inflates `data` pushed in pieces of `piece` bytes; what came out, joined. */
  function inflate(data: Uint8Array, expected: { crc: number; size: number }, piece = 16_384) {
    const out: Uint8Array[] = [];
    const inflater = createInflater((chunk) => out.push(chunk), expected);
    for (let at = 0; at < data.length || at === 0; at += piece)
      inflater.push(data.subarray(at, at + piece), at + piece >= data.length);
    return Buffer.concat(out);
  }

  it('gives back what any deflater wrote, in pieces, checking its CRC-32', () => {
    for (const bytes of [
      encode(TEXT),
      noise(3 << 20),
      new Uint8Array(5 << 20),
      new Uint8Array(0),
    ]) {
      const data = deflateRawSync(bytes);
      expect(same(inflate(data, { crc: crc32(bytes), size: bytes.length }), bytes)).toBe(true);
      expect(same(inflate(data, { crc: crc32(bytes), size: bytes.length }, 7), bytes)).toBe(true);
    }
  });

  it('refuses a CRC-32 or a size other than the headers declare, and data cut short', () => {
    const bytes = encode(TEXT);
    const data = deflateRawSync(bytes);
    expect(() => inflate(data, { crc: crc32(bytes) ^ 1, size: bytes.length })).toThrow(
      ChecksumMismatch,
    );
    expect(() => inflate(data, { crc: crc32(bytes), size: bytes.length + 3 })).toThrow(
      `it inflates to ${bytes.length.toLocaleString('en')} bytes where its header says ${(bytes.length + 3).toLocaleString('en')}`,
    );
    expect(() =>
      inflate(data.subarray(0, data.length >> 1), { crc: crc32(bytes), size: bytes.length }),
    ).toThrow(/ends before|invalid/);
    const garbage = data.slice();
    garbage.fill(0xff, 10, 40);
    expect(() => inflate(garbage, { crc: crc32(bytes), size: bytes.length })).toThrow();
  });

  it('frees its state after each entry, read whole or given up', () => {
    // ~40 KB of zlib state an entry: 120,000 entries kept would pass WebAssembly's 4 GB.
    const bytes = encode(TEXT);
    const data = deflateRawSync(bytes);
    for (let i = 0; i < 120_000; i++) {
      if (i % 1_000 === 0) {
        expect(inflate(data, { crc: crc32(bytes), size: bytes.length }).length).toBe(bytes.length);
        continue;
      }
      const inflater = createInflater(() => undefined, { crc: 0, size: 0 });
      inflater.push(data.subarray(0, 100), false);
      inflater.close();
    }
  });
});
