import { describe, expect, it } from 'vitest';
import { anchorText } from '../../lib/anchoring/anchor-text';
import { describeText } from '../../lib/anchoring/describe-text';
import type { Selector, TextQuoteSelector } from '../../lib/anchoring/types';

const PROSE = [
  'The city council met on Tuesday evening to discuss the new budget.',
  'Members argued for hours about funding for public libraries and parks.',
  'In the end the council approved a plan that raises spending on schools by four percent.',
  'The mayor said the vote was a victory for families across the region.',
  'Critics warned that the plan would require higher property taxes next year.',
].join('\n');

/** Selectors for the first occurrence of `quote` (or the `nth`) in `text`. */
function select(text: string, quote: string, nth = 0): Selector[] {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(quote, at + 1);
  if (at === -1) throw new Error(`"${quote}" not in text`);
  return describeText(text, { start: at, end: at + quote.length });
}

/** The text anchored to, or null. */
function anchored(text: string, selectors: Selector[]): string | null {
  const anchor = anchorText(text, selectors);
  return anchor && text.slice(anchor.span.start, anchor.span.end);
}

function quoteOf(selectors: Selector[]): TextQuoteSelector {
  const quote = selectors.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector');
  if (!quote) throw new Error('no quote selector');
  return quote;
}

describe('describeText', () => {
  it('gives the quote with 32 visible characters of context, and the position', () => {
    const at = PROSE.indexOf('approved a plan');
    expect(select(PROSE, 'approved a plan')).toEqual([
      {
        type: 'TextQuoteSelector',
        exact: 'approved a plan',
        prefix: 'aries and parks. In the end the council ',
        suffix: ' that raises spending on schools by fou',
      },
      { type: 'TextPositionSelector', start: at, end: at + 'approved a plan'.length },
    ]);
  });

  it('counts visible characters and collapses runs of blanks in the context', () => {
    const text = `intro${' '.repeat(300)}\n\t  quote here  \n${' '.repeat(50)}outro`;
    const quote = quoteOf(select(text, 'quote here'));
    expect(quote.prefix).toBe('intro ');
    expect(quote.suffix).toBe(' outro');
  });

  it('grows the context while another occurrence has the same context', () => {
    const filler = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. ';
    const block = `${filler}The same sentence appears twice here. ${filler}`;
    const text = `First part. ${block}Middle part. ${block}Last part.`;
    const quote = quoteOf(select(text, 'The same sentence appears twice here.', 1));
    expect(quote.prefix.replace(/\s/g, '').length).toBeGreaterThan(32);
    expect(quote.prefix).toContain('Middle part.');
    // The suffix tells the two apart within 64 visible characters.
    expect(quote.suffix).toContain('Last part.');
  });

  it('rejects spans outside the text', () => {
    expect(() => describeText('abc', { start: 2, end: 5 })).toThrow(RangeError);
    expect(() => describeText('abc', { start: 2, end: 1 })).toThrow(RangeError);
  });
});

