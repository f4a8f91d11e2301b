// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { localOffsetMinutes, offsetForLanguage } from '../../lib/extract/page-timezone';

describe('offsetForLanguage', () => {
  it.each([
    ['zh', 480],
    ['zh-CN', 480],
    ['zh-Hans', 480],
    ['zh-SG', 480],
    ['zh-TW', 480],
    ['zh-HK', 480],
    ['zh_cn', 480],
    ['ZH-cn', 480],
    ['ja', 540],
    ['ja-JP', 540],
    ['ko', 540],
    ['ko-KR', 540],
  ])('%s → %i', (lang, offset) => {
    expect(offsetForLanguage(lang)).toBe(offset);
  });

  it.each([['en'], ['en-US'], ['pt-BR'], ['fr'], [''], [null]])('%s → null', (lang) => {
    expect(offsetForLanguage(lang)).toBeNull();
  });
});

describe('localOffsetMinutes', () => {
  it('is the machine offset at that wall time, east positive', () => {
    for (const [y, m, d, h, mi] of [
      [2022, 1, 12, 21, 56],
      [2022, 7, 1, 12, 0],
    ] as const) {
      expect(localOffsetMinutes(y, m, d, h, mi)).toBe(
        -new Date(y, m - 1, d, h, mi).getTimezoneOffset() || 0,
      );
    }
  });

  it('follows the TZ the tests run under (DST-aware)', () => {
    const tz = process.env.TZ;
    const january = localOffsetMinutes(2022, 1, 12, 21, 56);
    const july = localOffsetMinutes(2022, 7, 1, 12, 0);
    if (tz === 'UTC') expect([january, july]).toEqual([0, 0]);
    if (tz === 'Asia/Shanghai') expect([january, july]).toEqual([480, 480]);
    if (tz === 'America/New_York') expect([january, july]).toEqual([-300, -240]);
  });

  it('never returns -0', () => {
    expect(Object.is(localOffsetMinutes(2022, 1, 1, 0, 0), -0)).toBe(false);
  });
});
