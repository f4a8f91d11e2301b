import { t } from '../i18n';
import {
  extractArticle,
  extractSelection,
  type ClipResult,
  type ExtractionRule,
} from './extract-article';

/**
 * The extractor's one entry point: whatever the page does to the DOM, libraries or our code,
 * the answer is a result — an article, or a typed failure with a message — never an exception.
 */
export function clipPage(
  doc: Document,
  url: string,
  mode: 'article' | 'selection',
  siteRules: readonly ExtractionRule[] = [],
): ClipResult {
  try {
    return mode === 'selection'
      ? extractSelection(doc, url)
      : extractArticle(doc, url, { siteRules });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const tooBig =
      error instanceof RangeError || /maximum call stack|too many|elements found/i.test(reason);
    return {
      ok: false,
      error: tooBig
        ? { code: 'too-large', message: t('error_too_large') }
        : { code: 'extraction-failed', message: t('error_extraction_failed', reason) },
    };
  }
}