describe('anchorText on plain prose', () => {
  it('re-attaches in the order position → exact → fuzzy', () => {
    const selectors = select(PROSE, 'raises spending on schools');
    expect(anchorText(PROSE, selectors)?.method).toBe('position');

    const moved = `Breaking news.\n${PROSE}`;
    expect(anchorText(moved, selectors)?.method).toBe('exact');
    expect(anchored(moved, selectors)).toBe('raises spending on schools');

    const edited = moved.replace('raises spending', 'raises funding');
    expect(anchorText(edited, selectors)?.method).toBe('fuzzy');
    expect(anchored(edited, selectors)).toBe('raises funding on schools');
  });

  it('finds an exact quote again after text is inserted before it', () => {
    const selectors = select(PROSE, 'The mayor said the vote was a victory');
    const changed = PROSE.replace('\nMembers', '\nAdvertisement: buy our product today.\nMembers');
    expect(anchored(changed, selectors)).toBe('The mayor said the vote was a victory');
  });

  it('ignores changed whitespace', () => {
    const selectors = select(PROSE, 'funding for public libraries');
    const changed = `  ${PROSE.replace(/ /g, '  ').replace(/\n/g, '\n\n    ')}`;
    expect(anchored(changed, selectors)).toBe('funding  for  public  libraries');
  });

  it('tells a repeated quote apart by its context', () => {
    const selectors = select(PROSE, 'council', 1);
    expect(quoteOf(selectors).prefix).toContain('In the end');
    const changed = `Preface. ${PROSE}`;
    const anchor = anchorText(changed, selectors);
    expect(anchor?.span.start).toBe(changed.indexOf('council approved'));
  });

  it('finds the quote with one word changed, and only that word', () => {
    const selectors = select(PROSE, 'Critics warned that the plan would require higher');
    const changed = PROSE.replace('Critics warned', 'Critics cautioned');
    expect(anchored(changed, selectors)).toBe(
      'Critics cautioned that the plan would require higher',
    );
  });

  it('finds a three-word quote with one word changed', () => {
    const selectors = select(PROSE, 'argued for hours');
    expect(anchored(PROSE.replace('argued for hours', 'argued for days'), selectors)).toBe(
      'argued for days',
    );
  });

  it('orphans a deleted quote', () => {
    const selectors = select(PROSE, 'The mayor said the vote was a victory for families');
    const changed = PROSE.replace('The mayor said the vote was a victory for families', '');
    expect(anchorText(changed, selectors)).toBeNull();
  });

  it('orphans a deleted quote even when a copy remains elsewhere', () => {
    const teaser = 'Top story: the council approved a plan. Read more.\n';
    const text = teaser + PROSE;
    const selectors = select(text, 'the council approved a plan', 0);
    const withoutTeaser = text.replace(teaser, 'Top story: . Read more.\n');
    // The teaser's copy was the highlight; the article's sentence is a different place.
    expect(anchorText(withoutTeaser, selectors)).toBeNull();
  });

  it('orphans a quote whose passage was replaced by a similar but different one', () => {
    const text = `${PROSE}\nThe central bank raised interest rates by half a point on Tuesday.`;
    const selectors = select(text, 'The central bank raised interest rates by half a point');
    const changed = `Markets: the central bank cut interest rates by a quarter point on Monday, said analysts.\n${PROSE}`;
    expect(anchorText(changed, selectors)).toBeNull();
  });

  it('does not move a quote onto a copy elsewhere when its own place lost its context', () => {
    const copy = 'Members argued for hours about funding for public libraries and parks.';
    const text = `${PROSE}\nRelated: ${copy} More at eleven.`;
    const selectors = select(text, 'argued for hours', 0);
    // A paragraph is inserted right before the original, and the original text is intact.
    const changed = text.replace('Members argued', 'Sponsored content here.\nMembers argued');
    const anchor = anchorText(changed, selectors);
    expect(anchor?.span.start).toBe(changed.indexOf('argued for hours'));
  });

  it('requires a quote selector', () => {
    expect(anchorText(PROSE, [{ type: 'TextPositionSelector', start: 0, end: 8 }])).toBeNull();
  });
});

describe('anchorText on CJK text without spaces', () => {
  const ZH =
    '北京市环保局今天宣布，从本月起将实时发布全市二十七个监测站的空气质量数据。' +
    '市民可以随时登录网站查询自己关心的区域。环保部门表示，此次改版主要服务于市民日常生活。' +
    '专家认为，公开更多数据有助于提高公众的环保意识。';

  it('finds a moved quote', () => {
    const selectors = select(ZH, '实时发布全市');
    const changed = `广告：欢迎订阅。${ZH}`;
    expect(anchored(changed, selectors)).toBe('实时发布全市');
  });

  it('finds a quote with one character changed', () => {
    const selectors = select(ZH, '市民可以随时登录网站查询');
    expect(anchored(ZH.replace('随时登录', '随时访问'), selectors)).toBe(
      '市民可以随时访问网站查询',
    );
  });

  it('orphans a deleted quote', () => {
    const selectors = select(ZH, '此次改版主要服务于市民日常生活');
    expect(anchorText(ZH.replace('此次改版主要服务于市民日常生活', ''), selectors)).toBeNull();
  });

  it('orphans a deleted short quote rather than a nearby similar fragment', () => {
    const text = '月食分为半影月食、月偏食和月全食3种。在这3种月食中，当属月全食最好看。';
    const selectors = select(text, '食、月偏');
    expect(anchorText(text.replace('食、月偏', ''), selectors)).toBeNull();
  });
});

