/** A saved article as a Jekyll `_posts` file, in the shape of the seed post. */

import type { Article } from '../model';
import { DEFAULT_EXPORT_SETTINGS } from './export-settings';
import { renderPost } from './render-post';

export type JekyllPostInput = Pick<
  Article,
  'title' | 'canonicalUrl' | 'url' | 'siteName' | 'published' | 'savedAt' | 'tags' | 'markdown'
>;

export interface JekyllPost {
  fileName: string;
  content: string;
}

/** The Jekyll preset with the default settings, for an article without highlights. */
export function renderJekyllPost(
  article: JekyllPostInput,
  options: { taken?: Set<string> } = {},
): JekyllPost {
  const taken = options.taken && new Set([...options.taken].map((name) => `_posts/${name}`));
  const { fileName, content } = renderPost(
    {
      title: article.title,
      url: article.url,
      canonicalUrl: article.canonicalUrl,
      siteName: article.siteName,
      author: null,
      language: null,
      published: article.published,
      savedAt: article.savedAt,
      tags: article.tags,
      excerpt: null,
      leadImage: null,
      wordCount: 0,
      content: article.markdown,
      highlights: [],
    },
    { ...DEFAULT_EXPORT_SETTINGS, preset: 'jekyll' },
    [],
    { taken },
  );
  options.taken?.add(fileName);
  return { fileName, content };
}
