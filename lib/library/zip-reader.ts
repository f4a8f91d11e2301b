/**
 * Reads a zip from the file the user picked, entry by entry, never whole: zip.js reads the central
 * directory (ZIP64 or not, and archives whose 16-bit entry count wrapped) through Blob slices; the
 * entries are then read in archive order through a window of a few MB and inflated one at a time
 * (zlib in WebAssembly where the caller loaded it, else fflate's streaming `Inflate`; a small chunk
 * per push) into a counter that stops past the limits (lib/library/zip-limits.ts), and the CRC-32
 * is checked. When the central directory is missing (an
 * archive cut short), the entries are found by walking their local headers from the start instead,
 * and what is whole is read.
 *
 * zip.js's own `getData` was measured first: ~3.5 ms an entry here (streams and a codec per entry),
 * 6 minutes for 100,000 entries; this path reads them in a few seconds.
 */
import { BlobReader, ZipReader } from '@zip.js/zip.js';
import { Inflate, inflateSync } from 'fflate';
import { concatBytes } from '../bytes';
import { crc32 } from './deflate';
import type { CreateInflater } from './zlib-wasm';
import {
  formatBytes,
  InflateBudget,
  LimitExceeded,
  refusedName,
  refusedSizes,
  ZIP_LIMITS,
  type ZipLimits,
} from './zip-limits';

export interface ZipFailure {
  file: string;
  reason: string;
}

/** A wanted file: its text, or (a binary one: an image) its bytes, or why it cannot be read. */
export type FileRead =
  | { path: string; text: string }
  | { path: string; bytes: Uint8Array }
  | { path: string; reason: string };

/**
 * Files read as bytes (images), decided entry by entry as the archive is read: an import learns
 * which images it wants from the sidecars before them. `maxBytes` bounds each such file.
 */
export interface BinaryWanted {
  wants(path: string): boolean;
  maxBytes: number;
}

/** One entry, wherever it was found: where its data is and what its headers say of it. */
interface ArchiveEntry {
  path: string;
  directory: boolean;
  method: number;
  encrypted: boolean;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  /** The local header's offset (from the central directory), or the data's (from a walk). */
  at: { localHeader: number } | { data: number };
}

/**
 * What reading needs of each listed entry, in plain number arrays beside `paths` (a few bytes an
 * entry): the listing is kept instead of walking zip.js's directory again, whose entry objects
 * cost ~7 KB each.
 */
interface EntryTable {
  offsets: number[];
  methods: number[];
  crcs: number[];
  compressedSizes: number[];
  uncompressedSizes: number[];
}

export interface ZipListing {
  /** Files (not folders) whose names and declared sizes pass the limits, in archive order. */
  paths: string[];
  /** Entries refused from their headers alone, with the reason. */
  refused: ZipFailure[];
  /** File entries the archive holds (accepted or not). */
  entries: number;
  /** Set when the central directory could not be read: the archive is damaged or cut short. */
  damage: string | null;
}

const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
const WINDOW_BYTES = 8 * 1024 * 1024;
/** Compressed bytes per push: what one push may inflate to stays ~16 MB (zlib's ~1,032:1). */
const PUSH_BYTES = 16 * 1024;
const decoder = new TextDecoder('utf-8');

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function bytesAt(file: Blob, start: number, length: number): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(start, start + length).arrayBuffer());
}

/**
 * Reads of a file through one window of a few MB: entries come in archive order, so one read of
 * the file serves many (a read of a user's File goes through the browser: ~0.1 ms each).
 */
class FileWindow {
  private start = 0;
  private bytes: Uint8Array = new Uint8Array(0);
  constructor(private readonly file: Blob) {}

  get size(): number {
    return this.file.size;
  }

  async read(at: number, length: number): Promise<Uint8Array> {
    const from = at - this.start;
    if (from < 0 || from + length > this.bytes.length) {
      this.start = at;
      this.bytes = await bytesAt(this.file, at, Math.max(WINDOW_BYTES, length));
      return this.bytes.subarray(0, length);
    }
    return this.bytes.subarray(from, from + length);
  }
}

