/**
 * Which UTC offset to assume for a date the page prints without one.
 *
 * A page that says "2022年01月12日 21:56" means Beijing time, whatever the reader's machine is set
 * to; reading it in the machine's zone would shift the day for readers abroad.
 */

/** Languages spoken (almost) only in one timezone: the page's language then implies the offset. */
const OFFSET_BY_PRIMARY_LANGUAGE: Readonly<Record<string, number>> = {
  // China, Hong Kong, Macau, Taiwan and Singapore are all UTC+8 and have no DST.
  zh: 480,
  ja: 540,
  ko: 540,
};

/** UTC offset in minutes (+480 = UTC+8) implied by a BCP 47 language tag, or null when it implies none. */
export function offsetForLanguage(lang: string | null): number | null {
  if (!lang) return null;
  const primary = lang.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return OFFSET_BY_PRIMARY_LANGUAGE[primary] ?? null;
}

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g;
const KANA = /[\u3040-\u30ff]/g;
const HANGUL = /[\uac00-\ud7af]/g;
const LATIN = /[a-z]/gi;

/**
 * UTC offset implied by the script the page's text is written in: Chinese (no kana) is UTC+8 in
 * every place that writes it, Japanese (kana) and Korean (Hangul) UTC+9. Many Chinese pages
 * declare no language or a wrong one (`lang="en"` from a template), so the text decides. Null
 * for text that is not mostly Chinese, Japanese or Korean.
 */
export function offsetForScript(text: string): number | null {
  const han = text.match(HAN)?.length ?? 0;
  const kana = text.match(KANA)?.length ?? 0;
  const hangul = text.match(HANGUL)?.length ?? 0;
  const cjk = han + kana + hangul;
  // A CJK character is a word; five Latin letters are one.
  const latinWords = (text.match(LATIN)?.length ?? 0) / 5;
  if (cjk < 20 || cjk < latinWords) return null;
  if (hangul > han + kana) return offsetForLanguage('ko');
  if (kana >= cjk * 0.05) return offsetForLanguage('ja');
  return offsetForLanguage('zh');
}

/**
 * The machine's UTC offset in minutes at that local wall time (DST-aware), +480 meaning UTC+8.
 * The last resort when neither the value nor the page's language says which zone a date is in.
 */
export function localOffsetMinutes(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
): number {
  const date = new Date(year, month - 1, day, hour, minute);
  // Years 0–99 would be read as 1900–1999 by the constructor.
  if (year >= 0 && year < 100) date.setFullYear(year);
  // getTimezoneOffset() is UTC minus local; `|| 0` avoids returning -0 for UTC.
  return -date.getTimezoneOffset() || 0;
}
