/**
 * Walking elements in document order with plain property reads: selector engines are slow at
 * attribute selectors on every element (jsdom, in the eval), and a walk can leave subtrees out.
 */

/**
 * The element after `element` in document order, staying under `root`; with `skipChildren`, the
 * element's own subtree is left out.
 */
export function nextElement(
  element: Element,
  root: ParentNode,
  skipChildren = false,
): Element | null {
  const child = skipChildren ? null : element.firstElementChild;
  if (child) return child;
  for (let up: Element | null = element; up && up !== root; up = up.parentElement) {
    if (up.nextElementSibling) return up.nextElementSibling;
  }
  return null;
}

/** `NodeFilter.SHOW_ELEMENT`, spelled out: the global is missing when jsdom runs outside a window. */
const SHOW_ELEMENT = 0x1;

/**
 * A tree walker over the elements under `root` (not `root` itself), in document order. Where no
 * subtree is left out it is the faster step: jsdom walks its own tree and hands out one object
 * per element, where `nextElement` asks for child, sibling and parent objects.
 */
export function elementWalker(root: Node): TreeWalker {
  return (root.ownerDocument ?? (root as Document)).createTreeWalker(root, SHOW_ELEMENT);
}

/** The elements under `root`, in document order. */
export function* descendants(root: Node): Generator<Element> {
  const walker = elementWalker(root);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) yield node as Element;
}

/** The elements under `root` that pass `test`, in document order (`querySelectorAll`, walked). */
export function elementsWhere(root: Node, test: (element: Element) => boolean): Element[] {
  const found: Element[] = [];
  const walker = elementWalker(root);
  for (let node = walker.nextNode(); node; node = walker.nextNode())
    if (test(node as Element)) found.push(node as Element);
  return found;
}

/** Some element under `root` passes `test` (`querySelector`, walked). */
export function someElement(root: Node, test: (element: Element) => boolean): boolean {
  const walker = elementWalker(root);
  for (let node = walker.nextNode(); node; node = walker.nextNode())
    if (test(node as Element)) return true;
  return false;
}

/** The attribute's value holds `word` as a whitespace-separated token (CSS `[name~="word"]`). */
export function hasToken(element: Element, name: string, word: string): boolean {
  const value = element.getAttribute(name);
  return value !== null && value.split(/[ \t\n\f\r]+/).includes(word);
}
