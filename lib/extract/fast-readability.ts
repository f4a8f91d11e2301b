/**
 * Readability.js with one helper made fast under jsdom: `_getAllNodesWithTag` (a selector list
 * like "img,picture,figure", called dozens of times per page) walks the tree instead of running
 * the selector engine. Same elements in the same (document) order, so the same article; only
 * quicker where selector matching is slow. Browsers lose nothing by it.
 */

import { Readability } from '@mozilla/readability';
import { nextElement } from './element-walk';

function nodesWithTags(root: Element | Document, tagNames: readonly string[]): Element[] {
  const wanted = new Set(tagNames.map((name) => name.toLowerCase()));
  const found: Element[] = [];
  // The step, not the `descendants` generator: Readability asks for tags many times a page.
  for (let element = root.firstElementChild; element; element = nextElement(element, root))
    if (wanted.has(element.localName)) found.push(element);
  return found;
}

export class FastReadability<T = string> extends Readability<T> {}

(
  FastReadability.prototype as unknown as {
    _getAllNodesWithTag: (node: Element | Document, tagNames: string[]) => Element[];
  }
)._getAllNodesWithTag = (node, tagNames) => nodesWithTags(node, tagNames);
