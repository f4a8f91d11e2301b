/**
 * The article as a list of lines, the way a reader sees it: a new line at each block element and
 * at each `<br>` (as `blockText` renders it), each line knowing the DOM nodes it is made of. The
 * clean-up judges lines, so a "责任编辑：…" line is found whether it is a `<p>` of its own or one
 * `<br>`-separated line among many in an old table cell, and removes just those nodes.
 */

import { BLOCK_TAGS } from './block-text';
import { someElement } from './element-walk';

export interface Segment {
  /** The inline nodes of the line, in order (text nodes and inline elements). */
  nodes: Node[];
  /** The block element the line sits in. */
  block: Element;
  /** Whitespace-collapsed text. */
  text: string;
  /** Characters (whitespace not counted) of the text, and of it inside links. */
  chars: number;
  linkChars: number;
  /** The line is (in) a heading `h1`–`h6`. */
  heading: boolean;
  /** The line holds an image, video or other media. */
  media: boolean;
}

const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
const MEDIA = new Set([
  'IMG',
  'PICTURE',
  'VIDEO',
  'AUDIO',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'svg',
  'SVG',
]);
/** `img, picture, video, audio, iframe, svg` (what `hasMedia` looks for inside an element). */
const MEDIA_INSIDE = new Set(['img', 'picture', 'video', 'audio', 'iframe', 'svg']);
const HEADING = /^H[1-6]$/;

function nonSpace(value: string): number {
  return value.replace(/[\s\u00a0\u3000]+/g, '').length;
}

function hasBreakOrBlock(element: Element): boolean {
  for (let child = element.firstElementChild; child; child = child.nextElementSibling) {
    if (child.tagName === 'BR' || BLOCK_TAGS.has(child.tagName) || hasBreakOrBlock(child))
      return true;
  }
  return false;
}

/** A link to a place on the same page (a table of contents, a footnote): text, not navigation. */
function isInPageLink(link: Element): boolean {
  const href = link.getAttribute('href') ?? '';
  if (href.startsWith('#')) return true;
  if (!href.includes('#')) return false;
  try {
    const target = new URL(href, link.ownerDocument.baseURI);
    const page = new URL(link.ownerDocument.baseURI);
    return target.pathname === page.pathname && target.host === page.host;
  } catch {
    return false;
  }
}

function linkCharsOf(node: Node, inLink: boolean): number {
  if (node.nodeType === 3) return inLink ? nonSpace(node.nodeValue ?? '') : 0;
  if (node.nodeType !== 1) return 0;
  const element = node as Element;
  if (element.tagName === 'A' && !inLink && isInPageLink(element)) return 0;
  if (element.tagName === 'A' || inLink) return nonSpace(element.textContent ?? '');
  let total = 0;
  for (let child = element.firstChild; child; child = child.nextSibling)
    total += linkCharsOf(child, false);
  return total;
}

function hasMedia(node: Node): boolean {
  if (node.nodeType !== 1) return false;
  const element = node as Element;
  if (MEDIA.has(element.tagName)) return true;
  if (!element.firstElementChild) return false;
  return someElement(element, (inner) => MEDIA_INSIDE.has(inner.localName));
}

/** The lines of `root`, in document order (lines with neither text nor media are left out). */
export function segmentsOf(root: Element): Segment[] {
  const segments: Segment[] = [];
  const flush = (nodes: Node[], block: Element, inLink: boolean) => {
    if (!nodes.length) return;
    let text = '';
    let linkChars = 0;
    let media = false;
    for (const node of nodes) {
      text += node.textContent ?? '';
      linkChars += linkCharsOf(node, inLink);
      media ||= hasMedia(node);
    }
    text = text.replace(/[\s\u00a0]+/g, ' ').trim();
    const chars = nonSpace(text);
    if (!chars && !media) return;
    let heading = false;
    for (let up: Element | null = block; up && up !== root.parentElement; up = up.parentElement) {
      if (HEADING.test(up.tagName)) {
        heading = true;
        break;
      }
    }
    segments.push({
      nodes: [...nodes],
      block,
      text,
      chars,
      linkChars: Math.min(linkChars, chars),
      heading,
      media,
    });
  };
  /** `inLink`: the nodes sit inside a link that also holds a line break or block. */
  const walk = (element: Element, block: Element, inLink: boolean, line: Node[]): Node[] => {
    let current = line;
    for (let child = element.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        current.push(child);
        continue;
      }
      if (child.nodeType !== 1) continue;
      const node = child as Element;
      if (SKIPPED.has(node.tagName)) continue;
      if (node.tagName === 'BR') {
        flush(current, block, inLink);
        current = [];
      } else if (BLOCK_TAGS.has(node.tagName)) {
        flush(current, block, inLink);
        flush(walk(node, node, inLink || node.tagName === 'A', []), node, inLink);
        current = [];
      } else if (hasBreakOrBlock(node)) {
        current = walk(node, block, inLink || node.tagName === 'A', current);
      } else current.push(node);
    }
    return current;
  };
  flush(walk(root, root, false, []), root, false);
  return segments;
}

/** Removes the line's nodes, then the elements left empty (no text, no media) above them. */
export function removeSegment(segment: Segment, root: Element): void {
  const parents = new Set<Element>();
  for (const node of segment.nodes) {
    const parent = node.parentElement;
    // The line break after the line goes with it, so no blank line is left.
    const next = node.nextSibling;
    if (node === segment.nodes.at(-1) && next?.nodeType === 1 && (next as Element).tagName === 'BR')
      next.remove();
    node.parentNode?.removeChild(node);
    if (parent) parents.add(parent);
  }
  for (const parent of parents) pruneEmpty(parent, root);
}

function isEmpty(element: Element): boolean {
  return !nonSpace(element.textContent ?? '') && !hasMedia(element);
}

function pruneEmpty(element: Element, root: Element): void {
  let current: Element | null = element;
  while (current && current !== root && isEmpty(current)) {
    const parent: Element | null = current.parentElement;
    current.remove();
    current = parent;
  }
}
