/**
 * The kept images an archive of ours carries, as an import reads it in archive order: a sidecar
 * says which of the files after it hold which image (`imagePaths`: path → SHA-256); each such file
 * is read as bytes, hashed, and kept only when it is the image named there (bytes changed, or not
 * an image: reported, not stored). The bytes wait with their batch until its records are imported
 * (the ids they landed under are known), then go to the background, a few MB a message.
 *
 * An image the archive lacks (or that is refused) leaves its article pointing at the remote URL,
 * as it does when an image could not be kept at save time.
 */
import { contentHash } from '../assets/content-hash';
import { sniffImageType } from '../assets/image-types';
import { MAX_IMAGE_BYTES } from '../assets/limits';
import { sanitizeSvg } from '../assets/sanitize-svg';
import { SIDECAR_DIR, type Sidecar } from './library-post';
import type { ImportOutcome, ImportRecord } from './types';
import type { BinaryWanted } from './zip-reader';

/** Image bytes for the background, with the imported articles that use them. */
export interface ImageUpload {
  hash: string;
  type: string;
  bytes: Uint8Array;
  articleIds: string[];
}

/** What the background did with images sent to it. */
export interface ImageUploadResult {
  stored: number;
  /** Hashes not stored, with the reason (bytes not as named, no imported article uses them). */
  refused: { hash: string; reason: string }[];
}

export type SendImages = (images: ImageUpload[]) => Promise<ImageUploadResult>;

/** Past this many bytes waiting, the import sends its batch early so they can go. */
export const MAX_PENDING_IMAGE_BYTES = 32 * 1024 * 1024;

/** `_gleaner/images/<sha256>.<ext>`: an image whose path in the site another image took. */
const SPARE_IMAGE = new RegExp(`(?:^|/)${SIDECAR_DIR}/images/([0-9a-f]{64})\\.[a-z]+$`);

/** The folder a sidecar's site starts at: `x/` for `x/_gleaner/_posts/a.json`. */
function rootOf(sidecarPath: string): string {
  const at = sidecarPath.startsWith(`${SIDECAR_DIR}/`)
    ? 0
    : sidecarPath.indexOf(`/${SIDECAR_DIR}/`) + 1;
  return sidecarPath.slice(0, at);
}

const HASH = /^[0-9a-f]{64}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The image paths a sidecar names (none in an older sidecar, or one that does not parse). */
export function imagePathsOf(sidecarText: string): [string, string][] {
  if (!sidecarText.includes('"imagePaths"')) return [];
  try {
    const paths = (JSON.parse(sidecarText) as Partial<Sidecar>).imagePaths;
    if (typeof paths !== 'object' || paths === null) return [];
    return Object.entries(paths).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && HASH.test(entry[1]),
    );
  } catch {
    return []; // the unit reports the sidecar that does not parse
  }
}

interface Waiting {
  path: string;
  type: string;
  bytes: Uint8Array;
}

/** One archive's images through an import. */
export class ArchiveImages implements BinaryWanted {
  readonly maxBytes = MAX_IMAGE_BYTES;
  /** Archive path → the hashes the sidecars read so far expect there. */
  private readonly expected = new Map<string, Set<string>>();
  /** Hashes read and checked, waiting for their articles' ids. */
  private readonly waiting = new Map<string, Waiting>();
  private waitingBytes = 0;
  /** Hash → ids of the imported articles that list it. */
  private readonly users = new Map<string, Set<string>>();
  /** Hashes handed to the background (stored, or refused there). */
  private readonly done = new Set<string>();
  stored = 0;
  /** Image files read (stored or not): they are not "ignored" files. */
  read = 0;
  readonly failed: { file: string; reason: string }[] = [];

  constructor(private readonly send: SendImages) {}

  /** Notes the images a sidecar just read names (in the archive after it). */
  expect(sidecarPath: string, sidecarText: string): void {
    const root = rootOf(sidecarPath);
    for (const [path, hash] of imagePathsOf(sidecarText)) {
      const full = `${root}${path}`;
      const hashes = this.expected.get(full) ?? new Set();
      hashes.add(hash);
      this.expected.set(full, hashes);
    }
  }

