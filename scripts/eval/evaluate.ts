/**
 * The eval: both extractors on every page of a corpus, scored with M1/M2/M3 and metadata
 * agreement, summarised per dataset and per language (see ../shared/corpus/README.md).
 */

import { hasGoldDate, sameByline, sameDate, sameTitle, sameTitleOrSuffixed } from './agreement';
import { pageUrl, type CorpusPage } from './corpus';
import {
  loadDocument,
  runOurs,
  runReadability,
  type Prediction,
  type ReadabilityPrediction,
} from './extractors';
import {
  m1RougeLsum,
  m2Aggregate,
  m2Counts,
  m3TokenF1,
  type PrfScore,
  type ShingleCounts,
} from './metrics';

/** The URL the published Readability.js run used. */
const READABILITY_URL = 'https://fake-url.com';

/** Languages written without spaces between words: no M1 for them. */
const NO_WHITESPACE_LANGUAGES = new Set(['zh', 'ja', 'th', 'lo', 'km', 'my']);

export function usesWhitespace(lang: string): boolean {
  return !NO_WHITESPACE_LANGUAGES.has(lang.toLowerCase().split(/[-_]/)[0] ?? '');
}

export interface ExtractorScore {
  /** M1 F1, null for languages without whitespace. */
  m1: number | null;
  m2: ShingleCounts;
  m3: number;
  empty: boolean;
  title: boolean | null;
  titleOrSuffixed: boolean | null;
  date: boolean | null;
  /** A date was given where the gold has one, and it is another date: worse than none. */
  dateWrong: boolean;
  byline: boolean | null;
  ms: number;
  error?: string;
}

export interface PageResult {
  name: string;
  dataset: string;
  lang: string;
  goldEmpty: boolean;
  /** jsdom threw on the page; it was read with its `<style>`s emptied. */
  stylesEmptied: boolean;
  /** jsdom could not read the page at all. */
  loadError?: string;
  ours: Prediction;
  readability: ReadabilityPrediction;
  scores: { ours: ExtractorScore; readability: ExtractorScore };
}

function score(page: CorpusPage, prediction: Prediction, m2Text: string): ExtractorScore {
  const { entry } = page;
  const gold = entry.ground_truth_text ?? '';
  return {
    m1: usesWhitespace(entry.lang) ? m1RougeLsum(prediction.text, gold).f1 : null,
    m2: m2Counts(m2Text, gold),
    m3: m3TokenF1(prediction.text, gold),
    empty: !prediction.text.trim(),
    title: entry.title ? sameTitle(prediction.title, entry.title) : null,
    titleOrSuffixed: entry.title ? sameTitleOrSuffixed(prediction.title, entry.title) : null,
    date: hasGoldDate(entry.date) ? sameDate(prediction.published, entry.date) : null,
    dateWrong:
      hasGoldDate(entry.date) &&
      Boolean(prediction.published) &&
      !sameDate(prediction.published, entry.date),
    byline: entry.author ? sameByline(prediction.byline, entry.author) : null,
    ms: prediction.ms,
    ...(prediction.error ? { error: prediction.error } : {}),
  };
}

const NOTHING: ReadabilityPrediction = {
  text: '',
  textContent: '',
  title: null,
  published: null,
  byline: null,
  ms: 0,
};

/** Both extractors on one page. Never throws: a page that cannot be read predicts "" for both. */
export function evaluatePage(page: CorpusPage): PageResult {
  const url = pageUrl(page.entry.url);
  let ours: Prediction = { ...NOTHING };
  let readability: ReadabilityPrediction = { ...NOTHING };
  let stylesEmptied = false;
  let loadError: string | undefined;
  try {
    const forOurs = loadDocument(page.html, url);
    stylesEmptied = forOurs.stylesEmptied;
    ours = runOurs(forOurs.doc, url);
    forOurs.close();
    const forReadability = loadDocument(page.html, READABILITY_URL);
    readability = runReadability(forReadability.doc);
    forReadability.close();
  } catch (error) {
    loadError = error instanceof Error ? error.message : String(error);
  }
  return {
    name: page.name,
    dataset: page.entry.source_dataset,
    lang: page.entry.lang,
    goldEmpty: !(page.entry.ground_truth_text ?? '').trim(),
    stylesEmptied,
    ...(loadError ? { loadError } : {}),
    ours,
    readability,
    scores: {
      ours: score(page, ours, ours.text),
      readability: score(page, readability, readability.textContent),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Summaries

export interface Summary {
  pages: number;
  m1Pages: number;
  m1Mean: number | null;
  m1Median: number | null;
  m2: PrfScore;
  m3Mean: number;
  m3Median: number;
  /** Empty predictions, and those among them where the gold is not empty. */
  empty: number;
  emptyWithGold: number;
  title: { gold: number; equal: number; equalOrSuffixed: number };
  date: { gold: number; same: number; wrong: number };
  byline: { gold: number; equal: number };
  msMedian: number;
  msP95: number;
  errors: number;
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Linear-interpolated quantile of the values (0 for none). */
export function quantile(values: readonly number[], q: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

function mean(values: readonly number[]): number {
  return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : 0;
}

export function summarize(results: readonly PageResult[], which: 'ours' | 'readability'): Summary {
  const scores = results.map((result) => ({ result, s: result.scores[which] }));
  const m1 = scores.flatMap(({ s }) => (s.m1 === null ? [] : [s.m1]));
  const m3 = scores.map(({ s }) => s.m3);
  const ms = scores.map(({ s }) => s.ms);
  const count = (predicate: (s: ExtractorScore, result: PageResult) => boolean) =>
    scores.filter(({ s, result }) => predicate(s, result)).length;
  return {
    pages: results.length,
    m1Pages: m1.length,
    m1Mean: m1.length ? mean(m1) : null,
    m1Median: m1.length ? median(m1) : null,
    m2: m2Aggregate(scores.map(({ s }) => s.m2)),
    m3Mean: mean(m3),
    m3Median: median(m3),
    empty: count((s) => s.empty),
    emptyWithGold: count((s, result) => s.empty && !result.goldEmpty),
    title: {
      gold: count((s) => s.title !== null),
      equal: count((s) => s.title === true),
      equalOrSuffixed: count((s) => s.titleOrSuffixed === true),
    },
    date: {
      gold: count((s) => s.date !== null),
      same: count((s) => s.date === true),
      wrong: count((s) => s.dateWrong),
    },
    byline: { gold: count((s) => s.byline !== null), equal: count((s) => s.byline === true) },
    msMedian: median(ms),
    msP95: quantile(ms, 0.95),
    errors: count((s, result) => Boolean(s.error || result.loadError)),
  };
}

export interface Group {
  label: string;
  results: PageResult[];
}

/** Per dataset, per language, all pages, and the named slices the targets speak of. */
export function groupResults(results: readonly PageResult[]): Group[] {
  const groups: Group[] = [];
  const by = (key: (result: PageResult) => string, prefix: string) => {
    const map = new Map<string, PageResult[]>();
    for (const result of results) {
      const value = key(result);
      map.set(value, [...(map.get(value) ?? []), result]);
    }
    for (const [value, members] of [...map].sort(([a], [b]) => a.localeCompare(b)))
      groups.push({ label: `${prefix}${value}`, results: members });
  };
  by((result) => result.dataset, 'dataset ');
  by((result) => result.lang, 'lang ');
  groups.push({ label: 'all pages', results: [...results] });
  return groups;
}
