/**
 * A zip written as a stream: each file arrives deflated (by a worker, or the page) and its bytes go
 * to a Blob every few megabytes, so neither the texts nor the archive pile up in the page's heap
 * (the browser keeps Blob data outside it, on disk when large). The central directory is built the
 * same way, beside the entries.
 *
 * ZIP64 (APPNOTE 6.3.10, 4.3.14–4.3.16, 4.5.3) is written only where the classic fields cannot hold
 * a value: an entry whose sizes or offset reach 4 GiB gets the Zip64 extra field, and an archive
 * with 65,535 entries or more, or a central directory past 4 GiB, gets the Zip64 end records. Small
 * archives stay plain zip.
 *
 * Our own container rather than zip.js's `ZipWriter` (which does ZIP64, and takes deflated data with
 * `passThrough`): measured here, zip.js spent ~20× fflate's time per entry, which alone would have
 * halved the export's rate; see the README.
 */
import type { DeflatedEntry } from './deflate';

const FLUSH_BYTES = 8 * 1024 * 1024;
/** The classic fields' limits: a value at the limit is the marker "see the Zip64 record". */
export const MAX_32 = 0xffffffff;
export const MAX_16 = 0xffff;

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END_OF_CENTRAL_DIRECTORY = 0x06064b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const ZIP64_EXTRA = 0x0001;
const UTF8_NAMES = 0x0800;
const STORE = 0;
const DEFLATE = 8;
const VERSION_DEFAULT = 20;
const VERSION_ZIP64 = 45;

const encoder = new TextEncoder();

/** Blob parts gathered a few MB at a time. */
class BlobSink {
  parts: BlobPart[] = [];
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  bytes = 0;

  push(chunk: Uint8Array): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    this.bytes += chunk.length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
  }

  flush(): void {
    if (!this.pending.length) return;
    this.parts.push(new Blob(this.pending as BlobPart[]));
    this.pending = [];
    this.pendingBytes = 0;
  }
}

function setUint64(view: DataView, at: number, value: number): void {
  view.setUint32(at, value % 0x1_0000_0000, true);
  view.setUint32(at + 4, Math.floor(value / 0x1_0000_0000), true);
}

/** MS-DOS date and time (local, two-second steps), as zip headers keep them. */
export function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getFullYear(), 1980), 2107);
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

export class ZipWriter {
  private readonly entriesSink = new BlobSink();
  private readonly directorySink = new BlobSink();
  private entries = 0;
  private closed = false;
  private readonly stamp: { time: number; date: number };

  constructor(modified: Date = new Date()) {
    this.stamp = dosDateTime(modified);
  }

  /** Bytes of the archive so far (its entries). */
  get bytes(): number {
    return this.entriesSink.bytes;
  }

