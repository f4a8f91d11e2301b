/**
 * One front-matter Markdown post (and, for our own exports, its JSON sidecar) → an article with
 * its highlights, ready to be written. Runs in the library page: HTML bodies are sanitised with
 * DOMPurify and Markdown bodies become HTML with `marked` (then sanitised), which need a DOM.
 * Throws an Error whose message says what is wrong with the file; nothing is written for it.
 */
import { marked } from 'marked';
import { parseFrontMatter } from '../export/front-matter';
import { htmlToBlockText } from '../extract/block-text';
import { sanitizeArticleHtml } from '../extract/sanitize-html';
import { countWords } from '../extract/word-count';
import { htmlToMarkdown } from '../markdown/html-to-markdown';
import { HIGHLIGHT_COLORS, type HighlightColor } from '../model';
import {
  fingerprint,
  postFingerprints,
  SIDECAR_FORMAT,
  splitPost,
  type Sidecar,
} from './library-post';
import type { ImportRecord, IncomingArticle, IncomingHighlight } from './types';

const JEKYLL_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * A front-matter date → ISO 8601 with its offset: `2022-01-12 21:56:33 +0800` →
 * `2022-01-12T21:56:33+08:00`. Without an offset (Jekyll then uses the site's zone, which the
 * post does not say) it is read as UTC, so the day in the file name never moves.
 */
export function isoFromPostDate(value: string): string {
  const match = JEKYLL_DATE.exec(value.trim());
  if (!match) throw new Error(`Unreadable date ${JSON.stringify(value)}`);
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = match;
  let offset = '+00:00';
  if (zone && !/^z$/i.test(zone)) {
    const digits = zone.replace(':', '');
    offset = `${digits.slice(0, 3)}:${digits.slice(3, 5).padEnd(2, '0')}`;
  }
  const check = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
  if (
    Number.isNaN(check.getTime()) ||
    check.getUTCDate() !== Number(d) ||
    Number(offset.slice(1, 3)) > 23
  )
    throw new Error(`Unreadable date ${JSON.stringify(value)}`);
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Jekyll reads `tags: a b` as two tags and a YAML list as given. */
function wordList(value: unknown, what: string): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      if (typeof item === 'string' || typeof item === 'number') return [String(item).trim()];
      throw new Error(`"${what}" holds something that is not a word`);
    });
  }
  throw new Error(`"${what}" is neither a list nor a word`);
}

function optionalString(data: Record<string, unknown>, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = data[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
    if (typeof value === 'number') return String(value);
  }
  return null;
}

function colorOf(value: unknown): HighlightColor {
  return HIGHLIGHT_COLORS.includes(value as HighlightColor) ? (value as HighlightColor) : 'yellow';
}

function frontMatterHighlights(value: unknown, nowIso: string): IncomingHighlight[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error('"highlights" is not a list');
  return value.map((item, i) => {
    const quote = typeof item === 'string' ? item : isRecord(item) ? item.quote : undefined;
    if (typeof quote !== 'string' || !quote.trim())
      throw new Error(`Highlight ${i + 1} has no quote`);
    const note = isRecord(item) && typeof item.note === 'string' ? item.note : '';
    return {
      quote,
      note,
      color: colorOf(isRecord(item) ? item.color : undefined),
      // The quote is enough for the reader view to find it again in the article.
      articleSelectors: [{ type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' }],
      pageSelectors: [],
      createdAt: nowIso,
      updatedAt: nowIso,
    };
  });
}

const AUTOLINK_LINE = /^<(https?:\/\/[^\s<>]+)>[ \t]*$/gm;
const HTML_BODY =
  /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:p|div|h[1-6]|section|article|main|figure|img|table|ul|ol|blockquote|pre|span|strong|em|b|i|a|br|hr|header)\b/i;

/** The body up to its source link (`<https://…>` on a line of its own), and that link. */
function splitSourceLink(body: string): { article: string; link: string | null } {
  let last: RegExpExecArray | null = null;
  AUTOLINK_LINE.lastIndex = 0;
  for (let m = AUTOLINK_LINE.exec(body); m; m = AUTOLINK_LINE.exec(body)) last = m;
  if (!last) return { article: body, link: null };
  return { article: body.slice(0, last.index), link: last[1] ?? null };
}

interface BodyFields {
  html: string;
  markdown: string;
  text: string;
  wordCount: number;
}

/** HTML (sanitised; Markdown made from it) or Markdown (HTML made from it, sanitised). */
export function bodyFields(article: string, baseUrl: string): BodyFields {
  const trimmed = article.trim();
  let html: string;
  let markdown: string;
  if (HTML_BODY.test(trimmed)) {
    html = sanitizeArticleHtml(trimmed);
    markdown = htmlToMarkdown(html, baseUrl);
  } else {
    markdown = trimmed;
    html = sanitizeArticleHtml(marked.parse(trimmed, { async: false, gfm: true }));
  }
  const text = htmlToBlockText(html);
  return { html, markdown, text, wordCount: countWords(text) };
}

function stemOf(path: string): string {
  return (path.split('/').pop() ?? path).replace(/\.(md|markdown)$/i, '');
}

/** A post's own place: its source link, else a `urn:` from its file name (re-import merges). */
function syntheticUrl(path: string): string {
  return `urn:gleaner:post:${encodeURIComponent(stemOf(path))}`;
}

const FILE_DATE = /^(\d{4}-\d{2}-\d{2})-/;

/** A hand-written post (or one of ours without its sidecar) → an import record. */
export function recordFromPost(path: string, post: string, nowIso: string): ImportRecord {
  const { data, body } = parseFrontMatter(post);
  const title = optionalString(data, 'title');
  if (!title) throw new Error('No title in the front matter');
  const rawDate = data.date ?? FILE_DATE.exec(stemOf(path))?.[1];
  const published =
    typeof rawDate === 'string' || typeof rawDate === 'number'
      ? isoFromPostDate(String(rawDate))
      : null;
  const split = splitSourceLink(body);
  const url =
    optionalString(data, 'canonical_url', 'source_url', 'source', 'original_url', 'link') ??
    split.link ??
    syntheticUrl(path);
  const savedRaw = optionalString(data, 'saved_at', 'saved');
  const savedAt = savedRaw ? isoFromPostDate(savedRaw) : (published ?? nowIso);
  const fields = bodyFields(split.article, /^https?:/.test(url) ? url : 'https://invalid.invalid/');
  const article: IncomingArticle = {
    title,
    byline: optionalString(data, 'author', 'byline'),
    siteName: optionalString(data, 'site_name', 'site'),
    language: optionalString(data, 'lang', 'language'),
    url,
    canonicalUrl: url,
    published,
    excerpt: optionalString(data, 'excerpt', 'description'),
    leadImage: optionalString(data, 'image', 'lead_image'),
    keywords: [],
    ...fields,
    source: 'article',
    tags: [...new Set([...wordList(data.tags, 'tags'), ...wordList(data.tag, 'tag')])],
    categories: [
      ...new Set([
        ...wordList(data.categories, 'categories'),
        ...wordList(data.category, 'category'),
      ]),
    ],
    savedAt,
    updatedAt: nowIso,
  };
  return { article, highlights: frontMatterHighlights(data.highlights, nowIso) };
}

/** A sidecar file → its records, checked enough that a broken one is refused, not half-read. */
export function readSidecar(text: string): Sidecar {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`The sidecar is not JSON (${error instanceof Error ? error.message : error})`, {
      cause: error,
    });
  }
  if (!isRecord(raw) || raw.format !== SIDECAR_FORMAT)
    throw new Error('The sidecar is not a Gleaner article');
  const article = raw.article;
  if (
    !isRecord(article) ||
    typeof article.title !== 'string' ||
    typeof article.url !== 'string' ||
    typeof article.html !== 'string' ||
    typeof article.text !== 'string' ||
    !Array.isArray(article.tags) ||
    typeof article.savedAt !== 'string'
  )
    throw new Error('The sidecar has no complete article');
  if (!Array.isArray(raw.highlights) || !raw.highlights.every(isRecord))
    throw new Error('The sidecar has no list of highlights');
  return raw as unknown as Sidecar;
}

