import { describe, expect, it } from 'vitest';
import {
  MAX_FILE_NAME_LENGTH,
  isWindowsReservedName,
  postFileName,
  safeFileStem,
} from '../../lib/export/file-name';

const DATE = '2022-01-12T21:56:33+08:00';
const SEED_TITLE = '连接5亿微信活跃用户 企业微信还是选择「Hard」模式';

function expectSafe(name: string): void {
  expect(name.length).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
  // eslint-disable-next-line no-control-regex -- asserting that no control character survives
  expect(name).not.toMatch(/[/\\:*?"<>|\u0000-\u001f]/);
  expect(name).not.toMatch(/^[\s.]|[\s.]$/);
  expect(name).toMatch(/^\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*\.md$/);
  expect(isWindowsReservedName(name)).toBe(false);
  expect(isWindowsReservedName(name.replace(/\.md$/, ''))).toBe(false);
}

describe('postFileName', () => {
  it.each([
    ['36氪', '2022-01-12-36ke.md'],
    [
      SEED_TITLE,
      '2022-01-12-lian-jie-5yi-wei-xin-huo-yue-yong-hu-qi-ye-wei-xin-hai-shi-xuan-ze-hard-mo-shi.md',
    ],
    ['Hello, World! (Part 2)', '2022-01-12-hello-world-part-2.md'],
    ['Crème brûlée', '2022-01-12-creme-brulee.md'],
    ['🎉🔥', '2022-01-12-untitled.md'],
    ['', '2022-01-12-untitled.md'],
    ['../../etc/passwd', '2022-01-12-etc-passwd.md'],
    ['CON', '2022-01-12-con.md'],
    ['nul.txt', '2022-01-12-nul-txt.md'],
    ['LPT1', '2022-01-12-lpt1.md'],
  ])('%j → %s', (title, expected) => {
    const name = postFileName(DATE, title);
    expect(name).toBe(expected);
    expectSafe(name);
  });

  it('takes the day in the article’s own offset, not UTC', () => {
    expect(postFileName('2022-01-12T23:30:00-08:00', 'Late')).toBe('2022-01-12-late.md');
    expect(postFileName('2022-01-12T00:30:00+08:00', 'Early')).toBe('2022-01-12-early.md');
  });

  it('keeps 300-character titles within the limits', () => {
    for (const title of [
      'word '.repeat(60),
      'a'.repeat(300),
      '微信'.repeat(150),
      'Été '.repeat(75),
    ]) {
      const name = postFileName(DATE, title);
      expectSafe(name);
      expect(name.length).toBeLessThanOrEqual(11 + 80 + 3);
    }
  });

  it('appends -2, -3… on collisions and records the chosen names', () => {
    const taken = new Set<string>();
    expect(postFileName(DATE, 'Same title', taken)).toBe('2022-01-12-same-title.md');
    expect(postFileName(DATE, 'Same title', taken)).toBe('2022-01-12-same-title-2.md');
    expect(postFileName(DATE, 'Same, title!', taken)).toBe('2022-01-12-same-title-3.md');
    expect(postFileName(DATE, '🎉', taken)).toBe('2022-01-12-untitled.md');
    expect(postFileName(DATE, '🔥', taken)).toBe('2022-01-12-untitled-2.md');
    expect(taken).toEqual(
      new Set([
        '2022-01-12-same-title.md',
        '2022-01-12-same-title-2.md',
        '2022-01-12-same-title-3.md',
        '2022-01-12-untitled.md',
        '2022-01-12-untitled-2.md',
      ]),
    );
  });

  it('stays within the length limit with a suffix on a long title', () => {
    const taken = new Set<string>();
    const title = 'a'.repeat(300);
    const names = Array.from({ length: 12 }, () => postFileName(DATE, title, taken));
    expect(new Set(names).size).toBe(12);
    for (const name of names) expectSafe(name);
    expect(names[11]).toMatch(/-12\.md$/);
  });

  it('throws on a date without an offset', () => {
    expect(() => postFileName('2022-01-12T21:56:33', 'x')).toThrow(/offset/);
  });
});

describe('file-name guards', () => {
  it.each([
    'CON',
    'con',
    'Prn',
    'AUX',
    'NUL',
    'nul.txt',
    'COM1',
    'com9.md',
    'LPT1',
    'lpt9.tar.gz',
    ' nul ',
  ])('%j is reserved on Windows', (name) => {
    expect(isWindowsReservedName(name)).toBe(true);
    expect(isWindowsReservedName(safeFileStem(name))).toBe(false);
  });

  it.each(['CONSOLE', 'icon', 'com10', 'lpt', 'null', '2022-01-12-con'])(
    '%j is not reserved',
    (name) => {
      expect(isWindowsReservedName(name)).toBe(false);
    },
  );

  it('safeFileStem strips separators, reserved characters and edge dots/spaces', () => {
    expect(safeFileStem('../../etc/passwd')).toBe('etc-passwd');
    expect(safeFileStem(' .hidden. ')).toBe('hidden');
    expect(safeFileStem('a<b>c:d"e/f\\g|h?i*j')).toBe('a-b-c-d-e-f-g-h-i-j');
    expect(safeFileStem('..')).toBe('');
  });
});
