// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { descendants, nextElement } from '@/lib/extract/element-walk';

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
});
