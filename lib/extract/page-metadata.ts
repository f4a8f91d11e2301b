/**
 * Page metadata Readability does not give us (canonical URL, lead image, keywords, a published date
 * with its offset) or gives poorly (title with the site suffix, byline), read from the tab's DOM.
 */

import type { ExtractedArticle } from '../model';
import { httpUrl, readCanonicalUrl } from './canonical-url';
import { withDocumentMemo } from './doc-memo';
import { descendants } from './element-walk';
import { findHeadline, headlineText, textAfter } from './headline';
import type { JsonObject, JsonValue } from './json-ld';
import { isJsonObject, jsonLdNames, jsonLdText, rankJsonLdNodes, readJsonLd } from './json-ld';
import { metaContent, metaContents } from './meta-tags';
import { findPublished } from './published-date';
import { cleanTitle } from './title';

export type PageMetadata = Pick<
  ExtractedArticle,
  | 'title'
  | 'byline'
  | 'siteName'
  | 'language'
  | 'canonicalUrl'
  | 'published'
  | 'excerpt'
  | 'leadImage'
  | 'keywords'
>;

const MAX_KEYWORDS = 20;
const MAX_BYLINE_LENGTH = 100;

function collapse(value: string | null | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

/** The first JSON-LD value of `key`, looking at the page's own node (article, web page) first. */
function firstJsonLd(nodes: readonly JsonObject[], key: string): JsonValue | undefined {
  for (const node of nodes) {
    const value = node[key];
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}

/** `zh_cn` → `zh-CN`, `zh-hans` → `zh-Hans`; null for what is not a language tag ("{{lang}}"). */
function normalizeLanguage(value: string | null | undefined): string | null {
  const tag =
    collapse(value)
      .split(/[,;\s]/)[0]
      ?.replace(/_/g, '-') ?? '';
  if (!/^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(tag)) return null;
  return tag
    .split('-')
    .map((sub, index) => {
      if (index === 0) return sub.toLowerCase();
      if (sub.length === 2) return sub.toUpperCase();
      if (sub.length === 4) return sub[0]?.toUpperCase() + sub.slice(1).toLowerCase();
      return sub.toLowerCase();
    })
    .join('-');
}

function readLanguage(doc: Document, nodes: readonly JsonObject[]): string | null {
  const candidates = [
    doc.documentElement.getAttribute('lang'),
    doc.documentElement.getAttribute('xml:lang'),
    metaContent(doc, 'content-language'),
    metaContent(doc, 'og:locale'),
    jsonLdText(firstJsonLd(nodes, 'inLanguage')),
  ];
  for (const candidate of candidates) {
    const language = normalizeLanguage(candidate);
    if (language) return language;
  }
  return null;
}

function hostName(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

function readSiteName(doc: Document, nodes: readonly JsonObject[], tabUrl: string): string | null {
  const publisher = firstJsonLd(nodes, 'publisher');
  return (
    collapse(metaContent(doc, 'og:site_name')) ||
    jsonLdNames(publisher)[0] ||
    collapse(metaContent(doc, 'application-name')) ||
    hostName(tabUrl)
  );
}

/**
 * A byline without its label ("By ", "作者：", "来源：") or stray separators; null when it is too long
 * to be a name or is a URL. (No "von"/"di" labels: they also start surnames.)
 */
function cleanByline(value: string | null | undefined): string | null {
  const text = collapse(value)
    .replace(/^(?:by|written by|par|por|автор)\s*[:：]?\s+/i, '')
    .replace(/^(?:作者|来源|來源|文|记者|記者|编辑|編輯|撰文|责任编辑)\s*[:：|]\s*/, '')
    .trim();
  const trimmed = text.replace(/^[\s,;:|·•–—-]+|[\s,;:|·•–—-]+$/g, '');
  if (!trimmed || trimmed.length > MAX_BYLINE_LENGTH) return null;
  // A profile URL or a domain ("51offer.com") names a page, not a person.
  if (/^(?:https?:)?\/\//i.test(trimmed) || /^(?:www\.)?[\w-]+(?:\.[\w-]+)+$/i.test(trimmed))
    return null;
  return trimmed;
}

function readByline(doc: Document, nodes: readonly JsonObject[]): string | null {
  const authors = [...new Set(jsonLdNames(firstJsonLd(nodes, 'author')).map(collapse))].filter(
    Boolean,
  );
  const fromJsonLd = cleanByline(authors.join(', '));
  if (fromJsonLd) return fromJsonLd;
  for (const value of [
    metaContent(doc, 'author'),
    metaContent(doc, 'article:author'),
    metaContent(doc, 'dc.creator'),
    metaContent(doc, 'parsely-author'),
    metaContent(doc, 'sailthru.author'),
  ]) {
    const byline = cleanByline(value);
    if (byline) return byline;
  }
  for (const element of bylineElements(doc)) {
    // Microdata puts the name in a child (`itemprop="name"`) or in a `content` attribute.
    const name =
      element.querySelector('[itemprop~="name"]')?.textContent ??
      element.getAttribute('content') ??
      element.textContent;
    const byline = cleanByline(name);
    if (byline) return byline;
  }
  return labelledAuthor(doc);
}

/**
 * `[rel~=author], [itemprop~=author], .byline, .author, [class*=byline], [class*=author-name]`, in
 * document order — read attribute by attribute: selector engines are slow at `[class*=…]`.
 */
function* bylineElements(doc: Document): Generator<Element> {
  const words = (value: string | null) => (value ?? '').toLowerCase().split(/\s+/);
  for (const element of descendants(doc.body ?? doc.documentElement)) {
    if (!element.hasAttributes()) continue;
    const className = element.getAttribute('class') ?? '';
    if (
      words(element.getAttribute('rel')).includes('author') ||
      words(element.getAttribute('itemprop')).includes('author') ||
      /(?:^|\s)(?:byline|author)(?:\s|$)|byline|author-name/.test(className)
    )
      yield element;
  }
}

/** Words that end a "作者：" byline: the next label or a page widget. */
const BYLINE_END =
  /\s*(?:来源|來源|编辑|編輯|责任编辑|时间|時間|日期|发布|發佈|发表|译|出自|阅读|分享|我来说两句|我要说说|[【[|｜:：]|https?:).*$/;

/**
 * The name after a "作者：" label right below the headline, where Chinese pages print the byline.
 * Names are short tokens; a long token is the article or a widget starting.
 */
function labelledAuthor(doc: Document): string | null {
  const headline = findHeadline(doc);
  if (!headline) return null;
  const match = /(?:^|[\s\]】）)])(?:作者|撰文)\s*[:：]\s*(.+)$/.exec(textAfter(headline, 250));
  if (!match?.[1]) return null;
  const tokens: string[] = [];
  for (const token of match[1].replace(BYLINE_END, '').split(' ')) {
    if (/[\u3400-\u9fff]/.test(token) && token.length > 4) break;
    tokens.push(token);
    if (tokens.length >= 4) break;
  }
  return cleanByline(tokens.join(' '));
}

function readExcerpt(doc: Document, nodes: readonly JsonObject[]): string | null {
  return (
    collapse(metaContent(doc, 'og:description', 'description', 'twitter:description')) ||
    collapse(jsonLdText(firstJsonLd(nodes, 'description'))) ||
    null
  );
}

/** JSON-LD `image` as URLs: a string, an ImageObject (`url`, `contentUrl`) or a list of either. */
function jsonLdImages(value: JsonValue | undefined): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap((item) => jsonLdImages(item));
  if (isJsonObject(value))
    return [...jsonLdImages(value['url']), ...jsonLdImages(value['contentUrl'])];
  return [];
}

function readLeadImage(doc: Document, nodes: readonly JsonObject[], tabUrl: string): string | null {
  const candidates = [
    ...metaContents(doc, 'og:image'),
    ...metaContents(doc, 'og:image:url'),
    ...metaContents(doc, 'og:image:secure_url'),
    ...metaContents(doc, 'twitter:image'),
    ...metaContents(doc, 'twitter:image:src'),
    ...jsonLdImages(firstJsonLd(nodes, 'image')),
  ];
  for (const candidate of candidates) {
    const url = httpUrl(candidate, tabUrl);
    if (url) return url;
  }
  return null;
}

const KEYWORD_SEPARATOR = /[,，;；、]/;

function readKeywords(doc: Document, nodes: readonly JsonObject[]): string[] {
  const jsonLd = firstJsonLd(nodes, 'keywords');
  const raw = [
    ...metaContents(doc, 'keywords').flatMap((value) => value.split(KEYWORD_SEPARATOR)),
    ...metaContents(doc, 'news_keywords').flatMap((value) => value.split(KEYWORD_SEPARATOR)),
    ...metaContents(doc, 'article:tag'),
    ...(Array.isArray(jsonLd)
      ? jsonLd.filter((item): item is string => typeof item === 'string')
      : typeof jsonLd === 'string'
        ? jsonLd.split(KEYWORD_SEPARATOR)
        : []),
  ];
  const seen = new Set<string>();
  const keywords: string[] = [];
  for (const value of raw) {
    const keyword = collapse(value);
    const key = keyword.toLowerCase();
    if (!keyword || seen.has(key)) continue;
    seen.add(key);
    keywords.push(keyword);
    if (keywords.length >= MAX_KEYWORDS) break;
  }
  return keywords;
}

function readTitle(doc: Document, nodes: readonly JsonObject[], siteName: string | null): string {
  const ogTitle = collapse(metaContent(doc, 'og:title', 'twitter:title'));
  const h1 = headlineText(findHeadline(doc));
  const title = cleanTitle(doc.title, { ogTitle, h1, siteName });
  return title || collapse(jsonLdText(firstJsonLd(nodes, 'headline')));
}

/** Everything but the article body, read from the tab's document (which is not modified). */
export function readPageMetadata(doc: Document, tabUrl: string): PageMetadata {
  return withDocumentMemo(doc, () => readMetadata(doc, tabUrl));
}

function readMetadata(doc: Document, tabUrl: string): PageMetadata {
  const nodes = rankJsonLdNodes(readJsonLd(doc));
  const language = readLanguage(doc, nodes);
  const siteName = readSiteName(doc, nodes, tabUrl);
  return {
    title: readTitle(doc, nodes, siteName),
    byline: readByline(doc, nodes),
    siteName,
    language,
    canonicalUrl: readCanonicalUrl(doc, tabUrl),
    published: findPublished(doc, language),
    excerpt: readExcerpt(doc, nodes),
    leadImage: readLeadImage(doc, nodes, tabUrl),
    keywords: readKeywords(doc, nodes),
  };
}
