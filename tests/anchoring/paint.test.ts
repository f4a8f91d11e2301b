// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { spanToRange, textOf } from '../../lib/anchoring/dom-text';
import { paintHighlight, removeHighlight } from '../../lib/anchoring/paint';

const ARTICLE =
  '<article>\n  <h1>Council approves budget</h1>\n' +
  '  <p>The council met on <b>Tuesday</b> and voted <a href="/v">eight to one</a> for the plan.</p>\n' +
  '  <p>The mayor called it a <em>historic</em> day.</p>\n' +
  '  <table><tr><td>Yes</td><td>8</td></tr>\n  <tr><td>No</td><td>1</td></tr></table>\n' +
  '</article>';

/** A Range over the first occurrence of `from` … `to` (inclusive) in the body text. */
function rangeOver(from: string, to = from): Range {
  const { text } = textOf(document.body);
  const start = text.indexOf(from);
  const end = text.indexOf(to, start) + to.length;
  return spanToRange(document.body, { start, end });
}

function marks(id: string): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>(`mark[data-gleaner-highlight="${id}"]`)];
}

beforeEach(() => {
  document.body.innerHTML = ARTICLE;
});

describe('paintHighlight', () => {
  it('wraps a passage inside one text node in one mark', () => {
    const text = textOf(document.body).text;
    const painted = paintHighlight(document.body, rangeOver('council met'), 'h1', 'yellow');
    expect(painted).toHaveLength(1);
    expect(painted[0]!.outerHTML).toBe(
      '<mark data-gleaner-highlight="h1" class="gleaner-highlight gleaner-yellow">council met</mark>',
    );
    expect(textOf(document.body).text).toBe(text);
  });

  it('paints across inline elements without breaking them', () => {
    const painted = paintHighlight(document.body, rangeOver('met on', 'eight to'), 'h2', 'green');
    expect(painted.map((m) => m.textContent)).toEqual([
      'met on ',
      'Tuesday',
      ' and voted ',
      'eight to',
    ]);
    const p = document.querySelector('p')!;
    expect(p.querySelector('b > mark')?.textContent).toBe('Tuesday');
    expect(p.querySelector('a > mark')?.textContent).toBe('eight to');
    expect(p.querySelector('a')!.textContent).toBe('eight to one');
    expect(p.textContent).toBe('The council met on Tuesday and voted eight to one for the plan.');
  });

  it('paints across two paragraphs with one mark per piece, never spanning blocks', () => {
    const painted = paintHighlight(document.body, rangeOver('for the plan', 'mayor'), 'h3', 'blue');
    expect(painted.map((m) => m.textContent)).toEqual(['for the plan.', 'The mayor']);
    for (const mark of painted) expect(mark.parentElement!.tagName).toBe('P');
    // The whitespace-only text between the paragraphs is left alone.
    expect(document.querySelectorAll('article > mark')).toHaveLength(0);
  });

  it('leaves table structure alone', () => {
    paintHighlight(document.body, rangeOver('Yes', 'No'), 'h4', 'pink');
    for (const mark of marks('h4')) expect(mark.parentElement!.tagName).toBe('TD');
    expect(marks('h4').map((m) => m.textContent)).toEqual(['Yes', '8', 'No']);
  });

  it('paints nothing for an empty range', () => {
    const range = rangeOver('council');
    range.collapse(true);
    expect(paintHighlight(document.body, range, 'h5', 'yellow')).toEqual([]);
  });

  it('rejects a color that is not a class name', () => {
    expect(() => paintHighlight(document.body, rangeOver('council'), 'h', 'a b')).toThrow();
  });
});

describe('removeHighlight', () => {
  it('restores body.innerHTML exactly', () => {
    const original = document.body.innerHTML;
    paintHighlight(document.body, rangeOver('council met'), 'a', 'yellow');
    paintHighlight(document.body, rangeOver('met on', 'eight to'), 'b', 'green');
    paintHighlight(document.body, rangeOver('for the plan', 'historic'), 'c', 'blue');
    paintHighlight(document.body, rangeOver('Yes', '1'), 'd', 'pink');
    expect(document.body.innerHTML).not.toBe(original);
    for (const id of ['b', 'd', 'a', 'c']) removeHighlight(document.body, id);
    expect(document.body.innerHTML).toBe(original);
    expect(document.querySelectorAll('mark')).toHaveLength(0);
  });

  it('re-joins the text nodes it split', () => {
    const p = document.querySelector('p')!;
    const before = p.childNodes.length;
    paintHighlight(document.body, rangeOver('council met'), 'a', 'yellow');
    removeHighlight(document.body, 'a');
    expect(p.childNodes.length).toBe(before);
    expect(p.firstChild!.nodeValue).toBe('The council met on ');
  });

  it('removes only the given highlight from overlapping ones', () => {
    const original = document.body.innerHTML;
    paintHighlight(document.body, rangeOver('council met on'), 'outer', 'yellow');
    paintHighlight(document.body, rangeOver('met'), 'inner', 'green');
    removeHighlight(document.body, 'outer');
    expect(marks('outer')).toHaveLength(0);
    expect(marks('inner').map((m) => m.textContent)).toEqual(['met']);
    removeHighlight(document.body, 'inner');
    expect(document.body.innerHTML).toBe(original);
  });
});