function fromSidecar(sidecar: Sidecar, post: string | null): ImportRecord {
  // The key is the library's, made again from the URL where the record lands.
  const { urlKey, ...article } = sidecar.article;
  void urlKey;
  const shared = sidecar.markdownInBody;
  if (shared) {
    const body = post === null ? null : (splitPost(post)?.body ?? post);
    if (body === null || fingerprint(body) !== sidecar.bodyHash)
      throw new Error('The post this sidecar belongs to is missing or its text was edited');
    article.markdown = body.slice(shared.start, shared.start + shared.length);
  }
  return {
    article,
    highlights: sidecar.highlights.map((highlight) => {
      const { articleId, ...rest } = highlight;
      void articleId; // decided where the record lands
      return rest;
    }),
  };
}

/**
 * Our own export: the sidecar's records as they were, unless the post was edited since; then
 * what the post now says wins (title, date, tags, categories, highlights' notes, the text).
 */
export function recordFromExport(
  path: string,
  post: string | null,
  sidecarText: string,
  nowIso: string,
): ImportRecord {
  const sidecar = readSidecar(sidecarText);
  if (post === null) return fromSidecar(sidecar, null);
  const prints = postFingerprints(post);
  const bodyUnchanged = prints.bodyHash === sidecar.bodyHash;
  if (prints.postHash === sidecar.postHash) return fromSidecar(sidecar, post);

  const edited = recordFromPost(path, post, nowIso);
  // An edited body brings its own Markdown, so the sidecar's is not needed then.
  const exact = bodyUnchanged
    ? fromSidecar(sidecar, post)
    : fromSidecar({ ...sidecar, markdownInBody: undefined }, null);
  const base = exact.article;
  const article: IncomingArticle = {
    ...base,
    title: edited.article.title,
    // A date shown as it was (in whatever zone the template writes) is not an edit.
    published:
      edited.article.published &&
      !sameInstant(edited.article.published, base.published ?? base.savedAt)
        ? edited.article.published
        : base.published,
    tags: edited.article.tags,
    updatedAt: nowIso,
    ...(bodyUnchanged
      ? {}
      : {
          html: edited.article.html,
          markdown: edited.article.markdown,
          text: edited.article.text,
          wordCount: edited.article.wordCount,
        }),
  };
  if (edited.article.categories?.length) article.categories = edited.article.categories;
  // Highlights still listed in the front matter stay (with its note); others were removed.
  const listed = new Map(edited.highlights.map((h) => [h.quote, h]));
  const highlights = listed.size
    ? exact.highlights
        .filter((h) => listed.has(h.quote))
        .map((h) => {
          const note = listed.get(h.quote)?.note ?? h.note;
          return note === h.note ? h : { ...h, note, updatedAt: nowIso };
        })
    : exact.highlights;
  for (const h of edited.highlights) {
    if (!exact.highlights.some((known) => known.quote === h.quote)) highlights.push(h);
  }
  return { article, highlights };
}

/** The front matter shows dates to the second: the same second means not edited. */
function sameInstant(a: string, b: string): boolean {
  return Math.floor(Date.parse(a) / 1000) === Math.floor(Date.parse(b) / 1000);
}
