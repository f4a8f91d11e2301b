import { describe, expect, it } from 'vitest';
import { slugify } from '../../lib/export/slug';

const SEED_TITLE = '连接5亿微信活跃用户 企业微信还是选择「Hard」模式';

describe('slugify', () => {
  it.each([
    ['36氪', '36ke'],
    ['连接5亿微信', 'lian-jie-5yi-wei-xin'],
    [SEED_TITLE, 'lian-jie-5yi-wei-xin-huo-yue-yong-hu-qi-ye-wei-xin-hai-shi-xuan-ze-hard-mo-shi'],
    ['36氪新闻', '36ke-xin-wen'],
    ['2022年1月11日', '2022nian-1yue-11ri'],
    ['微信Pay', 'wei-xinpay'],
    ['4S店', '4sdian'],
    ['iPhone 手机', 'iphone-shou-ji'],
    ['企业微信 2022', 'qi-ye-wei-xin-2022'],
    ['绿色', 'lv-se'],
    ['Hello, World! Why JavaScript?', 'hello-world-why-javascript'],
    ["Don't Panic: v2.0 — the 'Guide'", 'dont-panic-v2-0-the-guide'],
    ['Crème Brûlée à la Française', 'creme-brulee-a-la-francaise'],
    ['Straße, Øresund, Łódź, Æsir', 'strasse-oresund-lodz-aesir'],
    ['Ｆｕｌｌｗｉｄｔｈ　ＡＢＣ', 'fullwidth-abc'],
    ['🎉 Launch 🚀 day', 'launch-day'],
    ['🎉🔥✨', ''],
    ['「」……——', ''],
    ['Привет мир', ''],
    ['', ''],
    ['../../etc/passwd', 'etc-passwd'],
    ['..\\..\\Windows\\System32', 'windows-system32'],
    ['a/b\\c:d*e?f"g<h>i|j', 'a-b-c-d-e-f-g-h-i-j'],
    ['  --Leading and trailing--  ', 'leading-and-trailing'],
    ['many    spaces --- and ___ dashes', 'many-spaces-and-dashes'],
  ])('%j → %j', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  it('only ever yields [a-z0-9] words joined by single dashes', () => {
    for (const input of [
      SEED_TITLE,
      '../../etc/passwd',
      'C:\\Windows\\..\\x',
      '\u202eevil\u200b',
      'a\u0000b',
    ]) {
      expect(slugify(input)).toMatch(/^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$/);
    }
  });

  it('cuts at maxLength on a dash boundary', () => {
    const long = 'word '.repeat(60);
    const slug = slugify(long);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toBe(Array(16).fill('word').join('-')); // 16 × 5 - 1 = 79
    expect(slugify('alpha beta gamma', 10)).toBe('alpha-beta');
    expect(slugify('alpha beta gamma', 11)).toBe('alpha-beta');
    expect(slugify('alpha beta gamma', 5)).toBe('alpha');
  });

  it('hard-cuts a single long word and handles a 300-character Chinese title', () => {
    expect(slugify('a'.repeat(300))).toBe('a'.repeat(80));
    const chinese = slugify('微信'.repeat(150));
    expect(chinese.length).toBeLessThanOrEqual(80);
    expect(chinese).toMatch(/^wei-xin(?:-wei-xin)*(?:-wei)?$/);
  });

  it('returns "" for a non-positive maxLength', () => {
    expect(slugify('abc', 0)).toBe('');
  });
});
