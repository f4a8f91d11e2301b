/**
 * Checks readPageMetadata against the gold title/date/author of the shared corpus.
 *
 *   npx tsx scripts/metadata-check.ts            # summary per dataset
 *   npx tsx scripts/metadata-check.ts --misses   # also list every page that does not match
 *
 * "Date" = our `published` falls on the gold's calendar day (both read in their own offsets);
 * "title" = equal after whitespace normalisation. Pages whose gold gives no full day are skipped.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { readPageMetadata } from '../lib/extract/page-metadata';

const CORPUS = join(import.meta.dirname, '../../shared/corpus');
const showMisses = process.argv.includes('--misses');

interface CorpusEntry {
  url: string | null;
  source_dataset: string;
  title: string | null;
  date: string | null;
  author: string | null;
  decode_as: string;
}

interface Tally {
  pages: number;
  dateGold: number;
  dateHit: number;
  dateMissing: number;
  titleGold: number;
  titleHit: number;
  /** Equal, or the gold is our title plus a separator and the site name we cut. */
  titleHitOrSuffix: number;
  authorGold: number;
  authorHit: number;
}

function emptyTally(): Tally {
  return {
    pages: 0,
    dateGold: 0,
    dateHit: 0,
    dateMissing: 0,
    titleGold: 0,
    titleHit: 0,
    titleHitOrSuffix: 0,
    authorGold: 0,
    authorHit: 0,
  };
}

function collapse(value: string | null | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

/** `YYYY-MM-DD` of a date string that starts with a full day, else null. */
function calendarDay(value: string | null): string | null {
  const match = /^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(value ?? '');
  if (!match) return null;
  return `${match[1]}-${match[2]?.padStart(2, '0')}-${match[3]?.padStart(2, '0')}`;
}

function loadDocument(html: string, url: string): Document {
  const virtualConsole = new VirtualConsole();
  try {
    return new JSDOM(html, { url, virtualConsole }).window.document;
  } catch {
    const withoutStyles = html.replace(/(<style\b[^>]*>)[\s\S]*?(<\/style>)/gi, '$1$2');
    return new JSDOM(withoutStyles, { url, virtualConsole }).window.document;
  }
}

/** The gold URL, which some datasets store without its scheme; example.com when there is none. */
function pageUrl(value: string | null): string {
  if (!value) return 'https://example.com/';
  for (const candidate of [value, `https://${value}`]) {
    if (URL.canParse(candidate)) return candidate;
  }
  return 'https://example.com/';
}

/** True when the gold is our title followed by a separator (` - `, `_`, `|`…) and more. */
function isSiteSuffixed(gold: string, ours: string): boolean {
  return (
    Boolean(ours) && gold.startsWith(ours) && /^\s*(?:[-_|–—»:·]|::)/.test(gold.slice(ours.length))
  );
}

const tallies = new Map<string, Tally>();
const misses: string[] = [];
const timings: number[] = [];
const names = readdirSync(CORPUS)
  .filter((file) => file.endsWith('.json') && file !== 'manifest.json' && file !== 'anchors.json')
  .map((file) => file.slice(0, -'.json'.length))
  .sort();

for (const name of names) {
  const entry = JSON.parse(readFileSync(join(CORPUS, `${name}.json`), 'utf8')) as CorpusEntry;
  const bytes = readFileSync(join(CORPUS, `${name}.html`));
  const html = new TextDecoder(entry.decode_as, { fatal: false }).decode(bytes);
  const url = pageUrl(entry.url);
  const doc = loadDocument(html, url);
  const started = performance.now();
  const meta = readPageMetadata(doc, url);
  timings.push(performance.now() - started);

  const tally = tallies.get(entry.source_dataset) ?? emptyTally();
  tallies.set(entry.source_dataset, tally);
  tally.pages += 1;

  const goldDay = calendarDay(entry.date);
  if (goldDay) {
    tally.dateGold += 1;
    const ours = calendarDay(meta.published);
    if (ours === goldDay) tally.dateHit += 1;
    else {
      if (!ours) tally.dateMissing += 1;
      misses.push(`${name}  date  gold=${entry.date}  ours=${meta.published}`);
    }
  }
  if (entry.title) {
    tally.titleGold += 1;
    const gold = collapse(entry.title);
    if (gold === meta.title) tally.titleHit += 1;
    if (gold === meta.title || isSiteSuffixed(gold, meta.title)) tally.titleHitOrSuffix += 1;
    if (gold !== meta.title)
      misses.push(
        `${name}  title gold=${collapse(entry.title)}\n${' '.repeat(name.length + 8)}ours=${meta.title}`,
      );
  }
  if (entry.author) {
    tally.authorGold += 1;
    if (collapse(entry.author).toLowerCase() === collapse(meta.byline).toLowerCase())
      tally.authorHit += 1;
    else misses.push(`${name}  author gold=${collapse(entry.author)}  ours=${meta.byline}`);
  }
}

const percent = (hit: number, total: number): string =>
  total ? `${hit}/${total} (${((100 * hit) / total).toFixed(1)}%)` : '—';

if (showMisses) console.log(`${misses.join('\n')}\n`);
const total = emptyTally();
console.log(
  'dataset | pages | date same day (none found) | title equal | title equal or gold = title + site suffix | author equal',
);
for (const [dataset, tally] of [...tallies].sort()) {
  for (const key of Object.keys(total) as (keyof Tally)[]) total[key] += tally[key];
  console.log(
    `${dataset} | ${tally.pages} | ${percent(tally.dateHit, tally.dateGold)} (${tally.dateMissing}) | ${percent(tally.titleHit, tally.titleGold)} | ${percent(tally.titleHitOrSuffix, tally.titleGold)} | ${percent(tally.authorHit, tally.authorGold)}`,
  );
}
console.log(
  `all | ${total.pages} | ${percent(total.dateHit, total.dateGold)} (${total.dateMissing}) | ${percent(total.titleHit, total.titleGold)} | ${percent(total.titleHitOrSuffix, total.titleGold)} | ${percent(total.authorHit, total.authorGold)}`,
);
timings.sort((a, b) => a - b);
const at = (q: number): string => (timings[Math.floor(q * (timings.length - 1))] ?? 0).toFixed(1);
console.log(`readPageMetadata ms per page: median ${at(0.5)}, p95 ${at(0.95)}, max ${at(1)}`);
