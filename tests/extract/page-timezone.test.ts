// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  localOffsetMinutes,
  offsetForLanguage,
  offsetForScript,
} from '../../lib/extract/page-timezone';

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

describe('offsetForScript', () => {
  it('reads Chinese text as +08:00, Japanese and Korean as +09:00', () => {
    expect(
      offsetForScript('台北捷運環狀線北段今日上午正式通車，市長出席典禮並搭乘首班列車。'),
    ).toBe(480);
    expect(offsetForScript('北京市今天发布新的空气质量预警，要求重点企业减少排放。 Beijing')).toBe(
      480,
    );
    expect(offsetForScript('東京都は５日、新しい子育て支援策を発表した。保育料を軽くする。')).toBe(
      540,
    );
    expect(
      offsetForScript(
        '서울시는 5일 새로운 보육 지원 정책을 발표했다. 내년부터 보육료 부담을 줄인다.',
      ),
    ).toBe(540);
  });

  it('gives none for text that is mostly in another script', () => {
    const english =
      'The mayor of Taipei, 蔣萬安, opened the new metro line this morning and rode the first train with residents of the district.';
    expect(offsetForScript(english.repeat(3))).toBeNull();
    expect(offsetForScript('短い')).toBeNull();
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
