/**
 * Reading schema.org JSON-LD blocks, the most reliable metadata a news page carries.
 *
 * Pages put their nodes at the top level, in arrays, under `@graph`, or nested (an Article's
 * `publisher`, `author`, `mainEntity`…), and some blocks are not valid JSON: a bad block is skipped,
 * never thrown on, because one broken script tag must not cost the whole clip.
 */

import { memo } from './doc-memo';

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

const ARTICLE_TYPE = /(?:Article|BlogPosting|SocialMediaPosting|Report)$/i;
const WEB_PAGE_TYPE = /WebPage$/i;

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The block's text as JSON, tolerating the HTML-comment and CDATA wrappers and raw newlines in strings. */
function parseBlock(text: string): JsonValue | undefined {
  const cleaned = text
    .replace(/^\s*(?:<!--|\/\*\s*<!\[CDATA\[\s*\*\/|\/\/\s*<!\[CDATA\[)/, '')
    .replace(/(?:-->|\/\*\s*\]\]>\s*\*\/|\/\/\s*\]\]>)\s*$/, '')
    // Control characters are invalid inside JSON strings yet common there (pasted article text);
    // outside strings they are just whitespace, so a space is safe in both places.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    .replace(/[\u0000-\u001f]+/g, ' ')
    .trim()
    .replace(/;$/, '');
  if (!cleaned) return undefined;
  try {
    return JSON.parse(cleaned) as JsonValue;
  } catch {
    return undefined;
  }
}

/** Every object of every JSON-LD block, depth-first in document order (nested objects included). */
export function readJsonLd(doc: Document): JsonObject[] {
  return memo(doc, 'json-ld', () => parseJsonLd(doc));
}

function parseJsonLd(doc: Document): JsonObject[] {
  const nodes: JsonObject[] = [];
  const visit = (value: JsonValue | undefined, depth: number): void => {
    if (depth > 12) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
    } else if (isJsonObject(value)) {
      nodes.push(value);
      for (const child of Object.values(value)) {
        if (typeof child === 'object' && child !== null) visit(child, depth + 1);
      }
    }
  };
  for (const script of [...doc.getElementsByTagName('script')]) {
    const type = script.getAttribute('type')?.trim().toLowerCase() ?? '';
    if (!type.startsWith('application/ld+json')) continue;
    visit(parseBlock(script.textContent ?? ''), 0);
  }
  return nodes;
}

/** The node's `@type`s as strings (`@type` may be a string or an array). */
export function jsonLdTypes(node: JsonObject): string[] {
  const type = node['@type'];
  const list = Array.isArray(type) ? type : [type];
  return list.filter((t): t is string => typeof t === 'string');
}

/**
 * The nodes most likely to describe the page itself, best first: articles, then web pages, then
 * everything else. A page's JSON-LD often also describes its site, publisher and related links.
 */
export function rankJsonLdNodes(nodes: readonly JsonObject[]): JsonObject[] {
  const rank = (node: JsonObject): number => {
    const types = jsonLdTypes(node);
    if (types.some((t) => ARTICLE_TYPE.test(t))) return 0;
    if (types.some((t) => WEB_PAGE_TYPE.test(t))) return 1;
    return 2;
  };
  return nodes
    .map((node, index) => ({ node, index, rank: rank(node) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.node);
}

/** A text value: the string itself, a number as text, or the first usable string of an array. */
export function jsonLdText(value: JsonValue | undefined): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = jsonLdText(item);
      if (text) return text;
    }
  }
  return null;
}

/** A name: a string, or an object's `name` (schema.org's Person/Organization), for one or many. */
export function jsonLdNames(value: JsonValue | undefined): string[] {
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (Array.isArray(value)) return value.flatMap((item) => jsonLdNames(item));
  if (isJsonObject(value)) return jsonLdNames(value['name']);
  return [];
}
