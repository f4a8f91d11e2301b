export interface ArticlePreviewProps {
  /** HTML already sanitised by the caller. */
  safeHtml: string;
}

export default function ArticlePreview({ safeHtml }: ArticlePreviewProps) {
  return (
    <article
      class="article-preview"
      data-testid="article-preview"
      tabIndex={0}
      aria-label="Article preview"
      dangerouslySetInnerHTML={{ __html: safeHtml }}
    />
  );
}
