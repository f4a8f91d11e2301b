// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { countWords } from '../../lib/extract/word-count';

describe('countWords', () => {
  it.each([
    ['企业微信 is great', 6],
    ['The quick brown fox jumps over the lazy dog.', 9],
    ["Don't stop the e-mail — it's 2022!", 6],
    ['5亿微信活跃用户', 8],
    ['連接5億微信 users in 2022年', 10],
    ['ひらがなとカタカナ', 9],
    ['한국어 문장입니다', 2],
    ['', 0],
    ['   \n\t  ', 0],
    ['— … ,,, !!!', 0],
    ['snake_case and 3.14', 4],
  ])('%j → %i', (text, count) => {
    expect(countWords(text)).toBe(count);
  });
});