async function* centralDirectoryEntries(file: Blob): AsyncGenerator<ArchiveEntry> {
  // No web workers: zip.js only reads the directory here, and an extension page's CSP would refuse
  // the ones it makes from Blob URLs.
  const reader = new ZipReader(new BlobReader(file), { useWebWorkers: false });
  try {
    for await (const entry of reader.getEntriesGenerator()) {
      yield {
        path: entry.filename,
        directory: entry.directory,
        method: entry.compressionMethod,
        encrypted: entry.encrypted,
        crc: entry.crc32 ?? 0,
        compressedSize: entry.compressedSize,
        uncompressedSize: entry.uncompressedSize,
        at: { localHeader: entry.offset },
      };
    }
  } finally {
    await reader.close();
  }
}

/** Where a walk of the local headers had to stop, when it did not reach the central directory. */
class WalkStopped extends Error {
  override name = 'WalkStopped';
}

/**
 * Entries found from the start by their local headers (APPNOTE 4.3.7), for an archive without a
 * central directory. Entries whose sizes are only in a trailing data descriptor cannot be stepped
 * over this way: the walk stops there, as it does at an entry cut short.
 */
async function* localHeaderEntries(file: Blob): AsyncGenerator<ArchiveEntry> {
  const window = new FileWindow(file);
  let offset = 0;
  while (offset + 30 <= file.size) {
    const view = dataView(await window.read(offset, 30));
    if (view.getUint32(0, true) !== LOCAL_HEADER) return; // the central directory, or junk
    const flags = view.getUint16(6, true);
    let compressedSize = view.getUint32(18, true);
    let uncompressedSize = view.getUint32(22, true);
    const nameLength = view.getUint16(26, true);
    const extraLength = view.getUint16(28, true);
    if (offset + 30 + nameLength + extraLength > file.size)
      throw new WalkStopped('a header is cut short');
    const rest = await window.read(offset + 30, nameLength + extraLength);
    const path = decoder.decode(rest.subarray(0, nameLength));
    // The Zip64 extra field holds both sizes when either is 0xFFFFFFFF (APPNOTE 4.5.3).
    const extra = dataView(rest.subarray(nameLength));
    for (let at = 0; at + 4 <= extraLength;) {
      const id = extra.getUint16(at, true);
      const size = extra.getUint16(at + 2, true);
      if (id === 0x0001 && size >= 16 && at + 20 <= extraLength) {
        uncompressedSize = Number(extra.getBigUint64(at + 4, true));
        compressedSize = Number(extra.getBigUint64(at + 12, true));
      }
      at += 4 + size;
    }
    if (flags & 0x0008) throw new WalkStopped(`“${path}” keeps its size after its data`);
    const dataStart = offset + 30 + nameLength + extraLength;
    if (dataStart + compressedSize > file.size) throw new WalkStopped(`“${path}” is cut short`);
    yield {
      path,
      directory: path.endsWith('/'),
      method: view.getUint16(8, true),
      encrypted: (flags & 0x0001) !== 0,
      crc: view.getUint32(14, true),
      compressedSize,
      uncompressedSize,
      at: { data: dataStart },
    };
    offset = dataStart + compressedSize;
  }
}

