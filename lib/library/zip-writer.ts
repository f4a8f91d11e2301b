/**
 * A zip written as a stream with fflate: each file arrives deflated (by a worker, or the page) and
 * its bytes are handed to a Blob every few megabytes, so neither the texts nor the whole archive
 * pile up in the page's heap (the browser keeps Blob data outside it, on disk when large).
 */
import { Zip, type ZipInputFile } from 'fflate';
import type { DeflatedEntry } from './deflate';

const FLUSH_BYTES = 8 * 1024 * 1024;

export class ZipWriter {
  private readonly zip: Zip;
  private parts: BlobPart[] = [];
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private failure: Error | null = null;
  private done: Promise<Blob>;
  private finish!: (blob: Blob) => void;
  private fail!: (error: Error) => void;
  /** Bytes of the archive so far. */
  bytes = 0;

  constructor() {
    this.done = new Promise<Blob>((resolve, reject) => {
      this.finish = resolve;
      this.fail = reject;
    });
    // Rejections are read through `close()`; this keeps an unawaited one from being reported twice.
    this.done.catch(() => undefined);
    this.zip = new Zip((error, chunk, final) => {
      if (error) {
        this.failure = error;
        this.fail(error);
        return;
      }
      this.pending.push(chunk);
      this.pendingBytes += chunk.length;
      this.bytes += chunk.length;
      if (this.pendingBytes >= FLUSH_BYTES || final) this.flush();
      if (final) this.finish(new Blob(this.parts, { type: 'application/zip' }));
    });
  }

  private flush(): void {
    if (!this.pending.length) return;
    this.parts.push(new Blob(this.pending as BlobPart[]));
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Adds one file compressed elsewhere (a worker): its DEFLATE data, CRC-32 and size. */
  addDeflated(entry: DeflatedEntry): void {
    if (this.failure) throw this.failure;
    const file: ZipInputFile = {
      filename: entry.path,
      compression: 8,
      crc: entry.crc,
      size: entry.size,
      mtime: Date.now(),
      terminate: () => undefined,
    };
    // Zip.add sets `ondata`: the already deflated bytes go through it as one final chunk.
    this.zip.add(file);
    file.ondata?.(null, entry.data as Uint8Array<ArrayBuffer>, true);
  }

  /** Ends the archive and returns it. */
  close(): Promise<Blob> {
    this.zip.end();
    return this.done;
  }

  /** Drops what was written (a cancelled export). */
  abort(): void {
    this.zip.terminate();
    this.parts = [];
    this.pending = [];
  }
}
