import type { RenderedPost } from '@/lib/export/render-post';
import { t } from '@/lib/i18n';

export interface PostPreviewProps {
  /** What the preview shows: the rendered file, or why there is none. */
  result: { ok: true; post: RenderedPost } | { ok: false; error: string };
  /** Where the sample article comes from, e.g. "your most recent clip". */
  sourceLabel: string;
  testId: string;
}

export default function PostPreview({ result, sourceLabel, testId }: PostPreviewProps) {
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
    </figure>
  );
}
