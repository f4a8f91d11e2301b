/**
 * The date an article was published, as ISO 8601 with the source's own UTC offset.
 *
 * The offset is kept, never converted to the reader's zone: "21:56 in Beijing" must stay
 * `21:56+08:00`, or Jekyll and friends file the post under the wrong day (field notes, "Dates and
 * timezones"). Dates without an offset get the one the page's language implies, else the machine's.
 */

import * as chrono from 'chrono-node';
import type { ParsedResult } from 'chrono-node';
import { memo } from './doc-memo';
import { descendants } from './element-walk';
import { findHeadline, spacedText, textAfter, textBefore, textNodes } from './headline';
import { jsonLdText, rankJsonLdNodes, readJsonLd } from './json-ld';
import { metaContent } from './meta-tags';
import { localOffsetMinutes, offsetForLanguage, offsetForScript } from './page-timezone';

export interface DateParts {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
}

/** The offset for a value that carries none: fixed, or worked out from its wall time (DST). */
export type DefaultOffset = number | ((parts: DateParts) => number);

function pad(value: number, width = 2): string {
  return String(Math.abs(value)).padStart(width, '0');
}

/** `2022-01-12T21:56:33+08:00` (a missing time is midnight). */
export function formatIsoWithOffset(parts: DateParts, offsetMinutes: number): string {
  const offset = Math.round(offsetMinutes);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const date = `${pad(parts.year, 4)}-${pad(parts.month)}-${pad(parts.day)}`;
  const time = `${pad(parts.hour ?? 0)}:${pad(parts.minute ?? 0)}:${pad(parts.second ?? 0)}`;
  return `${date}T${time}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** True when the fields name a real calendar day and clock time (no 31 February, no 25:00). */
function isValidParts(parts: DateParts): boolean {
  const { year, month, day, hour = 0, minute = 0, second = 0 } = parts;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  const check = new Date(Date.UTC(2000, month - 1, day));
  check.setUTCFullYear(year);
  return check.getUTCDate() === day && check.getUTCMonth() === month - 1;
}

function resolveOffset(defaultOffset: DefaultOffset, parts: DateParts): number {
  return typeof defaultOffset === 'number' ? defaultOffset : defaultOffset(parts);
}

/** Minutes east of UTC for `Z`, `UTC`, `GMT`, `+08:00`, `+0800`, `+08`, `GMT+8`; null if unreadable. */
function parseOffset(text: string): number | null {
  if (/^(?:Z|UTC|GMT)$/i.test(text)) return 0;
  const match = /([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(text);
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  if (minutes > 14 * 60) return null;
  return match[1] === '-' ? -minutes || 0 : minutes;
}

const OFFSET = String.raw`(Z|UTC|GMT|(?:UTC|GMT)?\s*[+-]\d{1,2}(?::?\d{2})?)`;
/** `2022-01-12`, `2022/1/12 21:56`, `2022-01-12T21:56:33.123+08:00`… */
const EXTENDED = new RegExp(
  String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*${OFFSET}?$`,
  'i',
);
/** ISO 8601 basic format: `20220112`, `20220112T215633Z`. */
const BASIC = new RegExp(
  String.raw`^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?(?:[.,]\d+)?)?\s*${OFFSET}?$`,
  'i',
);

/**
 * A machine-readable date (meta tags, JSON-LD, `<time datetime>`) as ISO with an offset. The value's
 * own offset is kept (`Z` becomes `+00:00`); a value without one gets the default offset.
 */
export function normalizeIsoDate(
  value: string,
  defaultOffsetMinutes: DefaultOffset,
): string | null {
  const text = value.trim();
  let fields: (string | undefined)[];
  let match = EXTENDED.exec(text);
  if (match) {
    fields = [match[1], match[3], match[4], match[5], match[6], match[7], match[8]];
  } else {
    match = BASIC.exec(text);
    if (!match) return null;
    fields = match.slice(1, 8);
  }
  const [year, month, day, hour, minute, second, offsetText] = fields;
  const parts: DateParts = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour ?? 0),
    minute: Number(minute ?? 0),
    second: Number(second ?? 0),
  };
  if (!isValidParts(parts)) return null;
  const own = offsetText ? parseOffset(offsetText.replace(/\s+/g, '')) : null;
  if (offsetText && own === null) return null;
  return formatIsoWithOffset(parts, own ?? resolveOffset(defaultOffsetMinutes, parts));
}

