/**
 * What an imported archive may ask of the page: limits on what one entry and the whole archive
 * inflate to (checked while inflating, whatever the headers declare), and on entry names. An entry
 * past a limit is refused with the reason; the others import.
 */
export interface ZipLimits {
  /** Bytes one entry may inflate to. Posts and sidecars are tens of KB; a long one a few MB. */
  entryBytes: number;
  /** Inflated / compressed bytes of one entry, checked once it passes `ratioFloorBytes`. */
  entryRatio: number;
  /** Bytes the whole archive may inflate to. */
  archiveBytes: number;
  /** Inflated bytes / archive size, checked once the archive has inflated `ratioFloorBytes`. */
  archiveRatio: number;
  /** Below this many inflated bytes the ratios are not checked (tiny files compress well). */
  ratioFloorBytes: number;
  /** Characters in an entry's path. */
  nameLength: number;
  /** Folders in an entry's path. */
  depth: number;
}

const MiB = 1024 * 1024;

export const ZIP_LIMITS: ZipLimits = {
  entryBytes: 64 * MiB,
  // Our texts deflate 3–10×; zlib's own maximum is ~1,032×.
  entryRatio: 200,
  archiveBytes: 16 * 1024 * MiB,
  archiveRatio: 100,
  ratioFloorBytes: MiB,
  nameLength: 1024,
  depth: 32,
};

export const formatBytes = (bytes: number): string =>
  bytes >= 1024 * MiB
    ? `${(bytes / (1024 * MiB)).toFixed(1)} GB`
    : bytes >= MiB
      ? `${(bytes / MiB).toFixed(1)} MB`
      : `${bytes.toLocaleString('en')} bytes`;

/** Why an entry's name is refused (a path that climbs out, is absolute, too long or too deep), or null. */
export function refusedName(path: string, limits: ZipLimits = ZIP_LIMITS): string | null {
  if (path.length > limits.nameLength)
    return `Refused: a name of ${path.length.toLocaleString('en')} characters (the limit is ${limits.nameLength.toLocaleString('en')})`;
  const segments = path.replace(/\\/g, '/').split('/');
  if (segments.includes('..')) return 'Refused: the name climbs out of the archive (“..”)';
  if (path.startsWith('/') || path.startsWith('\\') || /^[a-z]:/i.test(path))
    return 'Refused: an absolute path';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f]/.test(path)) return 'Refused: control characters in the name';
  const folders = segments.filter(Boolean).length - (path.endsWith('/') ? 0 : 1);
  if (folders > limits.depth)
    return `Refused: ${folders.toLocaleString('en')} nested folders (the limit is ${limits.depth})`;
  return null;
}

/** Why the sizes an entry declares are refused before inflating it, or null. */
export function refusedSizes(
  declared: { compressed: number; uncompressed: number },
  limits: ZipLimits = ZIP_LIMITS,
): string | null {
  if (declared.uncompressed > limits.entryBytes)
    return `Refused: it declares ${formatBytes(declared.uncompressed)} uncompressed, over the limit of ${formatBytes(limits.entryBytes)} for one file`;
  if (
    declared.uncompressed > limits.ratioFloorBytes &&
    declared.uncompressed / Math.max(declared.compressed, 1) > limits.entryRatio
  )
    return `Refused: it declares a compression ratio over ${limits.entryRatio}:1`;
  return null;
}

/** Thrown while inflating when an entry or the archive passes a limit. */
export class LimitExceeded extends Error {
  override name = 'LimitExceeded';
  constructor(
    message: string,
    /** The whole archive's budget is spent: the entries after this one are refused too. */
    readonly archiveWide: boolean,
  ) {
    super(message);
  }
}

/** Counts what an archive inflates to, across its entries. */
export class InflateBudget {
  private total = 0;
  constructor(
    private readonly archiveSize: number,
    readonly limits: ZipLimits = ZIP_LIMITS,
  ) {}

  /** A counter for one entry: call it with each inflated chunk's length; it throws past a limit. */
  forEntry(compressedSize: number): (chunkLength: number) => void {
    let size = 0;
    const { limits } = this;
    return (chunkLength) => {
      size += chunkLength;
      this.total += chunkLength;
      if (size > limits.entryBytes)
        throw new LimitExceeded(
          `Refused: it inflates past ${formatBytes(limits.entryBytes)}, the limit for one file`,
          false,
        );
      if (size > limits.ratioFloorBytes && size / Math.max(compressedSize, 1) > limits.entryRatio)
        throw new LimitExceeded(
          `Refused: it inflates more than ${limits.entryRatio} times its compressed size`,
          false,
        );
      if (this.total > limits.archiveBytes)
        throw new LimitExceeded(
          `Refused: the archive inflates past ${formatBytes(limits.archiveBytes)} in all`,
          true,
        );
      if (
        this.total > limits.ratioFloorBytes &&
        this.total / Math.max(this.archiveSize, 1) > limits.archiveRatio
      )
        throw new LimitExceeded(
          `Refused: the archive inflates more than ${limits.archiveRatio} times its size`,
          true,
        );
    };
  }
}
