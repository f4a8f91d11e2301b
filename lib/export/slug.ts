/** ASCII slugs for file names and Jekyll categories; Chinese is spelled in toneless pinyin. */

import { pinyin } from 'pinyin-pro';

// Letters NFKD does not decompose into an ASCII base.
const LATIN_EXTRA: Readonly<Record<string, string>> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ø: 'o',
  Ø: 'o',
  đ: 'd',
  Đ: 'd',
  ð: 'd',
  Ð: 'd',
  ł: 'l',
  Ł: 'l',
  þ: 'th',
  Þ: 'th',
  ı: 'i',
};

// Han runs (spelled in pinyin) and ASCII letter/digit runs; everything else separates words.
const TOKEN = /(\p{Script=Han}+)|([a-z0-9]+)/gu;

interface Token {
  kind: 'han' | 'ascii';
  /** Han: one pinyin syllable per character; ASCII: the run itself. */
  words: string[];
  start: number;
  end: number;
}

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßẞæÆœŒøØđĐðÐłŁþÞı]/g, (ch) => LATIN_EXTRA[ch] ?? '')
    .toLowerCase()
    .replace(/['’](?=[a-z])/g, ''); // don't → dont, not don-t
}

function tokenize(folded: string): Token[] {
  const tokens: Token[] = [];
  for (const match of folded.matchAll(TOKEN)) {
    const [whole, han] = match;
    const start = match.index;
    const words = han
      ? pinyin(han, { toneType: 'none', type: 'array', v: true })
          .map((syllable) => syllable.toLowerCase().replace(/[^a-z0-9]/g, ''))
          .filter(Boolean) // characters pinyin-pro does not know come back as themselves
      : [whole];
    if (words.length > 0)
      tokens.push({ kind: han ? 'han' : 'ascii', words, start, end: start + whole.length });
  }
  return tokens;
}

/**
 * Words joined by `-`, cut to `maxLength` on a `-` when possible; '' when nothing is left.
 *
 * Rule for mixed Chinese: every Han character is one pinyin word (`微信` → `wei-xin`). A run of
 * ASCII letters/digits written directly against Han (no space or punctuation) joins the syllable
 * it leads into: `36氪` → `36ke`, `连接5亿` → `lian-jie-5yi`. Only when no Han follows does it join
 * the syllable before it: `微信Pay` → `wei-xinpay`. Anything else is separated by `-`.
 */
export function slugify(text: string, maxLength = 80): string {
  if (maxLength < 1) return '';
  const tokens = tokenize(fold(text));
  const words: string[] = [];
  let prefix = '';
  tokens.forEach((token, i) => {
    const next = tokens[i + 1];
    const prev = tokens[i - 1];
    if (token.kind === 'han') {
      const [first = '', ...rest] = token.words;
      words.push(prefix + first, ...rest);
      prefix = '';
    } else if (next?.kind === 'han' && next.start === token.end) {
      prefix = token.words.join('');
    } else if (prev?.kind === 'han' && prev.end === token.start && words.length > 0) {
      words[words.length - 1] += token.words.join('');
    } else {
      words.push(...token.words);
    }
  });
  return truncate(words.join('-'), maxLength);
}

function truncate(slug: string, maxLength: number): string {
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength);
  const boundary = slug[maxLength] === '-' ? maxLength : cut.lastIndexOf('-');
  return (boundary > 0 ? cut.slice(0, boundary) : cut).replace(/-+$/, '');
}
