import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  isPlainDate,
  parseFrontMatter,
  plainDate,
  toFrontMatter,
} from '../../lib/export/front-matter';
import type { FrontMatterField } from '../../lib/export/front-matter';

const hostileTitles: Array<[name: string, title: string]> = [
  ['double quotes', 'He said "hi"'],
  ['single quotes', "It's a 'test'"],
  ['both quotes', `"mixed" and 'quotes'`],
  ['colon space', 'Breaking: news'],
  ['trailing colon', 'Note:'],
  ['space hash', 'Issue #42 and # more'],
  ['leading @', '@handle says'],
  ['leading -', '- list-like'],
  ['lone -', '-'],
  ['leading [', '[draft] post'],
  ['leading {', '{json: 1}'],
  ['leading !', '!important'],
  ['leading &', '&anchor'],
  ['leading *', '*alias'],
  ['leading >', '> quoted'],
  ['leading |', '| piped'],
  ['leading %', '%YAML 1.1'],
  ['leading backtick', '`code` title'],
  ['leading ?', '? question'],
  ['leading :', ':symbol'],
  ['yes', 'yes'],
  ['no', 'no'],
  ['on', 'on'],
  ['off', 'off'],
  ['Yes', 'Yes'],
  ['NO', 'NO'],
  ['mixed-case yEs (Psych)', 'yEs'],
  ['y', 'y'],
  ['true', 'true'],
  ['False', 'False'],
  ['null', 'null'],
  ['Null', 'Null'],
  ['tilde', '~'],
  ['1984', '1984'],
  ['negative int', '-42'],
  ['3.14', '3.14'],
  ['exponent', '1e3'],
  ['hex 0x1F', '0x1F'],
  ['octal 0o17', '0o17'],
  ['octal 017', '017'],
  ['binary', '0b1010'],
  ['underscore 1_000', '1_000'],
  ['comma 1,000 (Psych)', '1,000'],
  ['sexagesimal 1:20', '1:20'],
  ['.inf', '.inf'],
  ['-.inf', '-.inf'],
  ['.NaN', '.NaN'],
  ['date', '2022-01-12'],
  ['short date', '2022-1-2'],
  ['timestamp', '2022-01-12 21:56:33 +0800'],
  ['merge key', '<<'],
  ['value key', '='],
  ['backslashes', 'C:\\path\\n'],
  ['trailing backslash', 'ends with \\'],
  ['real newline', 'line one\nline two'],
  ['crlf', 'line one\r\nline two'],
  ['tabs', '\ttab\tinside\t'],
  ['--- alone', '---'],
  ['--- inside', 'before\n---\nafter'],
  ['... alone', '...'],
  ['... inside', 'before\n...\nafter'],
  ['chinese', '连接5亿微信活跃用户 企业微信还是选择「Hard」模式'],
  ['emoji', '🎉 Launch day 🚀'],
  ['rtl override', 'abc\u202edef'],
  ['zero width space', 'zero\u200bwidth'],
  ['bom', '\ufeffbom'],
  ['nel / line / paragraph separators', 'a\u0085b\u2028c\u2029d'],
  ['c1 control', 'a\u0080b\u009fc'],
  ['c0 controls', 'bell\u0007esc\u001bnul\u0000'],
  ['leading and trailing spaces', '  padded  '],
  ['only spaces', '   '],
  ['300 characters', 'Lorem ipsum dolor sit amet, '.repeat(11).slice(0, 300)],
  ['empty', ''],
];

const date = '2022-01-12 21:56:33 +0800';

function fieldsFor(title: string): FrontMatterField[] {
  return [
    ['layout', 'post'],
    ['title', title],
    ['date', plainDate(date)],
    ['categories', ['36ke']],
    ['tags', ['36氪新闻', 'machine learning']],
    ['draft', false],
    ['weight', 3],
  ];
}

const expectedOthers = {
  layout: 'post',
  date,
  categories: ['36ke'],
  tags: ['36氪新闻', 'machine learning'],
  draft: false,
  weight: 3,
};

function yamlOf(frontMatter: string): string {
  expect(frontMatter.startsWith('---\n')).toBe(true);
  expect(frontMatter.endsWith('\n---\n')).toBe(true);
  return frontMatter.slice(4, -4);
}

describe('toFrontMatter round-trip of hostile titles', () => {
  it.each(hostileTitles)('%s', (_name, title) => {
    const out = toFrontMatter(fieldsFor(title), { doubleQuoted: ['title'] });

    expect(out.split('\n').filter((line) => line === '---')).toHaveLength(2);
    expect(out.split('\n').find((line) => line.startsWith('title: '))).toMatch(/^title: ".*"$/);

    for (const version of ['1.1', '1.2'] as const) {
      const data: unknown = parse(yamlOf(out), { version });
      expect(data).toEqual({ ...expectedOthers, title: title.toWellFormed() });
    }
    expect(parseFrontMatter(out).data).toEqual({ ...expectedOthers, title });
  });

  it('keeps a long title on one line (no folding)', () => {
    const title = 'word '.repeat(80).trim();
    const out = toFrontMatter([['title', title]], { doubleQuoted: ['title'] });
    expect(out).toBe(`---\ntitle: "${title}"\n---\n`);
  });

  it('replaces a lone surrogate, which no YAML parser accepts, with U+FFFD', () => {
    const out = toFrontMatter([['title', 'broken \ud83d']], { doubleQuoted: ['title'] });
    expect(parse(yamlOf(out), { version: '1.1' })).toEqual({ title: 'broken \ufffd' });
  });
});

