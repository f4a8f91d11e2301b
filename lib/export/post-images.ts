/**
 * The kept images of an article as an export sees them: each with its stable file name, and the
 * Markdown's links pointed at wherever a preset writes the files.
 */
import type { ArticleImage } from '../model';
import { nameImages } from './image-names';

/** A kept image of a post: its remote URL (as the Markdown links it), its bytes' hash, its file name. */
export interface PostImage {
  url: string;
  hash: string;
  name: string;
}

/** The article's kept images, named (`types`: the stored MIME type by hash; unknown ones are skipped). */
export function postImagesOf(
  images: readonly ArticleImage[] | undefined,
  types: ReadonlyMap<string, string>,
): PostImage[] {
  const kept = (images ?? []).flatMap((image) => {
    const type = image.hash ? types.get(image.hash) : undefined;
    return image.hash && type ? [{ url: image.url, alt: image.alt, hash: image.hash, type }] : [];
  });
  const names = nameImages(kept);
  return kept.map((image, index) => ({
    url: image.url,
    hash: image.hash,
    name: names[index] ?? image.hash,
  }));
}

/** The Markdown (or HTML in it) with each image's URL replaced by its link. */
export function pointImageLinks(
  markdown: string,
  links: ReadonlyArray<{ url: string; link: string }>,
): string {
  let result = markdown;
  for (const { url, link } of links) {
    result = result
      .split(`](${url})`)
      .join(`](${link})`)
      .split(`](${url} "`)
      .join(`](${link} "`)
      .split(`src="${url}"`)
      .join(`src="${link}"`);
  }
  return result;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Each Markdown image of a URL (`![alt](url)`, `![alt](url "title")`, `![alt](<url>)`) replaced
 * whole by its `embed` (Obsidian's `![[name.png]]`) when it has one; the rest, and images inside
 * HTML (`<img src>`, which cannot hold a wikilink), are pointed at `link`, a path.
 */
export function embedImages(
  markdown: string,
  images: ReadonlyArray<{ url: string; embed: string | null; link: string }>,
): string {
  let result = markdown;
  for (const { url, embed } of images) {
    if (embed === null) continue;
    const pattern = new RegExp(
      `!\\[(?:[^\\]\\\\]|\\\\.)*\\]\\(<?${escapeRegExp(url)}>?(?:\\s+"(?:[^"\\\\]|\\\\.)*")?\\)`,
      'g',
    );
    result = result.replace(pattern, () => embed);
  }
  return pointImageLinks(result, images);
}

/** `to` as a link from a file in `fromFile`'s folder (both `/`-separated, from the same root). */
export function relativeLink(fromFile: string, to: string): string {
  const from = fromFile.split('/').slice(0, -1);
  const target = to.split('/');
  let shared = 0;
  while (shared < from.length && shared < target.length - 1 && from[shared] === target[shared])
    shared++;
  const path = [...Array<string>(from.length - shared).fill('..'), ...target.slice(shared)];
  return path.map(encodeURIComponent).join('/');
}
