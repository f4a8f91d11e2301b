/**
 * One saved article as files of a site fragment: the post, rendered by the export entry point
 * with the user's settings, plus a `highlights:` list in its front matter (quote, note, colour:
 * what a hand-edited post or a Jekyll layout can use), plus a JSON sidecar under `_gleaner/` with
 * the complete records, so importing our own export gives back exactly what was saved. Jekyll
 * ignores folders that start with `_`, so the sidecars never become pages.
 */
import { Scalar, YAMLMap, YAMLSeq, parseDocument } from 'yaml';
import { buildPostData, highlightsNeedDom } from '../export/build-post-data';
import { effectiveHighlightSyntax, type ExportSettings } from '../export/export-settings';
import { postImagesOf } from '../export/post-images';
import { renderPost, type ExportedImage } from '../export/render-post';
import type { Highlight } from '../model';
import type { SiteRule } from '../site-rules';
import type { ArticleBundle, LibraryArticle } from './types';

export const SIDECAR_DIR = '_gleaner';
export const SIDECAR_FORMAT = 'gleaner-article';
export const SIDECAR_VERSION = 1;

/** The sidecar of one post: the records as stored, and fingerprints of the post as written. */
export interface Sidecar {
  format: typeof SIDECAR_FORMAT;
  version: number;
  /** Fingerprint of the whole post file: equal means the post was not edited since export. */
  postHash: string;
  /** Fingerprint of the body: equal means the text was not edited (front matter may have been). */
  bodyHash: string;
  article: LibraryArticle;
  highlights: Highlight[];
  /**
   * Set when the article's Markdown is in the post's body word for word (the usual case): the
   * sidecar's `article.markdown` is then '' and the text is read back from the body, so the
   * archive does not hold it twice.
   */
  markdownInBody?: { start: number; length: number };
  /**
   * The kept images the archive carries for this post: archive path → SHA-256 of the bytes there
   * (where the preset writes them: Jekyll `assets/images/<yyyy-mm-dd>-<slug>/`, a Hugo bundle). An import
   * stores an image only when its bytes have this hash. Absent in older sidecars.
   */
  imagePaths?: Record<string, string>;
}

export interface PostFiles {
  postPath: string;
  postContent: string;
  sidecarPath: string;
  sidecarContent: string;
  /** The image files that go with the post (by content hash), when it links kept images. */
  images: ExportedImage[];
}

/** Shorter Markdown is simply written twice. */
const MIN_SHARED_MARKDOWN = 64;

export interface RenderSettings {
  export: ExportSettings;
  siteRules: readonly SiteRule[];
}

