/**
 * zlib's own deflate, compiled to WebAssembly: the module zip.js ships (`@zip.js/zip.js/dist/
 * zip-module.wasm`, built from zlib by its zlib-streams project). At level 1 it deflates our
 * posts and sidecars about 1.7× as fast as fflate for the same size, and deflating is what bounds
 * a large export. The module's C API is zlib's stream, one call per chunk:
 * `deflate_process(stream, in, inLength, out, outLength, flush)` answers the bytes produced in its
 * low 24 bits and zlib's return code in its high 8, `deflate_last_consumed(stream)` the input read.
 */
import { concatBytes } from '../bytes';
import type { DeflateLevel, RawDeflate } from './deflate';

interface ZlibExports {
  memory: WebAssembly.Memory;
  malloc(size: number): number;
  free(pointer: number): void;
  deflate_new(): number;
  deflate_init_raw(stream: number, level: number): number;
  deflate_process(
    stream: number,
    input: number,
    inputLength: number,
    output: number,
    outputLength: number,
    flush: number,
  ): number;
  deflate_last_consumed(stream: number): number;
  deflate_end(stream: number): number;
}

const Z_NO_FLUSH = 0;
const Z_FINISH = 4;
const Z_STREAM_END = 1;
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

/** Instantiates the module (its bytes, or a fetch of them) and returns a raw DEFLATE function. */
export async function loadZlibDeflate(
  source: BufferSource | Promise<Response>,
): Promise<RawDeflate> {
  const bytes = source instanceof Promise ? await (await source).arrayBuffer() : source;
  const { instance } = await WebAssembly.instantiate(bytes);
  const exports = instance.exports as unknown as ZlibExports & { _initialize?: () => void };
  const missing = API.filter((name) => !(name in exports));
  if (missing.length) throw new Error(`The zlib module lacks ${missing.join(', ')}.`);
  exports._initialize?.();
  return zlibDeflate(exports);
}

function zlibDeflate(zlib: ZlibExports): RawDeflate {
  // One input and one output buffer for every file: a malloc per file would fragment the heap.
  const input = zlib.malloc(CHUNK);
  const output = zlib.malloc(CHUNK);
  if (!input || !output) throw new Error('zlib: out of memory');

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
        // The view is made again after every call: memory may grow while zlib allocates.
        new Uint8Array(zlib.memory.buffer).set(bytes.subarray(offset, offset + length), input);
        const result = zlib.deflate_process(
          stream,
          input,
          length,
          output,
          CHUNK,
          last ? Z_FINISH : Z_NO_FLUSH,
        );
        const code = result >> 24;
        const produced = result & 0xffffff;
        // zlib's Z_BUF_ERROR (-5) only says no progress was possible in this call.
        if (code < 0 && code !== -5) throw new Error(`zlib: deflate failed (${code})`);
        if (produced)
          parts.push(new Uint8Array(zlib.memory.buffer).slice(output, output + produced));
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
