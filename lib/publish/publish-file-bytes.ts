/**
 * A publish's files with their contents: the texts as rendered, and each kept image's bytes read
 * from the library by hash. Git and the folder target write this same list.
 */
import type { GleanerDB } from '../storage/db';
import { getImages } from '../storage/images-repo';
import type { QueuedPublish } from '../storage/publish-records';
import type { PublishFile } from './commit-builder';

/** Paths relative to the target's folder, the texts first. */
export async function publishFileBytes(
  db: GleanerDB,
  publish: Pick<QueuedPublish, 'files' | 'images'>,
): Promise<PublishFile[]> {
  const wanted = publish.images ?? [];
  // An image let go since the publish was rendered (its article deleted) is simply not sent.
  const stored = await getImages(
    db,
    wanted.map((image) => image.hash),
  );
  const images = await Promise.all(
    wanted.flatMap(({ path, hash }) => {
      const image = stored.get(hash);
      return image
        ? [image.blob.arrayBuffer().then((bytes) => ({ path, content: new Uint8Array(bytes) }))]
        : [];
    }),
  );
  return [...publish.files.map((file) => ({ path: file.path, content: file.content })), ...images];
}
