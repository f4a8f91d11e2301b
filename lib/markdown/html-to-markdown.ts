import { tables, strikethrough, taskListItems } from '@joplin/turndown-plugin-gfm';
import TurndownService from 'turndown';
import { makeUrlsAbsolute } from './absolute-urls';

const PUNCTUATION = /[\p{P}\p{S}]/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** The longest run of backticks in `code`, so the fence can be one longer and never close early. */
function fenceFor(code: string): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

function codeLanguage(element: Element | null): string {
  const className = element?.getAttribute('class') ?? '';
  return /(?:^|\s)(?:language|lang|highlight-source)-([\w+#-]+)/.exec(className)?.[1] ?? '';
}

function neighbourChar(node: Node, side: 'before' | 'after'): string {
  const sibling = side === 'before' ? node.previousSibling : node.nextSibling;
  const text = sibling?.textContent ?? '';
  return side === 'before' ? text.slice(-1) : text.slice(0, 1);
}

/**
 * CommonMark only closes `**` that is "flanking": `**“藏”**在` does not render as bold
 * (commonmark-spec #650). Punctuation at the edge of the emphasis, next to a letter outside it,
 * is moved outside the delimiters so the emphasis still renders.
 */
function emphasis(content: string, node: Node, delimiter: string): string {
  const text = content.trim();
  if (!text) return content;
  let lead = '';
  let body = text;
  let trail = '';
  if (WORD_CHAR.test(neighbourChar(node, 'before'))) {
    while (body && PUNCTUATION.test(body[0] ?? '')) {
      lead += body[0];
      body = body.slice(1);
    }
  }
  if (WORD_CHAR.test(neighbourChar(node, 'after'))) {
    while (body && PUNCTUATION.test(body.at(-1) ?? '')) {
      trail = body.at(-1) + trail;
      body = body.slice(0, -1);
    }
  }
  if (!body) return text;
  return `${lead}${delimiter}${body}${delimiter}${trail}`;
}

function hasContentAfter(node: Node): boolean {
  for (let next = node.nextSibling; next; next = next.nextSibling) {
    if (next.nodeName === 'IMG' || (next.textContent ?? '').trim()) return true;
  }
  return false;
}

/** How highlights are written: `<mark>` (Jekyll's kramdown knows no `==`), `==…==` (Obsidian), or not at all. */
export type HighlightSyntax = 'mark' | 'equals' | 'none';

/** Marks a (Markdown) passage as highlighted in the given syntax. */
export function wrapHighlight(markdown: string, syntax: HighlightSyntax): string {
  if (!markdown.trim() || syntax === 'none') return markdown;
  return syntax === 'mark' ? `<mark>${markdown}</mark>` : `==${markdown}==`;
}

export interface MarkdownOptions {
  highlightSyntax?: HighlightSyntax;
}

function createTurndown(options: MarkdownOptions): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    bulletListMarker: '-',
    codeBlockStyle: 'fenced',
    emDelimiter: '*',
    strongDelimiter: '**',
    linkStyle: 'inlined',
  });
  const escapeMarkdown = service.escape.bind(service);
  // Text that looks like markup must stay text: `<script>` written in a paragraph would become a
  // real tag in the rendered post, and `{{ }}` / `{% %}` would run as Liquid (Jekyll) or a
  // shortcode (Hugo). Entities render as the same characters.
  service.escape = (text: string) =>
    escapeMarkdown(text)
      .replace(/<(?=[a-zA-Z/!?])/g, '&lt;')
      .replace(/\{(?=[{%<])/g, '&#123;')
      .replace(/(?<=[}%>])\}/g, '&#125;');
  service.use([tables, strikethrough, taskListItems]);
  service.remove(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'form']);
  service.addRule('fencedCode', {
    filter: (node) => node.nodeName === 'PRE',
    replacement: (_content, node) => {
      const element = node as Element;
      const code = element.querySelector('code');
      const text = (code ?? element).textContent ?? '';
      const fence = fenceFor(text);
      const language = codeLanguage(code) || codeLanguage(element);
      return `\n\n${fence}${language}\n${text.replace(/\n$/, '')}\n${fence}\n\n`;
    },
  });
  service.addRule('trailingBreak', {
    // A <br> that ends its block adds nothing but a stray hard break ("  ") to the line.
    filter: (node) => node.nodeName === 'BR' && !hasContentAfter(node),
    replacement: () => '',
  });
  service.addRule('highlight', {
    filter: (node) =>
      node.nodeName === 'MARK' && (node as Element).hasAttribute('data-gleaner-highlight'),
    replacement: (content) => wrapHighlight(content, options.highlightSyntax ?? 'mark'),
  });
  service.addRule('strong', {
    filter: ['strong', 'b'],
    replacement: (content, node) => emphasis(content, node, '**'),
  });
  service.addRule('emphasis', {
    filter: ['em', 'i'],
    replacement: (content, node) => emphasis(content, node, '*'),
  });
  return service;
}

/** One converter per highlight syntax: building one (rules, plugins) cost more than a short page. */
const converters = new Map<HighlightSyntax, TurndownService>();

function turndownFor(highlightSyntax: HighlightSyntax): TurndownService {
  let service = converters.get(highlightSyntax);
  if (!service) {
    service = createTurndown({ highlightSyntax });
    converters.set(highlightSyntax, service);
  }
  return service;
}

/** Article HTML → Markdown: GFM tables, fenced code, absolute links and images. */
export function htmlToMarkdown(
  html: string,
  baseUrl: string,
  options: MarkdownOptions = {},
): string {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  return elementToMarkdown(doc.body, baseUrl, options);
}

/** The same, from an element already parsed (and perhaps painted with highlights). */
export function elementToMarkdown(
  root: HTMLElement,
  baseUrl: string,
  options: MarkdownOptions = {},
): string {
  makeUrlsAbsolute(root, baseUrl);
  return turndownFor(options.highlightSyntax ?? 'mark')
    .turndown(root)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
