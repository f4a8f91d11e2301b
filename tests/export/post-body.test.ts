import { describe, expect, it } from 'vitest';
import {
  escapeHugoShortcodes,
  escapeMarkdownText,
  hasLiquidConstruct,
  highlightsSection,
} from '@/lib/export/post-body';

describe('highlightsSection', () => {
  it('lists each quote as a blockquote followed by its note, orphans included', () => {
    expect(
      highlightsSection([
        { quote: 'First line\nsecond line', note: 'My *note*', color: 'yellow', placed: true },
        { quote: 'Gone since', note: '', color: 'pink', placed: false },
        { quote: '  ', note: 'empty quote', color: 'blue', placed: true },
      ]),
    ).toBe('## Highlights\n\n> First line\n> second line\n\nMy *note*\n\n> Gone since');
  });

  it('is empty without highlights', () => {
    expect(highlightsSection([])).toBe('');
  });
});

describe('escapeMarkdownText', () => {
  it.each([
    ['*not bold* and _not em_', '\\*not bold\\* and \\_not em\\_'],
    ['# not a heading', '\\# not a heading'],
    ['- not a list', '\\- not a list'],
    ['1. not a list', '1\\. not a list'],
    ['<script>alert(1)</script>', '\\<script\\>alert(1)\\</script\\>'],
    ['[link](x) `code` a|b ~~s~~', '\\[link\\](x) \\`code\\` a\\|b \\~\\~s\\~\\~'],
    ['中文，没有特殊字符。', '中文，没有特殊字符。'],
  ])('%j', (text, expected) => {
    expect(escapeMarkdownText(text)).toBe(expected);
  });
});

describe('hasLiquidConstruct', () => {
  it('finds what Jekyll would render as Liquid', () => {
    expect(hasLiquidConstruct('a {{ b }}')).toBe(true);
    expect(hasLiquidConstruct('a {% b %}')).toBe(true);
    expect(hasLiquidConstruct('a { b } %}')).toBe(false);
  });
});

describe('escapeHugoShortcodes', () => {
  it.each([
    ['{{< figure src="a" >}}', '{{</* figure src="a" */>}}'],
    ['{{% note %}}x{{% /note %}}', '{{%/* note */%}}x{{%/* /note */%}}'],
    ['{{< a >}} and {{< b >}}', '{{</* a */>}} and {{</* b */>}}'],
    ['a lone {{< opener', 'a lone {{\u200b< opener'],
    ['{{< mixed %}}', '{{\u200b< mixed %}}'],
    ['{{ .Title }} stays', '{{ .Title }} stays'],
  ])('%j', (text, expected) => {
    expect(escapeHugoShortcodes(text)).toBe(expected);
  });
});
