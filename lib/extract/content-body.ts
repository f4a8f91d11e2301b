/**
 * The story's own container inside a too-wide pick. On table-laid-out pages (old blogs and
 * portals) Readability can take the whole page table: the post plus the sidebar's profile, post
 * lists and archive links. When its pick holds one element named as a story body
 * (`post-body`, `entry-content`, `article_content`…) and what lies outside that element is
 * furniture — links and short lines, hardly any prose — the clip is that element. Names come from
 * the blog engines and CMSs that print them (Blogger, WordPress, Typepad, Discuz, DedeCMS…), not
 * from any one site.
 */

import { blockText } from './block-text';
import { elementsWhere } from './element-walk';

const BODY_NAME =
  /^(?:post|entry|article|story|news|blog|content|main)[-_]?(?:body|content|text|detail)$|^(?:articlebody|artibody|newstext|contenttext|textcontent|article|maincontent)$/i;

/** Chars in lines long enough to be prose (links taken out first). */
function proseChars(root: Element): number {
  let chars = 0;
  for (const line of blockText(root).split('\n')) {
    const length = line.replace(/\s+/g, '').length;
    const cjk = /[\u3400-\u9fff\u3040-\u30ff]/.test(line);
    if (cjk ? length >= 40 : line.split(' ').length >= 12) chars += length;
  }
  return chars;
}

function withoutLinks(element: Element): Element {
  const copy = element.cloneNode(true) as Element;
  for (const link of copy.querySelectorAll('a')) link.remove();
  return copy;
}

function isBodyNamed(element: Element): boolean {
  const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
  return names.split(/\s+/).some((token) => token && BODY_NAME.test(token));
}

/** The story body inside `content` when the rest of `content` is furniture; else `content`. */
export function narrowToStoryBody(content: Element): Element {
  const candidates = elementsWhere(
    content,
    (element) =>
      (element.hasAttribute('class') || element.hasAttribute('id')) && isBodyNamed(element),
  );
  // The outermost named bodies; several siblings mean the story is split: leave it whole.
  const outermost = candidates.filter(
    (candidate) => !candidates.some((other) => other !== candidate && other.contains(candidate)),
  );
  const body = outermost.length === 1 ? outermost[0] : undefined;
  if (!body) return content;
  const inside = proseChars(withoutLinks(body));
  if (inside < 140) return content;
  body.setAttribute('data-gleaner-body', '');
  const outside = withoutLinks(content);
  body.removeAttribute('data-gleaner-body');
  outside.querySelector('[data-gleaner-body]')?.remove();
  // A paragraph of prose outside (a standfirst, a lead) is part of the story: keep the whole.
  const paragraphOutside = [...outside.querySelectorAll('p')].some(
    (paragraph) => !paragraph.closest('figure') && proseChars(paragraph) > 0,
  );
  return !paragraphOutside && proseChars(outside) < inside * 0.25 ? body : content;
}
