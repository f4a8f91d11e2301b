import type { PostImage } from '@/lib/export/post-images';
import { buildPostData } from '@/lib/export/build-post-data';
import { effectiveHighlightSyntax } from '@/lib/export/export-settings';
import { isoWithLocalOffset } from '@/lib/export/post-date';
import { renderPost, type RenderedPost } from '@/lib/export/render-post';
import type { ExtractedArticle, Highlight } from '@/lib/model';
import { loadSettings } from '@/lib/settings/store';

/** The post for a clip, in the user's export preset, template and site rules. */
export async function renderExport(
  article: ExtractedArticle,
  tags: string[],
  highlights: Highlight[],
  savedAt: string | null,
  images: PostImage[] = [],
): Promise<RenderedPost> {
  const settings = await loadSettings();
  const data = buildPostData(
    article,
    tags,
    highlights,
    savedAt ?? isoWithLocalOffset(new Date()),
    effectiveHighlightSyntax(settings.export),
  );
  return renderPost({ ...data, images }, settings.export, settings.siteRules);
}
