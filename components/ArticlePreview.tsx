import type { Ref } from 'preact';
import { t } from '@/lib/i18n';

export interface ArticlePreviewProps {
  /** HTML already sanitised by the caller. */
  safeHtml: string;
  previewRef?: Ref<HTMLElement>;
  onSelectionEnd?(): void;
}

export default function ArticlePreview({
  safeHtml,
  previewRef,
  onSelectionEnd,
}: ArticlePreviewProps) {
  return (
    <article
      ref={previewRef}
      class="article-preview"
      data-testid="article-preview"
      tabIndex={0}
      aria-label={t('preview_label')}
      onMouseUp={onSelectionEnd}
      onKeyUp={onSelectionEnd}
      dangerouslySetInnerHTML={{ __html: safeHtml }}
    />
  );
}
