/**
 * The headline from `<title>`, without the site name pages append or prepend
 * ("…模式_东方财富网", "Headline | The Guardian", "BBC News - Headline").
 *
 * Cutting must stay conservative: "Spider-Man: Far From Home review" or "COVID-19 - what we know"
 * are whole headlines. A part is dropped when the page itself tells us the headline (og:title, h1),
 * when it is the site's name, or when it sits behind a separator nobody writes inside a headline.
 */

export interface TitleHints {
  ogTitle?: string | null;
  h1?: string | null;
  siteName?: string | null;
}

function collapse(value: string | null | undefined): string {
  return repairMojibake((value ?? '').replace(/\s+/g, ' ').trim());
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * UTF-8 read as Latin-1 by the site's own CMS ("Investorâ\u0080\u0099s" for "Investor’s"): the
 * C1 control characters give it away (no real title has them). Re-read as UTF-8 when every
 * character fits a byte and the bytes are valid UTF-8; otherwise left as it is.
 */
export function repairMojibake(text: string): string {
  if (!/[\u0080-\u009f]/.test(text) || /[^ -\u00ff]/.test(text)) return text;
  try {
    return utf8.decode(Uint8Array.from(text, (char) => char.charCodeAt(0)));
  } catch {
    return text;
  }
}

/** Lowercase letters and digits only, to compare "The Guardian" with "theguardian". */
function squash(value: string): string {
  return value.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Separators pages put between headline and site name. "Strong" ones (`|`, `_`, `»`, `::`, a spaced
 * `·`) rarely occur inside headlines; "weak" ones (spaced dashes, ` / `, ` : `, a hyphen glued to
 * Chinese text) often do ("COVID-19 - what we know", "Oppenheimer — review"), so a part behind them
 * is cut only when it looks like a site name. An unspaced `·` or `——` is punctuation inside the
 * headline (比尔·盖茨, a Chinese subtitle dash).
 */
const SEPARATOR =
  /(\s*(?:[|｜_»]|::)+\s*|\s+[·•—–]+\s+|\s+[-/:]\s+|(?<=[\u3400-\u9fff\uff00-\uffef])-+|-+(?=[\u3400-\u9fff\uff00-\uffef]))/u;
const WEAK_SEPARATOR = /^\s*[-/:–—]+\s*$/;

interface Part {
  text: string;
  /** The separator before this part ('' for the first). */
  separator: string;
}

function splitTitle(title: string): Part[] {
  const pieces = title.split(new RegExp(SEPARATOR.source, 'gu'));
  const parts: Part[] = [];
  let separator = '';
  pieces.forEach((piece, index) => {
    // split() with a capture group alternates text, separator, text…
    if (index % 2 === 1) {
      separator += piece;
    } else if (piece.trim()) {
      parts.push({ text: piece.trim(), separator: parts.length ? separator : '' });
      separator = '';
    }
  });
  return parts;
}

/** Han/Kana characters count as words, so sizes compare across languages. */
function size(text: string): number {
  const cjk = text.match(/[\u3400-\u9fff\u3040-\u30ff\uf900-\ufaff]/g)?.length ?? 0;
  const words = text
    .replace(/[\u3400-\u9fff\u3040-\u30ff\uf900-\ufaff]/g, ' ')
    .match(/[\p{L}\p{N}]+/gu);
  return cjk + (words?.length ?? 0);
}

/** True when the part names the site: its og:site_name, a domain, or a short title-cased name. */
function isSiteName(part: string, siteName: string, strict: boolean): boolean {
  const squashed = squash(part);
  if (!squashed) return false;
  const site = squash(siteName);
  if (site) {
    if (squashed === site) return true;
    // "36氪网" for "36氪", "Guardian" for "The Guardian": a name around the name, not a sentence.
    const close = Math.abs(size(part) - size(siteName)) <= 2;
    if (close && site.length >= 2 && squashed.includes(site)) return true;
    if (close && squashed.length >= 3 && site.includes(squashed)) return true;
  }
  if (/^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$/i.test(part)) return true;
  if (strict) return false;
  // Without a known name: a short part that is written like a name ("BBC News", "新浪网").
  if (/[\u3400-\u9fff]/.test(part)) return size(part) <= 8;
  const words = part.split(/\s+/);
  return words.length <= 4 && words.every((word) => /^[\p{Lu}\p{N}&@]/u.test(word));
}

/** The title with a site-name part cut from its end or start. */
function cutSiteParts(title: string, siteName: string): string {
  const parts = splitTitle(title);
  if (parts.length < 2) return title;
  const headSize = (list: Part[]): number => size(list.map((p) => p.text).join(' '));
  // From the end: "Headline | Section | Site".
  while (parts.length > 1) {
    const last = parts[parts.length - 1];
    if (!last) break;
    const rest = parts.slice(0, -1);
    const weak = WEAK_SEPARATOR.test(last.separator);
    // Chinese site and channel names run longer in characters ("北京大学中国经济研究中心").
    const limit = /[\u3400-\u9fff]/.test(last.text) ? 14 : 8;
    const small = size(last.text) <= limit;
    const shorter = size(last.text) < headSize(rest);
    const nameLike = isSiteName(last.text, siteName, false);
    // Behind `|` or `_`: any short tail, or one written like a name ("Headline | The Guardian").
    // Behind ` - `: only a name, and only one shorter than the headline.
    const cut =
      isSiteName(last.text, siteName, true) ||
      (small && (weak ? shorter && nameLike : shorter || nameLike));
    if (!cut) break;
    parts.pop();
  }
  // From the start only with evidence: "The Guardian | Headline", "BBC News - Headline".
  while (parts.length > 1) {
    const first = parts[0];
    const next = parts[1];
    if (!first || !next) break;
    if (!isSiteName(first.text, siteName, true) || size(first.text) >= headSize(parts.slice(1)))
      break;
    parts.shift();
    next.separator = '';
  }
  return parts.map((p, i) => (i === 0 ? p.text : `${p.separator}${p.text}`)).join('');
}

/** True when `rest` (what is left of the title around a hint) is just a separator and a name. */
function startsWithSeparator(rest: string): boolean {
  return new RegExp(`^(?:${SEPARATOR.source})`, 'u').test(rest);
}

function endsWithSeparator(rest: string): boolean {
  return new RegExp(`(?:${SEPARATOR.source})$`, 'u').test(rest);
}

/** A hint that is the headline part of the raw title, bounded by a separator; the shortest wins. */
function hintInTitle(raw: string, hints: string[], siteName: string): string | null {
  const found = hints.filter((hint) => {
    if (!hint || hint.length >= raw.length || isSiteName(hint, siteName, true)) return false;
    if (raw.startsWith(hint) && startsWithSeparator(raw.slice(hint.length))) return true;
    const before = raw.slice(0, raw.length - hint.length);
    // "Site | Headline": what stands before the hint must be a name, or the hint is the site
    // (a front page whose h1 is its logo: "Today's headlines | Link Digest").
    return (
      raw.endsWith(hint) &&
      endsWithSeparator(before) &&
      isSiteName(before.replace(new RegExp(`(?:${SEPARATOR.source})$`, 'u'), ''), siteName, false)
    );
  });
  return found.sort((a, b) => a.length - b.length)[0] ?? null;
}

/** The page's headline from its raw `<title>`, with the site name cut and whitespace collapsed. */
export function cleanTitle(rawTitle: string, hints: TitleHints): string {
  const raw = collapse(rawTitle);
  const h1 = collapse(hints.h1);
  const siteName = collapse(hints.siteName);
  const ogTitle = collapse(hints.ogTitle);
  const ogHeadline = ogTitle && cutSiteParts(ogTitle, siteName);
  if (!raw) return ogHeadline || h1;
  if (h1 === raw) return raw;
  // The page's own headline is the best guide: the title is it plus a site name around it.
  const hinted = hintInTitle(raw, [ogTitle, h1], siteName);
  if (hinted) return hinted;
  const cleaned = cutSiteParts(raw, siteName) || raw;
  const usableH1 = h1 && !isSiteName(h1, siteName, true) ? h1 : '';
  // The same words as the h1 or og:title, which keep the headline's punctuation ("… in 2025?").
  const sameWords = [usableH1, ogHeadline].find((h) => h && squash(h) === squash(cleaned));
  if (sameWords) return sameWords;
  // A `<title>` that is only the site's name says nothing about the article.
  if (siteName && squash(cleaned) === squash(siteName)) {
    const headline = [ogHeadline, usableH1].find((h) => h && squash(h) !== squash(siteName));
    if (headline) return headline;
  }
  return cleaned;
}
