/**
 * Text folding and tokenising for library search. English (and every Latin/Cyrillic/Greek
 * script) is cut into words, case and accents folded; Chinese, Japanese and Korean runs are cut
 * into overlapping bigrams, so any word of two or more characters inside a sentence is found
 * without a dictionary.
 */

// Letters NFKD does not decompose into an ASCII base (the same list as the slugger's).
const LATIN_EXTRA: Readonly<Record<string, string>> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
};
const EXTRA = /[ßẞæœøđðłþı]/g;
const MARKS = /\p{M}/gu;
// `don't` is one word, as in the slugs: the apostrophe goes before folding splits words.
const APOSTROPHE = /['’](?=\p{L})/gu;
const ASCII = /^[\x20-\x7e\n\t\r]*$/;

/** Lower case, accents and compatibility forms (full-width letters, ligatures) folded. */
export function foldText(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase().replace(APOSTROPHE, '');
  return text
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(EXTRA, (ch) => LATIN_EXTRA[ch] ?? ch)
    .replace(APOSTROPHE, '');
}

/** The scripts whose runs are cut into bigrams (a character class's contents). */
export const CJK_CLASS =
  '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
/** A run of CJK characters, or a word: anything but spaces, punctuation, symbols and CJK. */
const TOKEN = new RegExp(`([${CJK_CLASS}]+)|([^\\s\\p{P}\\p{S}\\p{Z}\\p{C}${CJK_CLASS}]+)`, 'gu');
const CJK_CHAR = new RegExp(`[${CJK_CLASS}]`, 'u');
const SURROGATE = /[\uD800-\uDFFF]/;

/** Words longer than this (URLs, hashes) are cut: nobody types them whole. */
export const MAX_WORD_LENGTH = 32;

export function isCjk(char: string): boolean {
  return CJK_CHAR.test(char);
}

/**
 * Calls `emit` once per index term of already folded text: each word, and each bigram of a CJK
 * run (a run of one character is that character), with the term's offset in `folded`.
 */
export function forEachTerm(folded: string, emit: (term: string, at: number) => void): void {
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(folded); match; match = TOKEN.exec(folded)) {
    const [, cjk, word] = match;
    if (word !== undefined) {
      emit(word.length > MAX_WORD_LENGTH ? word.slice(0, MAX_WORD_LENGTH) : word, match.index);
    } else if (cjk !== undefined) {
      if (SURROGATE.test(cjk)) {
        const chars = Array.from(cjk);
        if (chars.length === 1) emit(cjk, match.index);
        let at = match.index;
        for (let i = 1; i < chars.length; i++) {
          emit(`${chars[i - 1]}${chars[i]}`, at);
          at += (chars[i - 1] ?? '').length;
        }
      } else {
        // The usual case, no characters outside the BMP: bigrams are plain slices.
        if (cjk.length === 1) emit(cjk, match.index);
        for (let i = 2; i <= cjk.length; i++) emit(cjk.slice(i - 2, i), match.index + i - 2);
      }
    }
  }
}

/** One part of a query: a word (matched as a prefix) or a CJK run (matched as a phrase). */
export type QueryPart =
  { kind: 'word'; text: string } | { kind: 'cjk'; text: string; grams: string[] };

/** The parts of what the user typed, folded like the index; duplicates dropped. */
export function parseQuery(query: string): QueryPart[] {
  const folded = foldText(query);
  const parts: QueryPart[] = [];
  const seen = new Set<string>();
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(folded); match; match = TOKEN.exec(folded)) {
    const [, cjk, word] = match;
    const text = (word ?? cjk ?? '').slice(0, word ? MAX_WORD_LENGTH : undefined);
    if (!text || seen.has(text)) continue;
    seen.add(text);
    if (word !== undefined) {
      parts.push({ kind: 'word', text });
    } else {
      const chars = Array.from(text);
      const grams: string[] = [];
      for (let i = 1; i < chars.length; i++) grams.push(`${chars[i - 1]}${chars[i]}`);
      parts.push({ kind: 'cjk', text, grams });
    }
  }
  return parts;
}