describe('toFrontMatter scalar styles', () => {
  it('writes the seed shape: double-quoted title, plain date, block lists', () => {
    const out = toFrontMatter(
      [
        ['layout', 'post'],
        ['title', '连接5亿微信活跃用户 企业微信还是选择「Hard」模式'],
        ['date', plainDate(date)],
        ['categories', ['36ke']],
        ['tags', ['36氪新闻']],
      ],
      { doubleQuoted: ['title'] },
    );
    expect(out).toBe(
      [
        '---',
        'layout: post',
        'title: "连接5亿微信活跃用户 企业微信还是选择「Hard」模式"',
        'date: 2022-01-12 21:56:33 +0800',
        'categories:',
        '  - 36ke',
        'tags:',
        '  - 36氪新闻',
        '---',
        '',
      ].join('\n'),
    );
  });

  it.each([
    'yes',
    'No',
    'ON',
    '1984',
    'null',
    '~',
    '0x1F',
    '1_000',
    '1,000',
    '2022-01-12',
    '.inf',
    ':sym',
    '',
  ])('keeps list item %j a string under YAML 1.1 and 1.2', (value) => {
    const out = toFrontMatter([
      ['tags', [value, 'plain']],
      ['categories', [value]],
      ['series', value],
    ]);
    for (const version of ['1.1', '1.2'] as const) {
      expect(parse(yamlOf(out), { version })).toEqual({
        tags: [value, 'plain'],
        categories: [value],
        series: value,
      });
    }
  });

  // Ruby's Psych (Jekyll) reads these as Symbol, Integer, Float, Time, true or nil; `yaml` cannot show it.
  it.each([
    'yEs',
    'nULL',
    'oFF',
    ':sym',
    ':"quoted"',
    '1,000',
    '-1,5',
    '1.',
    '1:20',
    '1:20.5',
    '2022-1-2 3:04:05 +0800',
    '=',
  ])('double-quotes %j, which only Psych misreads', (value) => {
    const out = toFrontMatter([['tags', [value]]]);
    expect(out).toBe(`---\ntags:\n  - ${JSON.stringify(value)}\n---\n`);
  });

  it('leaves ordinary strings plain', () => {
    const out = toFrontMatter([
      ['layout', 'post'],
      ['tags', ['36氪新闻', 'machine learning', '36ke']],
    ]);
    expect(out).toBe(
      '---\nlayout: post\ntags:\n  - 36氪新闻\n  - machine learning\n  - 36ke\n---\n',
    );
  });

  it('does not turn a list reused for two keys into a YAML alias', () => {
    const list = ['a', 'b'];
    const out = toFrontMatter([
      ['categories', list],
      ['tags', list],
    ]);
    expect(out).not.toMatch(/[&*]/);
    expect(parse(yamlOf(out))).toEqual({ categories: list, tags: list });
  });

  it('writes numbers and booleans as such', () => {
    const out = toFrontMatter([
      ['weight', 3],
      ['ratio', 0.5],
      ['draft', true],
    ]);
    expect(parse(yamlOf(out), { version: '1.1' })).toEqual({ weight: 3, ratio: 0.5, draft: true });
  });

  it('rejects bad keys, duplicate keys, non-finite numbers and malformed dates', () => {
    expect(() => toFrontMatter([['bad key: x', 'v']])).toThrow(/key/);
    expect(() =>
      toFrontMatter([
        ['a', '1'],
        ['a', '2'],
      ]),
    ).toThrow(/Duplicate/);
    expect(() => toFrontMatter([['n', Number.NaN]])).toThrow(/finite/);
    expect(() => plainDate('12 January 2022')).toThrow(/date/);
    expect(() => toFrontMatter([['date', { plainDate: 'x: y' }]])).toThrow(/date/);
  });

  it('recognises the date marker', () => {
    expect(isPlainDate(plainDate('2022-01-12'))).toBe(true);
    expect(isPlainDate('2022-01-12')).toBe(false);
    expect(isPlainDate(null)).toBe(false);
  });
});

describe('parseFrontMatter', () => {
  it('splits data and body; the date stays a string', () => {
    const md = '---\ntitle: "A"\ndate: 2022-01-12 21:56:33 +0800\n---\n\nBody\n';
    expect(parseFrontMatter(md)).toEqual({
      data: { title: 'A', date: '2022-01-12 21:56:33 +0800' },
      body: '\nBody\n',
    });
  });

  it('accepts CRLF, a BOM, a "..." terminator and an empty block', () => {
    expect(parseFrontMatter('\ufeff---\r\na: 1\r\n...\r\nbody').data).toEqual({ a: 1 });
    expect(parseFrontMatter('---\n---\nbody')).toEqual({ data: {}, body: 'body' });
  });

  it('throws a clear error without front matter', () => {
    expect(() => parseFrontMatter('# Just Markdown\n')).toThrow(/No front matter/);
    expect(() => parseFrontMatter('---\ntitle: x\n')).toThrow(/closing/);
    expect(() => parseFrontMatter('---\n- a\n- b\n---\n')).toThrow(/mapping/);
    expect(() => parseFrontMatter('---\ntitle: "open\n---\n')).toThrow(/Invalid front matter YAML/);
  });
});
