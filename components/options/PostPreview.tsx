import type { RenderedPost } from '@/lib/export/render-post';
import { t } from '@/lib/i18n';

export interface PostPreviewProps {
  /** What the preview shows: the rendered file, or why there is none. */
  result: { ok: true; post: RenderedPost } | { ok: false; error: string };
  /** Where the sample article comes from, e.g. "your most recent clip". */
  sourceLabel: string;
  testId: string;
  /** Blob URLs of the stored images, by hash: the image files the export writes are shown. */
  imageUrls?: ReadonlyMap<string, string>;
}

export default function PostPreview({ result, sourceLabel, testId, imageUrls }: PostPreviewProps) {
  const images = result.ok ? (result.post.images ?? []) : [];
  return (
    <figure class="post-preview">
      <figcaption>
        {result.ok ? (
          <>
            <code data-testid={`${testId}-path`}>{result.post.path}</code> — {sourceLabel}
          </>
        ) : (
          t('preview_of', sourceLabel)
        )}
      </figcaption>
      {/* Focusable: a keyboard user must be able to scroll it. */}
      <pre data-testid={testId} tabIndex={0}>
        {result.ok ? result.post.content : result.error}
      </pre>
      {images.length > 0 && (
        <ul
          class="preview-images"
          data-testid={`${testId}-images`}
          aria-label={t('preview_images')}
        >
          {images.map((image) => (
            <li key={image.path}>
              <img data-gleaner-image={image.hash} src={imageUrls?.get(image.hash)} alt="" />
              <code>{image.path}</code>
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