function dataView(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

async function dataStart(window: FileWindow, entry: ArchiveEntry): Promise<number> {
  if ('data' in entry.at) return entry.at.data;
  const offset = entry.at.localHeader;
  if (offset + 30 > window.size) throw new Error('its local header is past the end of the archive');
  const view = dataView(await window.read(offset, 30));
  if (view.getUint32(0, true) !== LOCAL_HEADER) throw new Error('its local header is missing');
  return offset + 30 + view.getUint16(26, true) + view.getUint16(28, true);
}

/**
 * The entry's bytes, inflated a small chunk at a time; `count` sees every inflated chunk first
 * (and throws past a limit), so a bomb stops within one chunk of the limit.
 */
async function inflateEntry(
  window: FileWindow,
  entry: ArchiveEntry,
  count: (length: number) => void,
  createInflater?: CreateInflater,
): Promise<Uint8Array> {
  const start = await dataStart(window, entry);
  const end = start + entry.compressedSize;
  if (end > window.size) throw new Error('its data goes past the end of the archive');
  const parts: Uint8Array[] = [];
  let size = 0;
  let crc = 0;
  const take = (chunk: Uint8Array, checked = true) => {
    if (size + chunk.length > entry.uncompressedSize)
      throw new LimitExceeded('Refused: it inflates past the size its header declares', false);
    count(chunk.length);
    size += chunk.length;
    if (checked) crc = crc32(chunk, crc);
    parts.push(chunk);
  };
  const deflated = entry.method === DEFLATED;
  if (deflated && !createInflater && entry.compressedSize <= PUSH_BYTES)
    return inflateSmall(await window.read(start, entry.compressedSize), entry, count);
  // zlib checks the CRC-32 itself (a ChecksumMismatch); fflate's output goes through ours.
  const zlib =
    deflated && createInflater
      ? createInflater((chunk) => take(chunk, false), {
          crc: entry.crc,
          size: entry.uncompressedSize,
        })
      : null;
  const inflater = deflated && !zlib ? new Inflate((chunk) => take(chunk)) : null;
  try {
    for (let at = start; at < end || at === start; at += PUSH_BYTES) {
      const length = Math.min(PUSH_BYTES, end - at);
      const last = at + length >= end;
      const bytes = await window.read(at, length);
      if (zlib)
        zlib.push(bytes, last); // copied into zlib's memory
      // A copy: the window's buffer is replaced as it moves, and fflate may keep a reference.
      else if (inflater) inflater.push(bytes.slice(), last);
      else take(bytes.slice());
      if (last) break;
    }
  } finally {
    zlib?.close();
  }
  if (size !== entry.uncompressedSize)
    throw new Error(
      `it inflates to ${size.toLocaleString('en')} bytes where its header says ${entry.uncompressedSize.toLocaleString('en')}`,
    );
  if (!zlib && crc >>> 0 !== entry.crc >>> 0) throw new Error('its CRC-32 does not match');
  return concatBytes(parts);
}

/**
 * Most entries (a post, a sidecar) are a few KB deflated: inflated at once into a buffer one byte
 * longer than they declare (fflate's streaming `Inflate` spent most of its time growing buffers).
 * A buffer it cannot outgrow, so a lie about the size shows as a full buffer, after at most one
 * push's worth of work.
 */
function inflateSmall(
  data: Uint8Array,
  entry: ArchiveEntry,
  count: (length: number) => void,
): Uint8Array {
  const out = inflateSync(data, { out: new Uint8Array(entry.uncompressedSize + 1) });
  if (out.length > entry.uncompressedSize)
    throw new LimitExceeded('Refused: it inflates past the size its header declares', false);
  count(out.length);
  if (out.length !== entry.uncompressedSize)
    throw new Error(
      `it inflates to ${out.length.toLocaleString('en')} bytes where its header says ${entry.uncompressedSize.toLocaleString('en')}`,
    );
  if (crc32(out) !== entry.crc >>> 0) throw new Error('its CRC-32 does not match');
  return out;
}

/** A zip file, listed from its central directory, or from its local headers when that is missing. */
export class ZipArchive {
  private constructor(
    private readonly file: Blob,
    private readonly recovered: boolean,
    readonly listing: ZipListing,
    private readonly table: EntryTable,
    private readonly limits: ZipLimits,
    private readonly createInflater?: CreateInflater,
  ) {}

  /** `createInflater`: zlib's (lib/library/zlib-wasm.ts) where it loaded; fflate's otherwise. */
  static async open(
    file: Blob,
    limits: ZipLimits = ZIP_LIMITS,
    createInflater?: CreateInflater,
  ): Promise<ZipArchive> {
    try {
      const { listing, table } = await list(centralDirectoryEntries(file), file, limits);
      return new ZipArchive(file, false, listing, table, limits, createInflater);
    } catch (error) {
      const { listing, table } = await list(localHeaderEntries(file), file, limits);
      if (!listing.entries) throw new Error(`Not a zip (${message(error)})`, { cause: error });
      listing.damage = `its central directory is missing or damaged (${message(error)})${listing.damage ? `; ${listing.damage}` : ''}`;
      return new ZipArchive(file, true, listing, table, limits, createInflater);
    }
  }

  private entry(index: number): ArchiveEntry {
    const { table } = this;
    const offset = table.offsets[index] ?? 0;
    return {
      path: this.listing.paths[index] ?? '',
      directory: false,
      encrypted: false,
      method: table.methods[index] ?? STORED,
      crc: table.crcs[index] ?? 0,
      compressedSize: table.compressedSizes[index] ?? 0,
      uncompressedSize: table.uncompressedSizes[index] ?? 0,
      at: this.recovered ? { data: offset } : { localHeader: offset },
    };
  }

  /**
   * The wanted files as text (and the `binary` ones as bytes), in archive order, each inflated
   * within the limits; a file that cannot be read comes with its reason instead.
   */
  async *read(wanted: ReadonlySet<string>, binary?: BinaryWanted): AsyncGenerator<FileRead> {
    const budget = new InflateBudget(this.file.size, this.limits);
    const window = new FileWindow(this.file);
    let spent: string | null = null;
    let left = wanted.size;
    for (let index = 0; index < this.listing.paths.length && (left > 0 || binary); index++) {
      const entry = this.entry(index);
      const asText = wanted.has(entry.path);
      if (!asText && !binary?.wants(entry.path)) continue;
      if (asText) left--;
      if (spent) {
        yield { path: entry.path, reason: spent };
        continue;
      }
      try {
        if (!asText && binary && entry.uncompressedSize > binary.maxBytes)
          throw new LimitExceeded(
            `Refused: ${formatBytes(entry.uncompressedSize)}, over the limit of ${formatBytes(binary.maxBytes)} for one image`,
            false,
          );
        const bytes = await inflateEntry(
          window,
          entry,
          budget.forEntry(entry.compressedSize),
          this.createInflater,
        );
        if (!asText) yield { path: entry.path, bytes };
        else yield { path: entry.path, text: decoder.decode(bytes).replace(/^\uFEFF/, '') };
      } catch (error) {
        if (error instanceof LimitExceeded && error.archiveWide) spent = error.message;
        const reason =
          error instanceof LimitExceeded ? error.message : `Damaged: ${message(error)}`;
        yield { path: entry.path, reason };
      }
    }
  }
}

async function list(
  entries: AsyncGenerator<ArchiveEntry>,
  file: Blob,
  limits: ZipLimits,
): Promise<{ listing: ZipListing; table: EntryTable }> {
  const listing: ZipListing = { paths: [], refused: [], entries: 0, damage: null };
  const table: EntryTable = {
    offsets: [],
    methods: [],
    crcs: [],
    compressedSizes: [],
    uncompressedSizes: [],
  };
  try {
    for await (const entry of entries) {
      const nameProblem = refusedName(entry.path, limits);
      if (entry.directory) {
        if (nameProblem) listing.refused.push({ file: entry.path, reason: nameProblem });
        continue;
      }
      listing.entries++;
      const problem =
        nameProblem ??
        refusedSizes(
          { compressed: entry.compressedSize, uncompressed: entry.uncompressedSize },
          limits,
        ) ??
        (entry.encrypted ? 'Refused: it is encrypted' : null) ??
        (entry.method !== STORED && entry.method !== DEFLATED
          ? `Refused: compression method ${entry.method} is not supported`
          : null) ??
        (entry.compressedSize > file.size
          ? 'Damaged: its data would end past the end of the archive'
          : null);
      if (problem) listing.refused.push({ file: entry.path, reason: problem });
      else {
        listing.paths.push(entry.path);
        table.offsets.push('data' in entry.at ? entry.at.data : entry.at.localHeader);
        table.methods.push(entry.method);
        table.crcs.push(entry.crc);
        table.compressedSizes.push(entry.compressedSize);
        table.uncompressedSizes.push(entry.uncompressedSize);
      }
    }
  } catch (error) {
    if (!(error instanceof WalkStopped)) throw error;
    listing.damage = `cut short: the entries could be followed up to where ${error.message}`;
  }
  return { listing, table };
}
