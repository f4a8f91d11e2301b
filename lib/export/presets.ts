/** The built-in presets: each turns a PostView into front matter and a body. */

import { plainDate, toFrontMatter, type FrontMatterField } from './front-matter';
import {
  autolink,
  escapeHugoShortcodes,
  hasLiquidConstruct,
  highlightsSection,
  joinBlocks,
} from './post-body';
import { embedImages, pointImageLinks } from './post-images';
import type { PostView } from './post-view';
import { formatDay, formatIso, formatJekyll } from './zoned-date';

/**
 * Jekyll, the seed's shape: `layout`, `title` (double-quoted), `date` with its offset (Jekyll skips
 * "future" posts when the offset is missing), `categories` and `tags` as lists (a string would be
 * split on spaces). Body: the article, the source link, then `## Highlights` when there are any.
 * A body with `{{`/`{%` gets `render_with_liquid: false`, or Jekyll would run it as Liquid.
 */
export function jekyllContent(view: PostView, images: readonly JekyllImage[] = []): string {
  let body = joinBlocks([view.content, autolink(view.source), highlightsSection(view.highlights)]);
  const liquid = !hasLiquidConstruct(body);
  body = pointImageLinks(
    body,
    images.map((image) => ({
      url: image.url,
      link: jekyllImageLink(image.sitePath, liquid, view.category),
    })),
  );
  const fields: FrontMatterField[] = [
    ['layout', 'post'],
    ['title', view.title],
    ['date', plainDate(formatJekyll(view.date))],
  ];
  if (view.category) fields.push(['categories', [view.category]]);
  if (view.tags.length > 0) fields.push(['tags', view.tags]);
  if (!liquid) fields.push(['render_with_liquid', false]);
  // Without Liquid there is no `relative_url`: the images are linked relative to this permalink.
  if (!liquid && images.length) fields.push(['permalink', JEKYLL_DATE_PERMALINK]);
  return `${toFrontMatter(fields, { doubleQuoted: ['title'] })}\n${body}`;
}

/** An image a Jekyll post links: its remote URL and where it sits in the site (`/assets/images/…`). */
export interface JekyllImage {
  url: string;
  sitePath: string;
}

/** Jekyll's default `date` permalink, written out so relative image links know the post's depth. */
const JEKYLL_DATE_PERMALINK = '/:categories/:year/:month/:day/:title:output_ext';

/**
 * With Liquid, `relative_url` adds the site's `baseurl`. Without it, a path relative to the post's
 * page: `/:categories/:year/:month/:day/` is 3 folders deep plus one per category segment.
 */
function jekyllImageLink(sitePath: string, liquid: boolean, category: string): string {
  if (liquid) return `{{ '${sitePath}' | relative_url }}`;
  const depth = 3 + (category ? category.split('/').filter(Boolean).length : 0);
  return `${'../'.repeat(depth)}${sitePath.replace(/^\//, '')}`;
}

/**
 * Hugo: YAML front matter with `date` in RFC 3339, `draft: false`, `categories` and `tags`, plus
 * `author` and `source` as page params. Shortcode delimiters in the text are escaped.
 */
export function hugoContent(
  view: PostView,
  images: ReadonlyArray<{ url: string; name: string }> = [],
): string {
  const fields: FrontMatterField[] = [
    ['title', view.title],
    ['date', plainDate(formatIso(view.date))],
    ['draft', false],
  ];
  if (view.category) fields.push(['categories', [view.category]]);
  if (view.tags.length > 0) fields.push(['tags', view.tags]);
  if (view.author?.trim()) fields.push(['author', view.author.trim()]);
  fields.push(['source', view.source]);
  const body = joinBlocks([
    view.content,
    autolink(view.source),
    highlightsSection(view.highlights),
  ]);
  // A page bundle: the images sit beside index.md, linked by name.
  const linked = pointImageLinks(
    body,
    images.map((image) => ({ url: image.url, link: image.name })),
  );
  return `${toFrontMatter(fields)}\n${escapeHugoShortcodes(linked)}`;
}

/**
 * An Obsidian tag: letters, digits, `_`, `-` and `/` only (no spaces: `city life` → `city-life`),
 * without the leading `#`.
 */
export function obsidianTag(tag: string): string {
  return tag
    .trim()
    .replace(/^#+/, '')
    .replace(/[^\p{L}\p{N}\p{M}_/-]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-/]+|[-/]+$/g, '');
}

/**
 * Obsidian properties: `title`, `source`, `author`, `published` and `created` as dates (Obsidian's
 * date type is a day: `YYYY-MM-DD`, in the date mode's zone), `tags` always a list. Placed
 * highlights are `==…==` in the content; the body ends with `## Highlights` when there are any.
 * Kept images are embedded as `![[name.png]]` (found anywhere in the vault) or linked by a path
 * relative to the note.
 */
export function obsidianContent(
  view: PostView,
  images: ReadonlyArray<{ url: string; embed: string | null; link: string }> = [],
): string {
  const fields: FrontMatterField[] = [
    ['title', view.title],
    ['source', view.source],
  ];
  if (view.author?.trim()) fields.push(['author', view.author.trim()]);
  if (view.published) fields.push(['published', plainDate(formatDay(view.published))]);
  fields.push(['created', plainDate(formatDay(view.saved))]);
  const tags = [...new Set(view.tags.map(obsidianTag).filter(Boolean))];
  fields.push(['tags', tags]);
  const body = joinBlocks([view.content, highlightsSection(view.highlights)]);
  return `${toFrontMatter(fields)}\n${embedImages(body, images)}`;
}
