/**
 * One element for a component test to render into: made before each test, emptied (Preact
 * unmounts what it rendered) and removed after it. `root()` is the current test's.
 */
import { render } from 'preact';
import { afterEach, beforeEach } from 'vitest';

export function mountRootPerTest(): () => HTMLElement {
  let root: HTMLElement | undefined;
  beforeEach(() => {
    root = document.createElement('div');
    document.body.append(root);
  });
  afterEach(() => {
    if (!root) return;
    render(null, root);
    root.remove();
  });
  return () => {
    if (!root) throw new Error('mountRootPerTest: no test is running');
    return root;
  };
}
