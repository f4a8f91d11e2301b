import { buildPostData } from '@/lib/export/build-post-data';
import { renderJekyllPost } from '@/lib/export/jekyll-post';
import { isoWithLocalOffset } from '@/lib/export/post-date';
import type { ExtractedArticle, Highlight } from '@/lib/model';

export interface RenderedFile {
  path: string;
  fileName: string;
  content: string;
}

/** The post for a clip, in the user's export preset. */
export function renderExport(
  article: ExtractedArticle,
  tags: string[],
  highlights: Highlight[],
  savedAt: string | null,
): RenderedFile {
  const data = buildPostData(
    article,
    tags,
    highlights,
    savedAt ?? isoWithLocalOffset(new Date()),
    'mark',
  );
  const post = renderJekyllPost({ ...data, markdown: data.content });
  return { path: `_posts/${post.fileName}`, fileName: post.fileName, content: post.content };
}
