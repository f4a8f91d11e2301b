// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { anchorInDom, describeRange } from '../../lib/anchoring/anchor-dom';
import { spanToRange, textOf } from '../../lib/anchoring/dom-text';
import { paintHighlight } from '../../lib/anchoring/paint';

const PAGE =
  '<header><nav>Home · World · Business</nav></header>\n' +
  '<main><article>\n' +
  '  <h1>Storm closes schools</h1>\n' +
  '  <p>Heavy snow closed <b>all schools</b> in the district on Monday, officials said.</p>\n' +
  '  <p>Roads were expected to reopen by Wednesday as crews worked through the night.</p>\n' +
  '</article></main>\n' +
  '<footer>© 2026 Example News</footer>';

function select(from: string, to = from): Range {
  const { text } = textOf(document.body);
  const start = text.indexOf(from);
  return spanToRange(document.body, { start, end: text.indexOf(to, start) + to.length });
}

beforeEach(() => {
  document.body.innerHTML = PAGE;
});

describe('describeRange + anchorInDom', () => {
  it('re-attaches on the unchanged page by position', () => {
    const selectors = describeRange(document.body, select('closed all schools'));
    const anchor = anchorInDom(document.body, selectors);
    expect(anchor?.method).toBe('position');
    expect(anchor?.range.toString()).toBe('closed all schools');
  });

  it('survives an ad, new markup and whitespace, and new boilerplate', () => {
    const selectors = describeRange(document.body, select('expected to reopen', 'the night.'));
    document.body.innerHTML = PAGE.replace(
      '<nav>Home · World · Business</nav>',
      '<nav>Start | Politics | Sport | Culture | Weather</nav>',
    )
      .replace('<p>Roads', '<div class="ad">Advertisement: winter tyres</div>\n  <p>Roads')
      .replace('worked through', '<span class="x">worked</span>\n      through');
    const anchor = anchorInDom(document.body, selectors);
    expect(anchor?.method).toBe('exact');
    expect(anchor?.range.toString()).toBe(
      'expected to reopen by Wednesday as crews worked\n      through the night.',
    );
  });

  it('finds a passage spanning two paragraphs after an edit inside it', () => {
    const selectors = describeRange(document.body, select('officials said.', 'Roads were'));
    document.body.innerHTML = PAGE.replace('officials said', 'officials confirmed');
    const anchor = anchorInDom(document.body, selectors);
    expect(anchor?.method).toBe('fuzzy');
    expect(anchor?.range.toString()).toBe('officials confirmed.\n  Roads were');
  });

  it('orphans a deleted passage', () => {
    const selectors = describeRange(document.body, select('Heavy snow closed'));
    document.body.innerHTML = PAGE.replace('Heavy snow closed ', '');
    expect(anchorInDom(document.body, selectors)).toBeNull();
  });

  it('is not disturbed by painted highlights or our own UI', () => {
    const selectors = describeRange(document.body, select('crews worked'));
    paintHighlight(document.body, select('Heavy snow', 'Roads were'), 'other', 'yellow');
    const ui = document.createElement('div');
    ui.setAttribute('data-gleaner-ui', '');
    ui.textContent = 'Highlight';
    document.querySelector('p')!.prepend(ui);
    const anchor = anchorInDom(document.body, selectors);
    expect(anchor?.method).toBe('position');
    expect(anchor?.range.toString()).toBe('crews worked');
  });

  it('takes block edges for word breaks when the markup loses its whitespace', () => {
    document.body.innerHTML = '<h2>Results</h2>\n<p>The study found no effect.</p>';
    const selectors = describeRange(document.body, select('The study'));
    document.body.innerHTML = '<div>Ad</div><h2>Results</h2><p>The study found no effect.</p>';
    expect(anchorInDom(document.body, selectors)?.range.toString()).toBe('The study');
  });

  it('refuses a range outside the root', () => {
    const article = document.querySelector('article')!;
    expect(() => describeRange(article, select('Home'))).toThrow('not inside');
  });
});
