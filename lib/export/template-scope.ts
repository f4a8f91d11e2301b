/** The variables a custom template, folder or file-name pattern can use. */

import type { PostView } from './post-view';
import { formatIso } from './zoned-date';

/** Names and meanings, for the options page and the README. */
export const TEMPLATE_VARIABLES: ReadonlyArray<readonly [name: string, meaning: string]> = [
  ['title', 'the headline ("Untitled" when the page has none)'],
  ['url', 'the address of the page that was clipped'],
  ['canonical', 'the canonical address (else the page address)'],
  ['site', 'the site name, or nil'],
  ['author', 'the byline, or nil'],
  ['language', 'the page language (BCP 47, e.g. zh-CN), or nil'],
  ['date', 'the post date: published, else saved (RFC 3339, in the date mode’s zone)'],
  ['published', 'the publication date-time, or nil'],
  ['saved', 'when the article was saved'],
  ['tags', 'a list: your tags, then the site rule’s'],
  ['categories', 'a list: the site rule’s category, else the site name as a slug'],
  ['excerpt', 'the page’s summary, or nil'],
  ['image', 'the lead image URL, or nil'],
  ['word_count', 'words (each Chinese character counts as one)'],
  ['highlights', 'a list of {quote, note, color, placed}; placed is false for orphans'],
  ['notes', 'a list of the non-empty notes'],
  [
    'content',
    'the article in Markdown, placed highlights marked, kept images linked from the site root',
  ],
  [
    'image_folder',
    'where the kept images were written (the image folder), or nil (body and fields)',
  ],
  [
    'images',
    'a list of {url, name, path}: each kept image, its file name and path (body and fields)',
  ],
];

export function templateScope(view: PostView): Record<string, unknown> {
  return {
    title: view.title,
    url: view.url,
    canonical: view.source,
    site: view.siteName,
    author: view.author,
    language: view.language,
    date: formatIso(view.date),
    published: view.published ? formatIso(view.published) : null,
    saved: formatIso(view.saved),
    tags: [...view.tags],
    categories: view.category ? [view.category] : [],
    excerpt: view.excerpt,
    image: view.leadImage,
    word_count: view.wordCount,
    highlights: view.highlights.map((highlight) => ({ ...highlight })),
    notes: view.highlights.map((highlight) => highlight.note.trim()).filter(Boolean),
    content: view.content,
  };
}