  wants(path: string): boolean {
    if (this.expected.has(path)) return true;
    const spare = SPARE_IMAGE.exec(path)?.[1];
    return spare !== undefined && !this.done.has(spare) && !this.waiting.has(spare);
  }

  /** The file is over the size or archive limits: reported, its articles keep remote images. */
  refuse(path: string, reason: string): void {
    this.read++;
    this.failed.push({ file: path, reason });
  }

  /** Checks a wanted file's bytes against the hash its sidecar names; keeps them if they match. */
  async take(path: string, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
    this.read++;
    const hash = await contentHash(bytes);
    const spare = SPARE_IMAGE.exec(path)?.[1];
    const named = spare ? new Set([spare]) : (this.expected.get(path) ?? new Set<string>());
    if (!named.has(hash)) {
      this.failed.push({
        file: path,
        reason: 'Not stored: its bytes are not the image its sidecar names (changed since export?)',
      });
      return;
    }
    if (this.done.has(hash) || this.waiting.has(hash)) return;
    const type = sniffImageType(bytes);
    if (!type) {
      this.failed.push({ file: path, reason: 'Not stored: it is not an image' });
      return;
    }
    if (type === 'image/svg+xml' && !safeSvg(bytes)) {
      this.failed.push({
        file: path,
        reason: 'Not stored: an SVG with scripts or other active content',
      });
      return;
    }
    this.waiting.set(hash, { path, type, bytes });
    this.waitingBytes += bytes.length;
  }

  /** Whether the waiting bytes are past the bound: the import sends its batch now. */
  get full(): boolean {
    return this.waitingBytes > MAX_PENDING_IMAGE_BYTES;
  }

  /** Records where a batch's articles landed, so their images can follow. */
  landed(records: readonly ImportRecord[], outcomes: readonly ImportOutcome[]): void {
    outcomes.forEach((outcome, index) => {
      if (outcome.status === 'failed') return;
      for (const image of records[index]?.article.images ?? []) {
        if (!image.hash) continue;
        const ids = this.users.get(image.hash) ?? new Set();
        ids.add(outcome.id);
        this.users.set(image.hash, ids);
      }
    });
  }

  /**
   * Sends the waiting images whose articles were imported, a few MB a message. At the end
   * (`last`), images whose articles were not imported are dropped.
   */
  async flush(last = false): Promise<void> {
    let chunk: ImageUpload[] = [];
    let chunkBytes = 0;
    let paths = new Map<string, string>();
    const sendChunk = async () => {
      if (!chunk.length) return;
      const images = chunk;
      const pathOf = paths;
      chunk = [];
      chunkBytes = 0;
      paths = new Map();
      try {
        const result = await this.send(images);
        this.stored += result.stored;
        for (const { hash, reason } of result.refused)
          this.failed.push({ file: pathOf.get(hash) ?? hash, reason: `Not stored: ${reason}` });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        for (const image of images)
          this.failed.push({
            file: pathOf.get(image.hash) ?? image.hash,
            reason: `Not stored (${reason}): its articles show the remote image`,
          });
      }
    };
    for (const [hash, image] of [...this.waiting]) {
      const ids = this.users.get(hash);
      if (!ids && !last) continue;
      this.waiting.delete(hash);
      this.waitingBytes -= image.bytes.length;
      if (!ids) continue; // its articles were not imported (each reported)
      this.done.add(hash);
      if (chunk.length && chunkBytes + image.bytes.length > MESSAGE_BYTES) await sendChunk();
      chunk.push({ hash, type: image.type, bytes: image.bytes, articleIds: [...ids] });
      paths.set(hash, image.path);
      chunkBytes += image.bytes.length;
    }
    await sendChunk();
  }
}

/** Image bytes per message (base64 makes them a third larger; one larger image goes alone). */
const MESSAGE_BYTES = 4 * 1024 * 1024;

/** An SVG that sanitising leaves as it is (the export wrote what was sanitised at save time). */
function safeSvg(bytes: Uint8Array): boolean {
  try {
    const text = utf8.decode(bytes);
    return sanitizeSvg(text) === text;
  } catch {
    return false;
  }
}
