/**
 * The two extractors the eval compares, each on a jsdom document built from the decoded page:
 * our pipeline (`extractArticle`, exactly what the extension injects into the tab) and vanilla
 * Readability.js as the corpus README runs it. Needs a DOM in the global scope (DOMPurify and
 * `DOMParser` are the page's in the extension): vitest's jsdom environment, or `installDomGlobals`.
 */

import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import '../../lib/english-fallback'; // the extractor's messages, in English as in the browser
import { htmlToBlockText } from '../../lib/extract/block-text';
import { extractArticle, type ExtractOptions } from '../../lib/extract/extract-article';

export interface Prediction {
  text: string;
  title: string | null;
  published: string | null;
  byline: string | null;
  /** Time of the extraction itself, without building the document. */
  ms: number;
  /** Why there is no result, when the extractor threw. */
  error?: string;
}

export interface LoadedDocument {
  doc: Document;
  /** The page made jsdom throw and was read again with its `<style>` contents emptied. */
  stylesEmptied: boolean;
  close: () => void;
}

const STYLE_CONTENT = /(<style\b[^>]*>)[\s\S]*?(<\/style>)/gi;

/**
 * A jsdom document of the page (no scripts, no subresources). jsdom 29 throws on some CSS that
 * browsers ignore (feasibility §9): the page is then read again with its `<style>`s emptied.
 */
export function loadDocument(html: string, url: string): LoadedDocument {
  const virtualConsole = new VirtualConsole();
  const build = (markup: string) => new JSDOM(markup, { url, virtualConsole });
  let dom: JSDOM;
  let stylesEmptied = false;
  try {
    dom = build(html);
  } catch {
    dom = build(html.replace(STYLE_CONTENT, '$1$2'));
    stylesEmptied = true;
  }
  return { doc: dom.window.document, stylesEmptied, close: () => dom.window.close() };
}

function message(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Our pipeline; a page it rejects (no article) predicts "". */
export function runOurs(doc: Document, url: string, options?: ExtractOptions): Prediction {
  const started = performance.now();
  try {
    const result = extractArticle(doc, url, options);
    const ms = performance.now() - started;
    if (!result.ok) return { text: '', title: null, published: null, byline: null, ms };
    const { text, title, published, byline } = result.value;
    return { text, title: title || null, published, byline, ms };
  } catch (error) {
    const ms = performance.now() - started;
    return { text: '', title: null, published: null, byline: null, ms, error: message(error) };
  }
}

export interface ReadabilityPrediction extends Prediction {
  /** `article.textContent`, which the published Scrapinghub run scored (M2). */
  textContent: string;
}

/** Vanilla Readability.js 0.6.0 with default options; `parse()` returning null predicts "". */
export function runReadability(doc: Document): ReadabilityPrediction {
  const started = performance.now();
  try {
    const article = new Readability(doc).parse();
    const ms = performance.now() - started;
    return {
      text: article?.content ? htmlToBlockText(article.content) : '',
      textContent: article?.textContent ?? '',
      title: article?.title?.trim() || null,
      published: article?.publishedTime?.trim() || null,
      byline: article?.byline?.trim() || null,
      ms,
    };
  } catch (error) {
    const ms = performance.now() - started;
    return {
      text: '',
      textContent: '',
      title: null,
      published: null,
      byline: null,
      ms,
      error: message(error),
    };
  }
}
