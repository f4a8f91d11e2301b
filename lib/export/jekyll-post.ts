/** A saved article as a Jekyll `_posts` file, in the shape of the seed post. */

import type { Article } from '../model';
import { postFileName } from './file-name';
import { plainDate, toFrontMatter } from './front-matter';
import type { FrontMatterField } from './front-matter';
import { jekyllDate } from './post-date';
import { slugify } from './slug';

export type JekyllPostInput = Pick<
  Article,
  'title' | 'canonicalUrl' | 'url' | 'siteName' | 'published' | 'savedAt' | 'tags' | 'markdown'
>;

export interface JekyllPost {
  fileName: string;
  content: string;
}

function hostSlug(url: string): string {
  try {
    return slugify(new URL(url).hostname.replace(/^www\./, ''));
  } catch {
    return '';
  }
}

/** Tags as typed (spaces and Chinese kept: a YAML list never splits them), minus blanks and repeats. */
function cleanTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim()).filter(Boolean))];
}

/** `<…>` autolinks end at a space or `>`, so those must be percent-encoded. */
function autolink(url: string): string {
  let href = url.trim();
  try {
    href = new URL(href).href;
  } catch {
    // Not absolute: keep it, encoded below.
  }
  return `<${href.replace(/[\s<>]/g, (ch) => encodeURIComponent(ch))}>`;
}

export function renderJekyllPost(
  article: JekyllPostInput,
  options: { taken?: Set<string> } = {},
): JekyllPost {
  const title = article.title.trim() || 'Untitled';
  const dateIso = article.published ?? article.savedAt;
  const source = article.canonicalUrl || article.url;
  const category = slugify(article.siteName ?? '') || hostSlug(source) || hostSlug(article.url);
  const tags = cleanTags(article.tags);

  const fields: FrontMatterField[] = [
    ['layout', 'post'],
    ['title', title],
    ['date', plainDate(jekyllDate(dateIso))],
  ];
  if (category) fields.push(['categories', [category]]);
  if (tags.length > 0) fields.push(['tags', tags]);

  const frontMatter = toFrontMatter(fields, { doubleQuoted: ['title'] });
  const body = article.markdown.trim();
  const link = autolink(source);
  return {
    fileName: postFileName(dateIso, title, options.taken),
    content: body ? `${frontMatter}\n${body}\n\n${link}\n` : `${frontMatter}\n${link}\n`,
  };
}