interface ChronoParser {
  parse(text: string, ref?: Date): ParsedResult[];
}

/** Strict (no "yesterday") chrono parsers per primary language, for day/month order and month names. */
const LANGUAGE_PARSERS: Readonly<Record<string, ChronoParser>> = {
  de: chrono.de.strict,
  es: chrono.es.strict,
  fi: chrono.fi.strict,
  fr: chrono.fr.strict,
  id: chrono.id.strict,
  it: chrono.it.strict,
  ja: chrono.ja.strict,
  nl: chrono.nl.strict,
  pt: chrono.pt.strict,
  ru: chrono.ru.strict,
  sv: chrono.sv.strict,
  uk: chrono.uk.strict,
  vi: chrono.vi.strict,
};

const HAN = /[\u3400-\u9fff]/;
/** A date right after such a label is an update, not the publication. */
const UPDATE_LABEL =
  /(?:updated?|modified|edited|更新|修改|編集)\W{0,3}(?:on|at|于|於|时间|時間)?\W{0,3}$/i;

function parsersFor(text: string, language: string | null | undefined): ChronoParser[] {
  const primary = language?.toLowerCase().split(/[-_]/)[0] ?? '';
  const parsers: ChronoParser[] = [];
  if (HAN.test(text)) parsers.push(chrono.zh.hans, chrono.ja.strict);
  const own = LANGUAGE_PARSERS[primary];
  if (own) parsers.push(own);
  parsers.push(chrono.en.strict);
  return parsers;
}

/** The Republic of China's calendar counts years from 1912 (民國113年 = 2024). */
const ROC_YEAR_OFFSET = 1911;
/** `民國113年3月5日`, `113年03月05日`, `113/03/05`: a two- or three-digit year no Western date has. */
const ROC_DATE =
  /(?:(?:中華)?民國\s*)?(?<!\d)(\d{2,3})(\s*(?:年\s*\d{1,2}\s*月|\/\d{1,2}\/\d{1,2}(?!\d)))/g;

/** ROC-era dates (Taiwanese sites) written with the Western year, which parsers understand. */
export function westernizeRocYears(text: string): string {
  return text.replace(ROC_DATE, (whole, year: string, rest: string) => {
    const western = Number(year) + ROC_YEAR_OFFSET;
    // Only years that make a plausible publication date: "12/03/05" stays as it is.
    return western >= 1990 && western <= new Date().getFullYear() + 1
      ? `${western}${rest.replace(/\//g, '-')}`
      : whole;
  });
}

/** A date in numbers only with a two-digit year: "09/11/25", "11.09.25" (no "2025", no "年"). */
const AMBIGUOUS_NUMERIC_DATE = /^\D*\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{2}(?!\d)(?![年月日])/;

/**
 * A human-readable date in page text (`2022年01月12日 21:56`, `January 12, 2022 9:56 PM EST`,
 * `12 January 2022`…), or null. Only full dates count: "3 hours ago" or "01-12" are not enough to
 * file an article by. The wall-clock fields are read as written, never through the machine's zone.
 */