describe('anchorText with quotes of 1–3 characters', () => {
  it('finds a one-character quote by its context', () => {
    const text = '我们的目标是建设一个更好的城市，让每个人的生活更美好。';
    const selectors = select(text, '的', 1); // 更好的
    const changed = `新闻：${text}`;
    expect(anchorText(changed, selectors)?.span.start).toBe(changed.indexOf('好的') + 1);
  });

  it('orphans a deleted one-character quote although it occurs elsewhere', () => {
    const text = '我们的目标是建设一个更好的城市，让每个人的生活更美好。';
    const selectors = select(text, '的', 1);
    const at = text.indexOf('好的') + 1;
    expect(anchorText(text.slice(0, at) + text.slice(at + 1), selectors)).toBeNull();
  });

  it('finds two- and three-letter quotes', () => {
    for (const quote of ['on', 'for']) {
      const selectors = select(PROSE, quote, 2);
      const changed = `Note: ${PROSE}`;
      const expected = PROSE.split(quote, 3).join(quote).length + 'Note: '.length;
      expect(anchorText(changed, selectors)?.span.start).toBe(expected);
    }
  });

  it('orphans a short quote that was deleted', () => {
    const selectors = select(PROSE, 'four');
    expect(anchorText(PROSE.replace('by four percent', 'by percent'), selectors)).toBeNull();
  });
});

describe('anchorText with repeated passages', () => {
  const SECTION =
    'Pre-workout meal: eat 60 to 90 minutes before your workout, eggs with asparagus and a ' +
    'slice of whole-grain toast. Drink water during your workout, and a recovery shake within ' +
    'thirty minutes after it. Portion containers: one green, one red, one yellow. Meal two: ' +
    'a salad of tomatoes, cucumber, white beans and feta with olive oil, and a cup of grapes. ';
  const text = `Plan A. ${SECTION}${SECTION}Plan B. ${SECTION}${SECTION}The end.`;
  const quote = 'a recovery shake';
  const at = text.indexOf(quote, text.indexOf('Plan B'));
  const selectors = describeText(text, { start: at, end: at + quote.length });

  it('grows the context as far as it may, and still finds the passage where it was', () => {
    expect(quoteOf(selectors).prefix.length).toBeGreaterThan(250);
    expect(anchorText(text, selectors)?.span).toEqual({ start: at, end: at + quote.length });
  });

  it('orphans rather than guesses when identical copies moved', () => {
    expect(anchorText(`Intro. ${text}`, selectors)).toBeNull();
  });

  it('never takes a copy when the passage itself was edited or deleted', () => {
    const edited = text.slice(0, at) + 'a protein shake' + text.slice(at + quote.length);
    // Its copies are intact, so only the position could tell, and the quote is not there.
    expect(anchorText(edited, selectors)).toBeNull();
    const deleted = text.slice(0, at) + text.slice(at + quote.length);
    expect(anchorText(deleted, selectors)).toBeNull();
  });
});

describe('anchorText at word boundaries', () => {
  it('does not cut a word that grew at the end of the quote', () => {
    const text = 'Many signed up for the trial, although it is not clear how many stayed.';
    const selectors = select(text, 'although it');
    const changed = text.replace('although it is', 'although its is');
    expect(anchored(changed, selectors)).toBe('although its');
  });

  it('accepts a block edge as a word break when told where the breaks are', () => {
    const text = 'Results\nThe study found no effect.';
    const selectors = select(text, 'The study');
    const minified = 'ResultsThe study found no effect.';
    expect(anchorText(minified, selectors)).toBeNull();
    const anchor = anchorText(minified, selectors, { breaks: [0, 7, 7, 33] });
    expect(anchor && minified.slice(anchor.span.start, anchor.span.end)).toBe('The study');
  });
});
