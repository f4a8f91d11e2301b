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

/** The elements under `root`, in document order. */
export function* descendants(root: ParentNode): Generator<Element> {
  for (let element = root.firstElementChild; element; element = nextElement(element, root))
    yield element;
}

/** The elements under `root` that pass `test`, in document order (`querySelectorAll`, walked). */
export function elementsWhere(root: ParentNode, test: (element: Element) => boolean): Element[] {
  const found: Element[] = [];
  for (let element = root.firstElementChild; element; element = nextElement(element, root))
    if (test(element)) found.push(element);
  return found;
}

/** Some element under `root` passes `test` (`querySelector`, walked). */
export function someElement(root: ParentNode, test: (element: Element) => boolean): boolean {
  for (let element = root.firstElementChild; element; element = nextElement(element, root))
    if (test(element)) return true;
  return false;
}

/** The attribute's value holds `word` as a whitespace-separated token (CSS `[name~="word"]`). */
export function hasToken(element: Element, name: string, word: string): boolean {
  const value = element.getAttribute(name);
  return value !== null && value.split(/[ \t\n\f\r]+/).includes(word);
}
