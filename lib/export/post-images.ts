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