export function parseVisibleDate(
  text: string,
  defaultOffsetMinutes: DefaultOffset,
  language?: string | null,
): string | null {
  const input = westernizeRocYears(text.replace(/\s+/g, ' ').trim().slice(0, 400));
  // A full date writes its year's last two digits together (checked below): none, no date.
  if (!/\d\d/.test(input)) return null;
  let best: ParsedResult | null = null;
  let bestScore = Infinity;
  for (const [priority, parser] of parsersFor(input, language).entries()) {
    let results: ParsedResult[];
    try {
      results = parser.parse(input, new Date());
    } catch {
      continue;
    }
    for (const result of results) {
      const start = result.start;
      if (!start.isCertain('year') || !start.isCertain('month') || !start.isCertain('day'))
        continue;
      // "今天", "3 hours ago" come out certain too: a printed date writes its year.
      if (!result.text.includes(String(start.get('year') ?? '').slice(-2))) continue;
      // "09/11/25": which number is the year, the month or the day is anyone's guess.
      if (AMBIGUOUS_NUMERIC_DATE.test(result.text)) continue;
      const updated = UPDATE_LABEL.test(input.slice(Math.max(0, result.index - 20), result.index));
      // Earliest in the text first; at the same place, one with a time, then the language's parser.
      const score =
        (updated ? 10_000 : 0) +
        result.index * 10 +
        (start.isCertain('hour') ? 0 : 5) +
        Math.min(priority, 4);
      if (score < bestScore) {
        best = result;
        bestScore = score;
      }
    }
  }
  if (!best) return null;
  const start = best.start;
  const hasTime = start.isCertain('hour');
  const parts: DateParts = {
    year: start.get('year') ?? 0,
    month: start.get('month') ?? 0,
    day: start.get('day') ?? 0,
    hour: hasTime ? (start.get('hour') ?? 0) : 0,
    minute: hasTime ? (start.get('minute') ?? 0) : 0,
    second: hasTime ? (start.get('second') ?? 0) : 0,
  };
  if (!isValidParts(parts)) return null;
  const own = start.isCertain('timezoneOffset') ? start.get('timezoneOffset') : null;
  return formatIsoWithOffset(parts, own ?? resolveOffset(defaultOffsetMinutes, parts));
}

/** Publication dates before the web's news era, or more than a day ahead, are someone else's date. */
function isPlausible(iso: string): boolean {
  const time = Date.parse(iso);
  return (
    Number.isFinite(time) && time >= Date.UTC(1990, 0, 1) && time <= Date.now() + 24 * 3600 * 1000
  );
}

/** Meta tags that carry the publication date, in order of trust. */
const PUBLISHED_META = [
  'og:published_time',
  'article:published',
  'datePublished',
  'pubdate',
  'publishdate',
  'publish-date',
  'publish_date',
  'pub_date',
  'published',
  'published_at',
  'date',
  'dc.date',
  'dc.date.issued',
  'dcterms.created',
  'dcterms.issued',
  'sailthru.date',
  'parsely-pub-date',
  'citation_publication_date',
  'og:release_date',
];

type Candidate = { kind: 'value' | 'text'; value: string };

function* structuredCandidates(doc: Document): Generator<Candidate> {
  for (const node of rankJsonLdNodes(readJsonLd(doc))) {
    const value = jsonLdText(node['datePublished']);
    if (value) yield { kind: 'value', value };
  }
  for (const key of ['article:published_time', ...PUBLISHED_META]) {
    const value = metaContent(doc, key);
    if (value) yield { kind: 'value', value };
  }
  // Microdata on any element: `<span itemprop="datePublished" content="…">`, `<time itemprop…>`.
  for (const element of descendants(doc)) {
    if (element.localName === 'meta' || !element.hasAttribute('itemprop')) continue;
    const props = (element.getAttribute('itemprop') ?? '').toLowerCase().split(/\s+/);
    if (!props.includes('datepublished')) continue;
    for (const attribute of ['content', 'datetime']) {
      const value = element.getAttribute(attribute)?.trim();
      if (value) yield { kind: 'value', value };
    }
    yield { kind: 'text', value: spacedText(element) };
  }
}

/** The structured date of the page's last revision: JSON-LD `dateModified`, then the meta tags. */
function* modifiedCandidates(doc: Document): Generator<Candidate> {
  for (const node of rankJsonLdNodes(readJsonLd(doc))) {
    const value = jsonLdText(node['dateModified']);
    if (value) yield { kind: 'value', value };
  }
  const value = metaContent(doc, 'article:modified_time', 'og:updated_time', 'dateModified');
  if (value) yield { kind: 'value', value };
}

