import DOMPurify from 'dompurify';

/**
 * Article HTML through DOMPurify: no scripts, handlers, frames, forms or styles; only http(s)
 * and mailto links. Run where a DOM exists (the tab, an extension page, jsdom).
 */
export function sanitizeArticleHtml(html: string): string {
  return DOMPurify.sanitize(html, {
    FORBID_TAGS: [
      'style',
      'form',
      'input',
      'button',
      'select',
      'textarea',
      'iframe',
      'frame',
      'object',
      'embed',
      'svg',
      'math',
    ],
    FORBID_ATTR: ['style', 'class', 'id'],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#)/i,
  });
}
