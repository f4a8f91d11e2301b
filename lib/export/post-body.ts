/** The Markdown after the front matter: the article, the source link, the highlights. */

import type { PostHighlight } from './post-data';

/** `<…>` autolinks end at a space or `>`, so those must be percent-encoded. */
export function autolink(url: string): string {
  let href = url.trim();
  try {
    href = new URL(href).href;
  } catch {
    // Not absolute: keep it, encoded below.
  }
  return `<${href.replace(/[\s<>]/g, (ch) => encodeURIComponent(ch))}>`;
}

/**
 * Page text shown as Markdown text: the characters that would start emphasis, code, links, HTML or
 * a block (heading, list, quote, rule) are backslash-escaped, so a quote reads as it was written.
 */
export function escapeMarkdownText(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/[\\`*_[\]<>|~]/g, '\\$&')
        .replace(/^(\s*)([#+=-])/, '$1\\$2')
        .replace(/^(\s*\d+)([.)])(?=\s|$)/, '$1\\$2'),
    )
    .join('\n');
}

export function blockquote(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => (line.trim() ? `> ${line}` : '>'))
    .join('\n');
}

/**
 * `## Highlights`: each quote as a blockquote, then its note; orphaned highlights (no longer found
 * in the article) too, since this is the only place they still appear. '' when there are none.
 */
export function highlightsSection(highlights: readonly PostHighlight[]): string {
  const entries = highlights
    .filter((highlight) => highlight.quote.trim())
    .map((highlight) => {
      const quote = blockquote(escapeMarkdownText(highlight.quote.trim()));
      const note = highlight.note.trim();
      return note ? `${quote}\n\n${note}` : quote;
    });
  return entries.length ? `## Highlights\n\n${entries.join('\n\n')}` : '';
}

/** Joins non-empty Markdown blocks with a blank line, ending with one newline. */
export function joinBlocks(blocks: readonly string[]): string {
  const present = blocks.map((block) => block.trim()).filter(Boolean);
  return present.length ? `${present.join('\n\n')}\n` : '';
}

/** Jekyll renders `{{ … }}` and `{% … %}` in a post as Liquid: one stray brace breaks the build. */
export function hasLiquidConstruct(markdown: string): boolean {
  return markdown.includes('{{') || markdown.includes('{%');
}

/**
 * Hugo reads `{{< … >}}` and `{{% … %}}` in content as shortcodes, even in code, and fails the build
 * on an unknown or unclosed one. A complete one is written in Hugo's escaped form (its inside
 * wrapped in a comment, `/* … *\/`), which renders as the original text; a lone opener gets a
 * zero-width space after `{{`.
 */
export function escapeHugoShortcodes(markdown: string): string {
  return markdown
    .replace(
      /\{\{([<%])([\s\S]*?)([>%])\}\}/g,
      (whole, open: string, inner: string, close: string) =>
        (open === '<' && close === '>') || (open === '%' && close === '%')
          ? `{{${open}/*${inner}*/${close}}}`
          : whole,
    )
    .replace(/\{\{(?=[<%](?!\/\*))/g, '{{\u200b');
}
