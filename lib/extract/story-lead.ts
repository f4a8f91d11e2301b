/**
 * The story's lead set apart from its body. Chinese news pages often print the lead — a
 * standfirst, a summary under the headline, a picture's caption that tells the news — in a block
 * of its own just before the block of the story's paragraphs. Readability takes the paragraphs'
 * block and judges its siblings by English rules (a short paragraph joins only if it ends in
 * ". "), so the lead is lost. The block just before the story's block, when it is one paragraph
 * of Chinese prose without links, is put back in front of the story.
 */

import { copyOut } from './reading-copy';

const CJK = /[\u3400-\u9fff]/;
const SHOW_TEXT = 0x4;
const NOT_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);

function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

/** The longest text node under `root` (its text, trimmed). */
function longestText(root: Element): string {
  const walker = root.ownerDocument.createTreeWalker(root, SHOW_TEXT);
  let best = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node.nodeValue ?? '').trim();
    if (text.length > best.length) best = text;
  }
  return best;
}

/** Whether `element` is a skipped element or inside one. */
function insideSkipped(element: Element, skipped: ReadonlySet<Element>): boolean {
  for (let up: Element | null = element; up; up = up.parentElement)
    if (skipped.has(up)) return true;
  return false;
}

/** The page's text node holding `text`, outside the skipped elements. */
function findText(body: Element, text: string, skipped: ReadonlySet<Element>): Node | null {
  const walker = body.ownerDocument.createTreeWalker(body, SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!(node.nodeValue ?? '').includes(text)) continue;
    const parent = node.parentElement;
    if (!parent || NOT_TEXT.has(parent.tagName)) continue;
    if (!insideSkipped(parent, skipped)) return node;
  }
  return null;
}

/** One paragraph of Chinese prose: 40 to 300 characters, sentences, no links. */
function isLeadParagraph(element: Element): boolean {
  const text = squash(element.textContent ?? '');
  if (text.length < 40 || text.length > 300 || !CJK.test(text)) return false;
  if (!/[，。；！？]/.test(text) || !/[。！？]$/.test(text)) return false;
  for (const link of element.getElementsByTagName('a'))
    if (squash(link.textContent ?? '')) return false;
  return true;
}

/**
 * Puts the lead printed just before the story's block in front of Readability's article
 * (`content`, not yet cleaned), when Readability left it out.
 */
export function addStoryLead(
  doc: Document,
  content: Element,
  skipped: ReadonlySet<Element>,
  title: string,
): void {
  const body = doc.body;
  if (!body) return;
  const key = longestText(content);
  if (key.length < 20 || !CJK.test(key)) return;
  const node = findText(body, key, skipped);
  if (!node) return;
  const contentText = squash(content.textContent ?? '');
  // The story's block: the outermost ancestor holding Readability's text and little more.
  let block = node.parentElement;
  const chars = (element: Element) => squash(element.textContent ?? '').length;
  while (block && block !== body && chars(block) < contentText.length * 0.6)
    block = block.parentElement;
  while (block?.parentElement && block.parentElement !== body) {
    if (chars(block.parentElement) > contentText.length * 1.1) break;
    block = block.parentElement;
  }
  if (!block || block === body) return;
  let before = block.previousElementSibling;
  while (before && (NOT_TEXT.has(before.tagName) || !squash(before.textContent ?? '')))
    before = before.previousElementSibling;
  if (!before || skipped.has(before) || !isLeadParagraph(before)) return;
  if (contentText.includes(squash(before.textContent ?? ''))) return;
  // One paragraph, whatever the page set it in (a caption's heading, a summary's `div`).
  const text = (copyOut(doc, before, skipped, title).textContent ?? '').replace(/\s+/g, ' ').trim();
  const paragraph = content.ownerDocument.createElement('p');
  paragraph.textContent = text;
  content.prepend(paragraph);
}
