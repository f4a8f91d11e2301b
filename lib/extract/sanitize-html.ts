import DOMPurify, { type Config, type DOMPurify as Purifier } from 'dompurify';

const ARTICLE_POLICY: Config = {
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
};

/**
 * Article HTML through DOMPurify: no scripts, handlers, frames, forms or styles; only http(s)
 * and mailto links. Run where a DOM exists (the tab, an extension page, jsdom).
 */
export function sanitizeArticleHtml(html: string): string {
  return DOMPurify.sanitize(html, ARTICLE_POLICY) as unknown as string;
}

const purifiers = new WeakMap<object, Purifier>();

/** DOMPurify bound to `view` (the page's window: it must know the page's `Node` to take nodes). */
function purifierFor(view: (Window & typeof globalThis) | null): Purifier {
  if (!view || (typeof window !== 'undefined' && view === window)) return DOMPurify;
  let purifier = purifiers.get(view);
  if (!purifier) {
    purifier = DOMPurify(view);
    purifiers.set(view, purifier);
  }
  return purifier;
}

/**
 * The same policy on an element (or HTML), as a `<body>` element of a document of its own to read
 * text and Markdown from. Taking the element saves serialising and parsing it again. `view` is
 * the window the element's document belongs to.
 */
export function sanitizeArticleBody(
  content: Element | string,
  view: (Window & typeof globalThis) | null = null,
): HTMLElement {
  const purifier = purifierFor(view);
  if (typeof content !== 'string' && !purifier.isSupported) content = content.outerHTML;
  return purifier.sanitize(content, { ...ARTICLE_POLICY, RETURN_DOM: true }) as HTMLElement;
}
