import { Readability } from '@mozilla/readability';
import { t } from '../i18n';
import type { ClipFailure, ExtractedArticle } from '../model';
import { htmlToMarkdown } from '../markdown/html-to-markdown';
import { err, ok, type Result } from '../result';
import { looksLikeArticle } from './article-check';
import { blockText } from './block-text';
import { cleanArticle } from './clean-article';
import { readPageMetadata, type PageMetadata } from './page-metadata';
import { prepareDocument } from './prepare-document';
import { sanitizeArticleHtml } from './sanitize-html';
import { countWords } from './word-count';

export type ClipResult = Result<ExtractedArticle, ClipFailure>;

/** Readability mutates what it reads: it gets a copy, never the user's live page. */
function cloneForReading(doc: Document): Document {
  try {
    return doc.cloneNode(true) as Document;
  } catch {
    // Some pages carry attributes the DOM cannot clone; a re-parse of the markup can.
    return new DOMParser().parseFromString(doc.documentElement.outerHTML, 'text/html');
  }
}

function buildArticle(
  metadata: PageMetadata,
  tabUrl: string,
  baseUrl: string,
  rawHtml: string,
  source: ExtractedArticle['source'],
): ExtractedArticle {
  const html = sanitizeArticleHtml(rawHtml);
  const container = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;
  const text = blockText(container);
  return {
    ...metadata,
    url: tabUrl,
    html,
    markdown: htmlToMarkdown(html, baseUrl),
    text,
    wordCount: countWords(text),
    source,
  };
}

/** The article of a page: metadata, sanitised HTML, Markdown and text; or why there is none. */
export function extractArticle(doc: Document, tabUrl: string): ClipResult {
  const metadata = readPageMetadata(doc, tabUrl);
  const copy = cloneForReading(doc);
  prepareDocument(copy);
  const parsed = new Readability(copy, { charThreshold: 300, keepClasses: true }).parse();
  const content = parsed?.content
    ? new DOMParser().parseFromString(`<body>${parsed.content}</body>`, 'text/html').body
    : null;
  if (content) cleanArticle(content);
  if (!content || !looksLikeArticle(content)) {
    return err({
      code: 'no-article',
      message: t('error_no_article'),
    });
  }
  return ok(
    buildArticle(
      {
        ...metadata,
        byline: metadata.byline ?? parsed?.byline?.trim() ?? null,
        excerpt: metadata.excerpt ?? parsed?.excerpt?.trim() ?? null,
      },
      tabUrl,
      doc.baseURI || tabUrl,
      content.innerHTML,
      'article',
    ),
  );
}

/** The user's selection as a clip, with the page's metadata. */
export function extractSelection(doc: Document, tabUrl: string): ClipResult {
  const selection = doc.getSelection();
  if (!selection || selection.isCollapsed || !selection.toString().trim()) {
    return err({
      code: 'no-selection',
      message: t('error_no_selection'),
    });
  }
  const holder = doc.createElement('div');
  for (let index = 0; index < selection.rangeCount; index += 1) {
    holder.append(selection.getRangeAt(index).cloneContents());
  }
  const metadata = readPageMetadata(doc, tabUrl);
  return ok(buildArticle(metadata, tabUrl, doc.baseURI || tabUrl, holder.innerHTML, 'selection'));
}
