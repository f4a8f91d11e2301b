import { slugify } from './slug';
import { extensionFor } from '../assets/image-types';

/** Longest name part taken from alt text, so paths stay short on every file system. */
const MAX_NAME_LENGTH = 40;
/** Hash prefix used when the alt text gives no name. */
const HASH_NAME_LENGTH = 12;

export interface NamedImage {
  hash: string;
  alt: string;
  type: string;
}

/**
 * File names for one post's images, in order: ASCII, stable (the same images give the same
 * names), unique within the post. The alt text in slug form (Chinese spelled in pinyin), else the
 * start of the content hash; a repeated name gets `-2`, `-3`…. The same bytes get the same name.
 */
export function nameImages(images: readonly NamedImage[]): string[] {
  const byHash = new Map<string, string>();
  const taken = new Set<string>();
  return images.map((image) => {
    const known = byHash.get(image.hash);
    if (known) return known;
    const stem = slugify(image.alt, MAX_NAME_LENGTH) || image.hash.slice(0, HASH_NAME_LENGTH);
    const extension = extensionFor(image.type);
    let name = `${stem}.${extension}`;
    for (let n = 2; taken.has(name); n++) name = `${stem}-${n}.${extension}`;
    taken.add(name);
    byHash.set(image.hash, name);
    return name;
  });
}
