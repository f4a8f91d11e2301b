// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { pointToOffset, rangeToSpan, spanToRange, textOf } from '../../lib/anchoring/dom-text';

function body(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('textOf', () => {
  it('concatenates the raw data of the visible text nodes', () => {
    const root = body('<p>One <b>two</b></p>\n<p>three&nbsp; four</p>');
    const { text, nodes } = textOf(root);
    expect(text).toBe('One two\nthree\u00a0 four');
    expect(nodes.map((n) => [n.node.data, n.start, n.end])).toEqual([
      ['One ', 0, 4],
      ['two', 4, 7],
      ['\n', 7, 8],
      ['three\u00a0 four', 8, 19],
    ]);
  });

  it('skips scripts, styles, templates, hidden elements and our own UI', () => {
    const root = body(
      '<p>a</p><script>var x = 1;</script><style>p{}</style><noscript>no</noscript>' +
        '<template>t</template><textarea>typed</textarea><div hidden>h</div>' +
        '<div style="color: red; display: none">d</div><span style="visibility:hidden">v</span>' +
        '<div data-gleaner-ui><button>Highlight</button></div><p>b</p>',
    );
    expect(textOf(root).text).toBe('ab');
  });
});

describe('text offsets ↔ DOM points', () => {
  const HTML =
    '<h1>Title</h1><p>Some <em>emphasised <a href="#">linked</a></em> text.</p>' +
    '<script>ignored()</script><ul><li>one</li><li>two</li></ul><p></p><p>End</p>';

  it('round-trips every span through a Range', () => {
    // Without the script: Range.toString() would include its text.
    const root = body(HTML.replace('<script>ignored()</script>', '<!-- comment -->'));
    const { text } = textOf(root);
    for (let start = 0; start <= text.length; start++) {
      for (let end = start; end <= text.length; end++) {
        const range = spanToRange(root, { start, end });
        expect(range.toString()).toBe(text.slice(start, end));
        expect(rangeToSpan(root, range)).toEqual({ start, end });
      }
    }
  });

  it('maps boundary points between and inside elements', () => {
    const root = body(HTML);
    const dom = textOf(root);
    const p = root.querySelector('p')!;
    const em = root.querySelector('em')!;
    const script = root.querySelector('script')!;
    expect(pointToOffset(dom, p, 0)).toBe('Title'.length);
    expect(pointToOffset(dom, em, em.childNodes.length)).toBe('TitleSome emphasised linked'.length);
    expect(pointToOffset(dom, script.firstChild!, 3)).toBe(
      'TitleSome emphasised linked text.'.length,
    );
    expect(pointToOffset(dom, root, root.childNodes.length)).toBe(dom.text.length);
  });

  it('maps a range over whole elements', () => {
    const root = body(HTML);
    const range = document.createRange();
    range.selectNode(root.querySelector('ul')!);
    const span = rangeToSpan(root, range)!;
    expect(textOf(root).text.slice(span.start, span.end)).toBe('onetwo');
  });

  it('returns null for a range outside the root', () => {
    const root = body('<div id="a">inside</div><div id="b">outside</div>');
    const a = root.querySelector('#a')!;
    const range = document.createRange();
    range.selectNodeContents(root.querySelector('#b')!);
    expect(rangeToSpan(a, range)).toBeNull();
  });

  it('rejects spans outside the text', () => {
    const root = body('<p>short</p>');
    expect(() => spanToRange(root, { start: 2, end: 50 })).toThrow(RangeError);
  });
});
