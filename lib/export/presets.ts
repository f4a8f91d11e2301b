/** The built-in presets: each turns a PostView into front matter and a body. */

import { plainDate, toFrontMatter, type FrontMatterField } from './front-matter';
import {
  autolink,
  escapeHugoShortcodes,
  hasLiquidConstruct,
  highlightsSection,
  joinBlocks,
} from './post-body';
import type { PostView } from './post-view';
import { formatDay, formatIso, formatJekyll } from './zoned-date';

/**
 * Jekyll, the seed's shape: `layout`, `title` (double-quoted), `date` with its offset (Jekyll skips
 * "future" posts when the offset is missing), `categories` and `tags` as lists (a string would be
 * split on spaces). Body: the article, the source link, then `## Highlights` when there are any.
 * A body with `{{`/`{%` gets `render_with_liquid: false`, or Jekyll would run it as Liquid.
 */
export function jekyllContent(view: PostView): string {
  const body = joinBlocks([
    view.content,
    autolink(view.source),
    highlightsSection(view.highlights),
  ]);
  const fields: FrontMatterField[] = [
    ['layout', 'post'],
    ['title', view.title],
    ['date', plainDate(formatJekyll(view.date))],
  ];
  if (view.category) fields.push(['categories', [view.category]]);
  if (view.tags.length > 0) fields.push(['tags', view.tags]);
  if (hasLiquidConstruct(body)) fields.push(['render_with_liquid', false]);
  return `${toFrontMatter(fields, { doubleQuoted: ['title'] })}\n${body}`;
}

/**
 * Hugo: YAML front matter with `date` in RFC 3339, `draft: false`, `categories` and `tags`, plus
 * `author` and `source` as page params. Shortcode delimiters in the text are escaped.
 */
export function hugoContent(view: PostView): string {
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
  return `${toFrontMatter(fields)}\n${escapeHugoShortcodes(body)}`;
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
 */
export function obsidianContent(view: PostView): string {
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
  return `${toFrontMatter(fields)}\n${body}`;
}