  /** Adds one file compressed elsewhere (a worker): its DEFLATE data (or stored bytes), CRC-32 and size. */
  addDeflated(entry: DeflatedEntry): void {
    if (this.closed) throw new Error('The zip is already closed');
    const name = encoder.encode(entry.path);
    if (name.length > MAX_16) throw new Error(`A file name too long for a zip: ${entry.path}`);
    const offset = this.entriesSink.bytes;
    const compressed = entry.data.length;
    const sizesNeed64 = entry.size >= MAX_32 || compressed >= MAX_32;
    const offsetNeeds64 = offset >= MAX_32;
    const version = sizesNeed64 || offsetNeeds64 ? VERSION_ZIP64 : VERSION_DEFAULT;
    const method = entry.stored ? STORE : DEFLATE;

    // Local header: both sizes in the Zip64 field when either needs it (APPNOTE 4.5.3).
    const local = new Uint8Array(30 + name.length + (sizesNeed64 ? 20 : 0));
    const lv = new DataView(local.buffer);
    lv.setUint32(0, LOCAL_HEADER, true);
    lv.setUint16(4, version, true);
    lv.setUint16(6, UTF8_NAMES, true);
    lv.setUint16(8, method, true);
    lv.setUint16(10, this.stamp.time, true);
    lv.setUint16(12, this.stamp.date, true);
    lv.setUint32(14, entry.crc, true);
    lv.setUint32(18, sizesNeed64 ? MAX_32 : compressed, true);
    lv.setUint32(22, sizesNeed64 ? MAX_32 : entry.size, true);
    lv.setUint16(26, name.length, true);
    lv.setUint16(28, sizesNeed64 ? 20 : 0, true);
    local.set(name, 30);
    if (sizesNeed64) {
      const at = 30 + name.length;
      lv.setUint16(at, ZIP64_EXTRA, true);
      lv.setUint16(at + 2, 16, true);
      setUint64(lv, at + 4, entry.size);
      setUint64(lv, at + 12, compressed);
    }
    this.entriesSink.push(local);
    this.entriesSink.push(entry.data);

    // Central record: the Zip64 field holds only the values that do not fit (APPNOTE 4.5.3).
    const wide = [
      ...(sizesNeed64 ? [entry.size, compressed] : []),
      ...(offsetNeeds64 ? [offset] : []),
    ];
    const extraLength = wide.length ? 4 + 8 * wide.length : 0;
    const central = new Uint8Array(46 + name.length + extraLength);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, CENTRAL_HEADER, true);
    cv.setUint16(4, version, true);
    cv.setUint16(6, version, true);
    cv.setUint16(8, UTF8_NAMES, true);
    cv.setUint16(10, method, true);
    cv.setUint16(12, this.stamp.time, true);
    cv.setUint16(14, this.stamp.date, true);
    cv.setUint32(16, entry.crc, true);
    cv.setUint32(20, sizesNeed64 ? MAX_32 : compressed, true);
    cv.setUint32(24, sizesNeed64 ? MAX_32 : entry.size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint16(30, extraLength, true);
    // comment length, disk number, internal and external attributes: 0
    cv.setUint32(42, offsetNeeds64 ? MAX_32 : offset, true);
    central.set(name, 46);
    if (wide.length) {
      const at = 46 + name.length;
      cv.setUint16(at, ZIP64_EXTRA, true);
      cv.setUint16(at + 2, 8 * wide.length, true);
      wide.forEach((value, i) => setUint64(cv, at + 4 + 8 * i, value));
    }
    this.directorySink.push(central);
    this.entries++;
  }

  /** Ends the archive and returns it. */
  async close(): Promise<Blob> {
    this.closed = true;
    const directoryOffset = this.entriesSink.bytes;
    const directorySize = this.directorySink.bytes;
    const needs64 = this.entries >= MAX_16 || directoryOffset >= MAX_32 || directorySize >= MAX_32;
    const tail = new Uint8Array((needs64 ? 56 + 20 : 0) + 22);
    const tv = new DataView(tail.buffer);
    let at = 0;
    if (needs64) {
      tv.setUint32(0, ZIP64_END_OF_CENTRAL_DIRECTORY, true);
      setUint64(tv, 4, 44); // the record's size after this field
      tv.setUint16(12, VERSION_ZIP64, true);
      tv.setUint16(14, VERSION_ZIP64, true);
      // this disk, the directory's disk: 0
      setUint64(tv, 24, this.entries);
      setUint64(tv, 32, this.entries);
      setUint64(tv, 40, directorySize);
      setUint64(tv, 48, directoryOffset);
      tv.setUint32(56, ZIP64_END_LOCATOR, true);
      // the disk with the Zip64 end record: 0
      setUint64(tv, 64, directoryOffset + directorySize);
      tv.setUint32(72, 1, true); // disks in all
      at = 76;
    }
    tv.setUint32(at, END_OF_CENTRAL_DIRECTORY, true);
    const count = Math.min(this.entries, MAX_16);
    tv.setUint16(at + 8, count, true);
    tv.setUint16(at + 10, count, true);
    tv.setUint32(at + 12, Math.min(directorySize, MAX_32), true);
    tv.setUint32(at + 16, Math.min(directoryOffset, MAX_32), true);
    this.entriesSink.flush();
    this.directorySink.push(tail);
    this.directorySink.flush();
    return new Blob([...this.entriesSink.parts, ...this.directorySink.parts], {
      type: 'application/zip',
    });
  }

  /** Drops what was written (a cancelled export). */
  abort(): void {
    this.closed = true;
    this.entriesSink.parts = [];
    this.directorySink.parts = [];
  }
}
