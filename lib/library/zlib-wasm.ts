/**
 * zlib's own deflate and inflate, compiled to WebAssembly: the module zip.js ships
 * (`@zip.js/zip.js/dist/zip-module.wasm`, built from zlib by its zlib-streams project). At level 1
 * it deflates our posts and sidecars about 1.7× as fast as fflate for the same size, and deflating
 * is what bounds a large export; its inflate reads an import's zip. The module's C API is zlib's
 * stream, one call per chunk: `deflate_process(stream, in, inLength, out, outLength, flush)`
 * answers the bytes produced in its low 24 bits and zlib's return code in its high 8,
 * `deflate_last_consumed(stream)` the input read (the same for `inflate_…`).
 */
import { concatBytes } from '../bytes';
import type { DeflateLevel, RawDeflate } from './deflate';

/** zlib's stream call: the bytes produced in the low 24 bits of its answer, its code in the high 8. */
type Process = (
  stream: number,
  input: number,
  inputLength: number,
  output: number,
  outputLength: number,
  flush: number,
) => number;

interface ZlibExports {
  memory: WebAssembly.Memory;
  malloc(size: number): number;
  free(pointer: number): void;
  deflate_new(): number;
  deflate_init_raw(stream: number, level: number): number;
  deflate_process: Process;
  deflate_last_consumed(stream: number): number;
  deflate_end(stream: number): number;
}

const Z_NO_FLUSH = 0;
const Z_FINISH = 4;
const Z_STREAM_END = 1;
const Z_BUF_ERROR = -5;
/** Chunk size in and out: well under the 16 MB a 24-bit count of produced bytes can hold. */
const CHUNK = 256 * 1024;

const API: readonly (keyof ZlibExports)[] = [
  'memory',
  'malloc',
  'free',
  'deflate_new',
  'deflate_init_raw',
  'deflate_process',
  'deflate_last_consumed',
  'deflate_end',
];

/** Instantiates the module (its bytes, or a fetch of them), checking it has the functions asked. */
async function instantiateZlib<T>(
  source: BufferSource | Promise<Response>,
  api: readonly (keyof T)[],
): Promise<T> {
  const bytes = source instanceof Promise ? await (await source).arrayBuffer() : source;
  const { instance } = await WebAssembly.instantiate(bytes);
  const exports = instance.exports as unknown as T & { _initialize?: () => void };
  const missing = api.filter((name) => !(name in exports));
  if (missing.length) throw new Error(`The zlib module lacks ${missing.join(', ')}.`);
  exports._initialize?.();
  return exports;
}

/** One input and one output buffer in zlib's memory, for every file: a malloc per file would fragment it. */
interface Buffers {
  memory: WebAssembly.Memory;
  input: number;
  output: number;
}

function allocateBuffers(zlib: {
  memory: WebAssembly.Memory;
  malloc(size: number): number;
}): Buffers {
  const input = zlib.malloc(CHUNK);
  const output = zlib.malloc(CHUNK);
  if (!input || !output) throw new Error('zlib: out of memory');
  return { memory: zlib.memory, input, output };
}

/** One call of zlib's stream API on `chunk` (at most CHUNK bytes): its code, and a copy of what it wrote. */
function processChunk(
  buffers: Buffers,
  process: Process,
  stream: number,
  chunk: Uint8Array,
  flush: number,
): { code: number; produced: Uint8Array | null } {
  // The view is made again after every call: memory may grow while zlib allocates.
  new Uint8Array(buffers.memory.buffer).set(chunk, buffers.input);
  const result = process(stream, buffers.input, chunk.length, buffers.output, CHUNK, flush);
  const length = result & 0xffffff;
  const produced = length
    ? new Uint8Array(buffers.memory.buffer).slice(buffers.output, buffers.output + length)
    : null;
  return { code: result >> 24, produced };
}

/** Instantiates the module (its bytes, or a fetch of them) and returns a raw DEFLATE function. */
export async function loadZlibDeflate(
  source: BufferSource | Promise<Response>,
): Promise<RawDeflate> {
  return zlibDeflate(await instantiateZlib<ZlibExports>(source, API));
}

function zlibDeflate(zlib: ZlibExports): RawDeflate {
  const buffers = allocateBuffers(zlib);

  return (bytes: Uint8Array, level: DeflateLevel): Uint8Array => {
    const stream = zlib.deflate_new();
    if (!stream) throw new Error('zlib: out of memory');
    try {
      const init = zlib.deflate_init_raw(stream, level);
      if (init !== 0) throw new Error(`zlib: deflateInit failed (${init})`);
      const parts: Uint8Array[] = [];
      let offset = 0;
      for (;;) {
        const length = Math.min(bytes.length - offset, CHUNK);
        const last = offset + length === bytes.length;
        const { code, produced } = processChunk(
          buffers,
          zlib.deflate_process,
          stream,
          bytes.subarray(offset, offset + length),
          last ? Z_FINISH : Z_NO_FLUSH,
        );
        // zlib's Z_BUF_ERROR only says no progress was possible in this call.
        if (code < 0 && code !== Z_BUF_ERROR) throw new Error(`zlib: deflate failed (${code})`);
        if (produced) parts.push(produced);
        const consumed = zlib.deflate_last_consumed(stream);
        offset += consumed;
        if (code === Z_STREAM_END) return concatBytes(parts);
        if (!produced && !consumed) throw new Error('zlib: deflate made no progress');
      }
    } finally {
      zlib.deflate_end(stream);
    }
  };
}

