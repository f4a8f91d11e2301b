/**
 * One zip entry deflated on its own (in a worker, or in the page): the raw
 * DEFLATE data with the CRC-32 and size the zip's headers need. fflate compresses unless a faster
 * raw deflate is given (zlib in WebAssembly, lib/library/zlib-wasm.ts, in the export workers).
 */
import { deflateSync } from 'fflate';

export interface DeflatedEntry {
  path: string;
  data: Uint8Array;
  crc: number;
  /** Uncompressed size in bytes. */
  size: number;
  /** Written as is (method 0): images, which DEFLATE cannot make smaller. */
  stored?: boolean;
}

export interface TextFile {
  path: string;
  text: string;
}

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** The CRC-32 of `bytes`, or of what came before (`previous`) followed by `bytes`. */
export function crc32(bytes: Uint8Array, previous = 0): number {
  let crc = ~previous;
  // An indexed loop: iterating a Uint8Array with for…of is several times slower in V8.
  for (let i = 0; i < bytes.length; i++)
    crc = (CRC_TABLE[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

const encoder = new TextEncoder();

/** Bytes → raw DEFLATE data (no zlib or gzip wrapper), at a level from 1 (fastest) to 9. */
export type RawDeflate = (bytes: Uint8Array, level: DeflateLevel) => Uint8Array;

export const fflateDeflate: RawDeflate = (bytes, level) => deflateSync(bytes, { level });

export function deflateFile(
  file: TextFile,
  level: DeflateLevel,
  deflate: RawDeflate = fflateDeflate,
): DeflatedEntry {
  const bytes = encoder.encode(file.text);
  return { path: file.path, data: deflate(bytes, level), crc: crc32(bytes), size: bytes.length };
}

/** A file whose bytes go into the zip as they are (an image): only their CRC-32 is computed. */
export function storedFile(path: string, bytes: Uint8Array): DeflatedEntry {
  return { path, data: bytes, crc: crc32(bytes), size: bytes.length, stored: true };
}

export type DeflateLevel = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