function follows(element: Node, reference: Node): boolean {
  return Boolean(
    reference.compareDocumentPosition(element) & reference.DOCUMENT_POSITION_FOLLOWING,
  );
}

function* timeCandidates(doc: Document, headline: Element | null): Generator<Candidate> {
  const times = [...doc.getElementsByTagName('time')].filter(
    (t) =>
      t.hasAttribute('datetime') &&
      !/modified|updated/i.test(`${t.getAttribute('itemprop') ?? ''} ${t.className}`),
  );
  const preferred = [
    ...times.filter((t) => t.hasAttribute('pubdate') || t.hasAttribute('itemprop')),
    ...times.filter((t) => t.closest('article, header')),
    ...(headline ? times.filter((t) => follows(t, headline)) : []),
    ...times,
  ];
  for (const time of new Set(preferred)) {
    yield { kind: 'value', value: time.getAttribute('datetime') ?? '' };
  }
}

const SKIPPED_ELEMENTS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SELECT', 'OPTION']);
/** Class or id of the elements that hold a date line, a byline or a source line. */
const DATE_CONTAINER = /date|time|pub|info|meta|byline|author|source/i;
/** A label that introduces the publication date ("发布时间：", "Posted on"). */
const PUBLISHED_LABEL = /发布|發佈|发表|發表|时间|時間|日期|published|posted|date/i;

/** Short elements that look like a date line ("2022年01月12日 21:56 来源：36氪"). */
function dateContainers(doc: Document): Element[] {
  return memo(doc, 'date-containers', () => findDateContainers(doc));
}

function findDateContainers(doc: Document): Element[] {
  const found: Element[] = [];
  // A plain walk: selector engines are slow at matching `[class], [id]` on every element.
  for (const element of descendants(doc.body ?? doc.documentElement)) {
    if (
      !SKIPPED_ELEMENTS.has(element.tagName) &&
      element.hasAttributes() &&
      DATE_CONTAINER.test(`${element.getAttribute('class') ?? ''} ${element.id}`)
    ) {
      const length = element.textContent?.trim().length ?? 0;
      if (length > 5 && length <= 200) found.push(element);
    }
  }
  return found;
}

/**
 * Visible text that may hold the date, nearest the headline first: the text right after it, date
 * line containers after it, the text right before it, containers before it, then any short text
 * with a "published" label.
 */
function* visibleCandidates(doc: Document, headline: Element | null): Generator<Candidate> {
  const containers = dateContainers(doc);
  if (headline) {
    yield { kind: 'text', value: textAfter(headline, 250) };
    for (const element of containers.filter((c) => follows(c, headline)).slice(0, 40)) {
      yield { kind: 'text', value: spacedText(element) };
    }
    yield { kind: 'text', value: textBefore(headline, 120) };
    const before = containers.filter((c) => !follows(c, headline)).reverse();
    for (const element of before.slice(0, 20)) {
      yield { kind: 'text', value: spacedText(element) };
    }
  } else {
    for (const element of containers.slice(0, 60)) {
      yield { kind: 'text', value: spacedText(element) };
    }
  }
  let labels = 0;
  for (const node of textNodes(doc)) {
    const value = node.nodeValue ?? '';
    if (value.length > 80 || !PUBLISHED_LABEL.test(value)) continue;
    yield { kind: 'text', value: `${value} ${textAfter(node, 60)}` };
    if (++labels >= 30) break;
  }
}

/** The title and the first few thousand characters of visible text: enough to tell the script. */
function textSample(doc: Document, limit = 3_000): string {
  const parts = [doc.title];
  let length = doc.title.length;
  for (const node of textNodes(doc)) {
    const value = node.nodeValue ?? '';
    parts.push(value);
    length += value.length;
    if (length >= limit) break;
  }
  return parts.join(' ');
}

/**
 * The page's publication date, ISO 8601 with the source's offset, or null. Structured data first
 * (JSON-LD, meta, microdata, `<time>`), then the visible date line near the headline.
 */