/** cyrb53: a fast 53-bit string hash, to notice edits (not a security measure). */
export function fingerprint(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * Fingerprints of a post's body and of the whole post (front matter + body), reading the long
 * body once. Equal post: not edited at all; equal body: only the front matter may have been.
 */
export function postFingerprints(post: string): { bodyHash: string; postHash: string } {
  const parts = splitPost(post);
  const body = parts?.body ?? post;
  const bodyHash = fingerprint(body);
  return {
    bodyHash,
    postHash: `${fingerprint(post.slice(0, post.length - body.length))}.${bodyHash}`,
  };
}

const OPENING = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;

/** Splits a post into its front matter text (without the `---` lines) and its body. */
export function splitPost(post: string): { frontMatter: string; body: string } | null {
  const opening = OPENING.exec(post);
  if (!opening) return null;
  const rest = post.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (!closing) return null;
  return {
    frontMatter: rest.slice(0, closing.index),
    body: rest.slice(closing.index + closing[0].length),
  };
}

// `yaml` writes "…" with JSON escapes and leaves these raw; libyaml (Jekyll) refuses them raw.
const RAW_UNSAFE = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;
const escapeRaw = (ch: string) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

function quoted(text: string): Scalar<string> {
  const node = new Scalar(text.toWellFormed());
  node.type = Scalar.QUOTE_DOUBLE;
  return node;
}

function stringList(values: readonly string[]): YAMLSeq {
  const seq = new YAMLSeq();
  for (const value of values) seq.items.push(quoted(value));
  return seq;
}

/**
 * Adds `highlights:` (when the template did not write one) and the article's own `categories`
 * (an imported post's) to the front matter of a rendered post. Other fields keep their style.
 */
export function withLibraryFields(
  post: string,
  article: LibraryArticle,
  highlights: readonly Highlight[],
): string {
  const categories = article.categories ?? [];
  if (!highlights.length && !categories.length) return post;
  const parts = splitPost(post);
  if (!parts) return post; // a template without front matter: the sidecar still has everything
  const doc = parseDocument(parts.frontMatter, { version: '1.2', schema: 'core' });
  if (doc.errors.length || !(doc.contents instanceof YAMLMap)) return post;
  let changed = false;
  if (categories.length && doc.has('categories')) {
    doc.set('categories', stringList(categories));
    changed = true;
  }
  if (highlights.length && !doc.has('highlights')) {
    const seq = new YAMLSeq();
    for (const h of highlights) {
      const map = new YAMLMap();
      map.set('quote', quoted(h.quote));
      if (h.note) map.set('note', quoted(h.note));
      map.set('color', h.color);
      seq.items.push(map);
    }
    doc.set('highlights', seq);
    changed = true;
  }
  if (!changed) return post;
  const yaml = doc
    .toString({
      lineWidth: 0,
      doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER,
      indentSeq: true,
    })
    .replace(RAW_UNSAFE, escapeRaw);
  return `---\n${yaml}---\n${parts.body}`;
}

/**
 * The post and its sidecar for one article; `taken` makes names unique within one export.
 * `imageTypes` (stored MIME type by hash) are the kept images the export carries: the post links
 * them where the preset writes them; images it does not list stay remote links.
 * `dom: false` (a service worker) renders highlights that need a DOM to be placed in the text
 * unmarked: they are still in the front matter's `highlights:` list and in the sidecar.
 */
export function renderLibraryPost(
  bundle: ArticleBundle,
  settings: RenderSettings,
  taken: Set<string>,
  imageTypes: ReadonlyMap<string, string> = new Map(),
  options: { dom?: boolean } = {},
): PostFiles {
  const { article, highlights } = bundle;
  const unmarked = options.dom === false && highlightsNeedDom(article, highlights);
  const data = buildPostData(
    article,
    article.tags,
    unmarked ? [] : highlights,
    article.savedAt,
    effectiveHighlightSyntax(settings.export),
  );
  const images = imageTypes.size ? postImagesOf(article.images, imageTypes) : [];
  if (images.length) data.images = images;
  if (unmarked) {
    data.highlights = highlights.map((h) => ({
      quote: h.quote,
      note: h.note,
      color: h.color,
      placed: false,
    }));
  }
  const rendered = renderPost(data, settings.export, settings.siteRules, { taken });
  const postContent = withLibraryFields(rendered.content, article, highlights);
  const stem = rendered.path.replace(/\.md$/i, '');
  const { bodyHash, postHash } = postFingerprints(postContent);
  const body = splitPost(postContent)?.body ?? postContent;
  const start =
    article.markdown.length >= MIN_SHARED_MARKDOWN ? body.indexOf(article.markdown) : -1;
  const sidecar: Sidecar = {
    format: SIDECAR_FORMAT,
    version: SIDECAR_VERSION,
    postHash,
    bodyHash,
    article: start >= 0 ? { ...article, markdown: '' } : article,
    highlights: [...highlights],
    ...(start >= 0 ? { markdownInBody: { start, length: article.markdown.length } } : {}),
  };
  const files = rendered.images ?? [];
  if (files.length)
    sidecar.imagePaths = Object.fromEntries(files.map((image) => [image.path, image.hash]));
  return {
    postPath: rendered.path,
    postContent,
    sidecarPath: `${SIDECAR_DIR}/${stem}.json`,
    sidecarContent: JSON.stringify(sidecar),
    images: files,
  };
}