interface ZlibInflateExports {
  memory: WebAssembly.Memory;
  malloc(size: number): number;
  inflate_new(): number;
  inflate_init_gzip(stream: number): number;
  inflate_process: Process;
  inflate_last_consumed(stream: number): number;
  inflate_end(stream: number): number;
}

const INFLATE_API: readonly (keyof ZlibInflateExports)[] = [
  'memory',
  'malloc',
  'inflate_new',
  'inflate_init_gzip',
  'inflate_process',
  'inflate_last_consumed',
  'inflate_end',
];

/** What the zip's headers say an entry inflates to. */
export interface ExpectedEntry {
  crc: number;
  size: number;
}

/** One entry's raw DEFLATE data, pushed in pieces; each inflated piece goes to the `take` given. */
export interface EntryInflater {
  push(data: Uint8Array, last: boolean): void;
  /** Frees zlib's state when the entry is given up before its last piece (safe to call twice). */
  close(): void;
}

export type CreateInflater = (
  take: (chunk: Uint8Array) => void,
  expected: ExpectedEntry,
) => EntryInflater;

/** The data was whole but its CRC-32 (or size modulo 4 GB) is not the one the headers declare. */
export class ChecksumMismatch extends Error {
  override name = 'ChecksumMismatch';
}

/**
 * zlib's inflate from the same module, for reading zips. The raw DEFLATE data goes in between a
 * gzip header and a trailer made from the zip's CRC-32 and size, so zlib checks the CRC-32 itself
 * (in C, about ten times the speed of the table loop in JS). With fflate's inflate and that loop,
 * reading the entries was half of an import's time in the library page.
 */
export async function loadZlibInflate(
  source: BufferSource | Promise<Response>,
): Promise<CreateInflater> {
  return zlibInflate(await instantiateZlib<ZlibInflateExports>(source, INFLATE_API));
}

/** gzip's header (RFC 1952): deflate, no flags, no time, no extra fields. */
const GZIP_HEADER = new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
const Z_DATA_ERROR = -3;

function zlibInflate(zlib: ZlibInflateExports): CreateInflater {
  const buffers = allocateBuffers(zlib);

  return (take, expected) => {
    const stream = zlib.inflate_new();
    if (!stream) throw new Error('zlib: out of memory');
    const init = zlib.inflate_init_gzip(stream);
    if (init !== 0) {
      zlib.inflate_end(stream);
      throw new Error(`zlib: inflateInit failed (${init})`);
    }
    let open = true;
    let ended = false;
    let inflated = 0;
    const close = () => {
      if (open) zlib.inflate_end(stream);
      open = false;
    };
    /** Feeds `bytes` through zlib, handing on what comes out. */
    const feed = (bytes: Uint8Array, trailer = false) => {
      let offset = 0;
      for (;;) {
        const { code, produced } = processChunk(
          buffers,
          zlib.inflate_process,
          stream,
          bytes.subarray(offset, offset + CHUNK),
          trailer ? Z_FINISH : Z_NO_FLUSH,
        );
        if (produced) {
          inflated += produced.length;
          take(produced);
        }
        // zlib read the whole stream and refused the trailer made from the zip's headers.
        if (code === Z_DATA_ERROR && trailer)
          throw inflated === expected.size
            ? new ChecksumMismatch('its CRC-32 does not match')
            : new Error(
                `it inflates to ${inflated.toLocaleString('en')} bytes where its header says ${expected.size.toLocaleString('en')}`,
              );
        if (code < 0 && code !== Z_BUF_ERROR)
          throw new Error(`invalid compressed data (zlib ${code})`);
        offset += zlib.inflate_last_consumed(stream);
        if (code === Z_STREAM_END) {
          ended = true;
          return;
        }
        // All read and nothing more to write out: the next piece goes on.
        if (offset >= bytes.length && (produced?.length ?? 0) < CHUNK) return;
        if (!produced && code === Z_BUF_ERROR) return;
      }
    };
    feed(GZIP_HEADER);
    return {
      push(data, last) {
        if (!open) throw new Error('zlib: the entry is already read');
        try {
          if (!ended) feed(data);
          if (!last) return;
          if (!ended) {
            const trailer = new Uint8Array(8);
            const view = new DataView(trailer.buffer);
            view.setUint32(0, expected.crc >>> 0, true);
            view.setUint32(4, expected.size % 2 ** 32, true);
            feed(trailer, true);
          }
          if (!ended) throw new Error('its data ends before its DEFLATE stream does');
        } catch (error) {
          close();
          throw error;
        }
        close(); // only the last piece gets here
      },
      close,
    };
  };
}