export function findPublished(doc: Document, pageLanguage: string | null): string | null {
  const languageOffset = offsetForScript(textSample(doc)) ?? offsetForLanguage(pageLanguage);
  const defaultOffset: DefaultOffset =
    languageOffset ??
    ((parts) =>
      localOffsetMinutes(parts.year, parts.month, parts.day, parts.hour ?? 0, parts.minute ?? 0));
  // The same text is offered more than once (a date line after the headline is also a date
  // container, and the candidates are walked again for a day-only or republished date).
  const readings = new Map<string, string | null>();
  const read = ({ kind, value }: Candidate): string | null => {
    if (!value.trim()) return null;
    const key = `${kind}\u0000${value}`;
    const known = readings.get(key);
    if (known !== undefined) return known;
    const iso =
      (kind === 'value' ? normalizeIsoDate(value, defaultOffset) : null) ??
      parseVisibleDate(value, defaultOffset, pageLanguage);
    const result = iso && isPlausible(iso) ? iso : null;
    readings.set(key, result);
    return result;
  };
  let dayOnly: string | null = null;
  let headline: Element | null | undefined;
  const theHeadline = () => (headline === undefined ? (headline = findHeadline(doc)) : headline);
  for (const candidate of structuredCandidates(doc)) {
    const iso = read(candidate);
    if (!iso) continue;
    // A day without a time ("2022-02-13"): the page may print the time next to the headline.
    if (candidate.kind === 'value' && !/\d:\d\d/.test(candidate.value)) {
      dayOnly ??= iso;
      continue;
    }
    return republished(doc, iso, theHeadline(), read) ?? iso;
  }
  headline = theHeadline();
  if (dayOnly) {
    const day = dayOnly.slice(0, 10);
    for (const candidate of [
      ...timeCandidates(doc, headline),
      ...visibleCandidates(doc, headline),
    ]) {
      const iso = read(candidate);
      if (iso?.startsWith(day) && !iso.includes('T00:00:00')) return iso;
    }
    return dayOnly;
  }
  for (const candidate of timeCandidates(doc, headline)) {
    const iso = read(candidate);
    if (iso) return iso;
  }
  for (const candidate of visibleCandidates(doc, headline)) {
    const iso = read(candidate);
    if (iso) return iso;
  }
  return firstPrintedDateTime(doc, read);
}

/**
 * The revision date, when the page shows its reader that date and not the structured publication
 * date: a guide or a list republished ("Updated: Dec 19, 2025" beside the byline, `dateModified`
 * 2025-12-19, `datePublished` 2018). The date a reader sees is the article's date; the first
 * version's date is not on the page. Null when the page shows the publication date, or no date.
 */
function republished(
  doc: Document,
  published: string,
  headline: Element | null,
  read: (candidate: Candidate) => string | null,
): string | null {
  let modified: string | null = null;
  for (const candidate of modifiedCandidates(doc)) {
    modified = read(candidate);
    if (modified) break;
  }
  if (!modified || modified.slice(0, 10) === published.slice(0, 10)) return null;
  const shown = [...timeCandidates(doc, headline), ...visibleCandidates(doc, headline)];
  for (const candidate of shown) {
    const iso = read(candidate);
    if (iso) return iso.slice(0, 10) === modified.slice(0, 10) ? modified : null;
  }
  return null;
}

/** "2003-5-29 09:07", "2012年1月17日 18:10": a full date with a time, as pages print them. */
const PRINTED_DATE_TIME =
  /(?:19|20)\d\d\s*(?:[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}|年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*\d{1,2}:\d{2}(?::\d{2})?/;

/**
 * The last resort: the first date printed with its time anywhere on the page (a forum post's time,
 * an old page's date line under a table-layout headline that was not recognised).
 */
function firstPrintedDateTime(
  doc: Document,
  read: (candidate: Candidate) => string | null,
): string | null {
  let checked = 0;
  for (const node of textNodes(doc)) {
    const match = PRINTED_DATE_TIME.exec(node.nodeValue ?? '');
    if (!match) continue;
    const iso = read({ kind: 'value', value: match[0] }) ?? read({ kind: 'text', value: match[0] });
    if (iso) return iso;
    if (++checked >= 5) break;
  }
  return null;
}
