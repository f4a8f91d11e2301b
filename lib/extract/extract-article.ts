import type { ClipFailure, ExtractedArticle } from '../model';
import { elementToMarkdown } from '../markdown/html-to-markdown';
import { t } from '../i18n';
import { err, ok, type Result } from '../result';
import { settleArticleImages } from '../assets/article-images';
import { addStoryLead } from './story-lead';
import { looksLikeArticle } from './article-check';
import { blockText } from './block-text';
import { cleanArticle } from './clean-article';
import { FastReadability } from './fast-readability';
import { chooseContent } from './content-choice';
import { readPageMetadata, type PageMetadata } from './page-metadata';
import { prepareDocument } from './prepare-document';
import { needsReadabilityCheck, withReadabilityFallback } from './readability-fallback';
import { copyOut, elementsToSkip, readingCopy, repairTableParts } from './reading-copy';
import { sanitizeArticleBody } from './sanitize-html';
import { mapText } from './text-blocks';
import { isUsableSelector, matchExtractionRules, type ExtractionRule } from './site-rules';
import { countWords } from './word-count';

export type { ExtractionRule } from './site-rules';
export type ClipResult = Result<ExtractedArticle, ClipFailure>;

export interface ExtractOptions {
  /** The user's own site rules; they come before the built-in ones. */
  siteRules?: readonly ExtractionRule[];
}

/** Readability's minimum article length; lower than its default (500) for short Chinese stories. */
const CHAR_THRESHOLD = 500;
/** A site rule's content element counts when it holds at least this much text. */
const MIN_RULE_CONTENT_CHARS = 140;

function buildArticle(
  metadata: PageMetadata,
  tabUrl: string,
  doc: Document,
  content: Element,
  source: ExtractedArticle['source'],
): ExtractedArticle {
  const baseUrl = doc.baseURI || tabUrl;
  // The content's children, not the content element itself (Readability's wrapper `div`).
  const body = sanitizeArticleBody(content, doc.defaultView);
  const wrapper = body.firstElementChild;
  if (body.childNodes.length === 1 && wrapper?.tagName === 'DIV' && !wrapper.attributes.length)
    wrapper.replaceWith(...wrapper.childNodes);
  repairTableParts(body);
  // Stored with the URL each image is really shown from (lazy, srcset), which capture then keeps.
  settleArticleImages(body, baseUrl);
  const html = body.innerHTML;
  const text = blockText(body);
  return {
    ...metadata,
    url: tabUrl,
    html,
    markdown: elementToMarkdown(body, baseUrl),
    text,
    wordCount: countWords(text),
    source,
  };
}

/** The site rule's content element, copied out of the page (clutter left behind), if it has text. */
function ruleContent(
  doc: Document,
  rules: readonly ExtractionRule[],
  skipped: ReadonlySet<Element>,
  title: string,
): Element | null {
  for (const rule of rules) {
    if (!isUsableSelector(doc, rule.contentSelector)) continue;
    const element = doc.querySelector(rule.contentSelector);
    if (!element || skipped.has(element)) continue;
    const container = copyOut(doc, element, skipped, title);
    if ((container.textContent ?? '').replace(/\s+/g, '').length >= MIN_RULE_CONTENT_CHARS)
      return container;
  }
  return null;
}

/** Readability on the reading copy; its article element, or null. */
function readabilityContent(copy: Document): {
  content: Element | null;
  byline: string | null;
  excerpt: string | null;
} {
  try {
    const parsed = new FastReadability<Element>(copy, {
      charThreshold: CHAR_THRESHOLD,
      keepClasses: true,
      serializer: (element) => element as Element,
    }).parse();
    return {
      content: parsed?.content ?? null,
      byline: parsed?.byline?.trim() || null,
      excerpt: parsed?.excerpt?.trim() || null,
    };
  } catch {
    return { content: null, byline: null, excerpt: null };
  }
}

/** The article of a page: metadata, sanitised HTML, Markdown and text; or why there is none. */
export function extractArticle(
  doc: Document,
  tabUrl: string,
  options: ExtractOptions = {},
): ClipResult {
  const metadata = readPageMetadata(doc, tabUrl);
  const rules = matchExtractionRules([tabUrl, metadata.canonicalUrl], options.siteRules);
  const clutterSelectors = rules.flatMap((rule) => rule.clutterSelectors ?? []);
  const toSkip = elementsToSkip(doc, clutterSelectors);
  const skipped = toSkip.skip;
  const title = metadata.title;

  let content = ruleContent(doc, rules, skipped, title);
  let byline: string | null = null;
  let excerpt: string | null = null;
  /** The page's text outside links and clutter (not measured when a site rule found the story). */
  let pageChars = 0;
  if (content) cleanArticle(content, { title });
  else if (doc.body) {
    const map = mapText(doc.body, skipped);
    pageChars = map.stats.get(map.body)?.text ?? 0;
    const copy = readingCopy(doc, toSkip, title);
    prepareDocument(copy);
    const readability = readabilityContent(copy);
    ({ byline, excerpt } = readability);
    if (readability.content) {
      addStoryLead(doc, readability.content, skipped, title);
      cleanArticle(readability.content, { title });
    }
    content = chooseContent({ doc, skipped, map, readability: readability.content, title });
  }
  if (content && !looksLikeArticle(content)) content = null;
  if (doc.body && needsReadabilityCheck(content, pageChars))
    content = withReadabilityFallback(doc, content, title);
  if (!content) {
    return err({
      code: 'no-article',
      message: t('error_no_article'),
    });
  }
  return ok(
    buildArticle(
      {
        ...metadata,
        byline: metadata.byline ?? byline,
        excerpt: metadata.excerpt ?? excerpt,
      },
      tabUrl,
      doc,
      content,
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
  return ok(buildArticle(metadata, tabUrl, doc, holder, 'selection'));
}
