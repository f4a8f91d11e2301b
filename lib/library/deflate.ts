/**
 * One zip entry deflated on its own (in a worker, or inline where there is none): the raw
 * DEFLATE data with the CRC-32 and size the zip's headers need. fflate does the compressing.
 */
import { deflateSync } from 'fflate';

export interface DeflatedEntry {
  path: string;
  data: Uint8Array;
  crc: number;
  /** Uncompressed size in bytes. */
  size: number;
}

export interface TextFile {
  path: string;
  text: string;
}

/** Compresses files in order; a pool of workers or the calling thread. */
export interface Compressor {
  compress(files: readonly TextFile[]): Promise<DeflatedEntry[]>;
  close(): void;
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

export function crc32(bytes: Uint8Array): number {
  let crc = -1;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

const encoder = new TextEncoder();

export function deflateFile(file: TextFile, level: DeflateLevel): DeflatedEntry {
  return deflateBytes(file.path, encoder.encode(file.text), level);
}

export function deflateBytes(path: string, bytes: Uint8Array, level: DeflateLevel): DeflatedEntry {
  return { path, data: deflateSync(bytes, { level }), crc: crc32(bytes), size: bytes.length };
}

export function encodeFile(file: TextFile): { path: string; bytes: Uint8Array } {
  return { path: file.path, bytes: encoder.encode(file.text) };
}

export type DeflateLevel = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/** Compresses on the calling thread (tests, and where workers cannot start). */
export function inlineCompressor(level: DeflateLevel = 6): Compressor {
  return {
    compress: async (files) => files.map((file) => deflateFile(file, level)),
    close: () => undefined,
  };
}
