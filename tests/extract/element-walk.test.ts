// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  descendants,
  elementsWhere,
  hasToken,
  nextElement,
  someElement,
} from '@/lib/extract/element-walk';

function tree(): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = '<a><b><c></c></b><d></d></a><e><f></f></e>';
  document.body.replaceChildren(root, document.createElement('after'));
  return root;
}

describe('element walk', () => {
  it('lists the elements under the root in document order, and nothing after it', () => {
    const names = [...descendants(tree())].map((element) => element.localName);
    expect(names).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('leaves a subtree out when asked', () => {
    const root = tree();
    const a = root.querySelector('a')!;
    expect(nextElement(a, root, true)?.localName).toBe('e');
    expect(nextElement(a, root)?.localName).toBe('b');
    expect(nextElement(root.querySelector('f')!, root)).toBeNull();
  });

  it('walks a whole document', () => {
    tree();
    const names = [...descendants(document)].map((element) => element.localName);
    expect(names.slice(0, 2)).toEqual(['html', 'head']);
    expect(names.at(-1)).toBe('after');
  });

  it('finds what the selector would, in the same order', () => {
    const root = document.createElement('div');
    root.innerHTML =
      '<p class="x"><a href="/1">1</a><a>2</a></p><table id="t"><tr><td>3</td></tr></table>' +
      '<figure><figcaption>4</figcaption><img src="i.png"></figure><span itemprop="name headline">5</span>';
    const selector = '[class], [id], a[href], table, figcaption';
    const walked = elementsWhere(
      root,
      (e) =>
        e.hasAttribute('class') ||
        e.hasAttribute('id') ||
        (e.localName === 'a' && e.hasAttribute('href')) ||
        e.localName === 'table' ||
        e.localName === 'figcaption',
    );
    expect(walked).toEqual([...root.querySelectorAll(selector)]);
    expect(someElement(root, (e) => e.localName === 'img')).toBe(true);
    expect(someElement(root, (e) => e.localName === 'video')).toBe(false);
    const span = root.querySelector('span')!;
    expect(hasToken(span, 'itemprop', 'headline')).toBe(span.matches('[itemprop~="headline"]'));
    expect(hasToken(span, 'itemprop', 'head')).toBe(false);
    expect(hasToken(span, 'class', 'headline')).toBe(false);
  });
});
