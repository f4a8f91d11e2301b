/** The printed report of an eval run. */

import { groupResults, summarize, type PageResult, type Summary } from './evaluate';
import FLOORS from './floors.json';

const fixed = (value: number | null, digits = 3): string =>
  value === null ? '—' : value.toFixed(digits);

const ratio = (hit: number, total: number): string =>
  total ? `${hit}/${total} ${((100 * hit) / total).toFixed(0)}%` : '—';

const COLUMNS = [
  'group',
  'extractor',
  'pages',
  'M1 mean',
  'M1 med',
  'M2 F1',
  'M2 P',
  'M2 R',
  'M3 mean',
  'M3 med',
  'empty (gold≠"")',
  'title =',
  'title =/+site',
  'date',
  'byline',
  'ms med',
  'ms p95',
];

function row(label: string, extractor: string, s: Summary): string[] {
  return [
    label,
    extractor,
    String(s.pages),
    fixed(s.m1Mean),
    fixed(s.m1Median),
    fixed(s.m2.f1),
    fixed(s.m2.precision),
    fixed(s.m2.recall),
    fixed(s.m3Mean),
    fixed(s.m3Median),
    `${s.empty} (${s.emptyWithGold})`,
    ratio(s.title.equal, s.title.gold),
    ratio(s.title.equalOrSuffixed, s.title.gold),
    ratio(s.date.same, s.date.gold),
    ratio(s.byline.equal, s.byline.gold),
    s.msMedian.toFixed(1),
    s.msP95.toFixed(1),
  ];
}

function table(rows: string[][]): string {
  const widths = COLUMNS.map((_, index) =>
    Math.max(...rows.map((cells) => [...(cells[index] ?? '')].length)),
  );
  return rows
    .map((cells) =>
      cells
        .map((cell, index) =>
          index < 2 ? cell.padEnd(widths[index]!) : cell.padStart(widths[index]!),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export interface Target {
  label: string;
  value: number;
  goal: number;
  /** `min`: value must be ≥ goal; `max`: value must be ≤ goal. */
  kind: 'min' | 'max';
  pages: number;
  /** A time ratio: reported, never gating `--floors` (timings are noisy on a shared machine). */
  timing?: boolean;
}

/** The floors the eval checks (scripts/eval/floors.json); which way each one goes is below. */
export type Floors = typeof FLOORS;

/** How far under Readability one page may fall before it is listed (and counted). */
export const WELL_BELOW = 0.05;

/** The half of the sites the rules were tuned on (`--fold 0/2`); the other half is held apart. */
export const TUNED_FOLD = 0;

export interface SiteSplit {
  /** Page name → site. */
  siteOfPage: ReadonlyMap<string, string>;
  /** Site → fold (0 or 1) over the whole corpus. */
  siteFolds: ReadonlyMap<string, number>;
}

const isChinese = (result: PageResult) => result.lang === 'zh';

/** Chinese pages where our M3 is more than `WELL_BELOW` under Readability's, worst first. */
export function wellBelowReadability(results: readonly PageResult[]): PageResult[] {
  return results
    .filter(
      (result) =>
        isChinese(result) && result.scores.ours.m3 < result.scores.readability.m3 - WELL_BELOW,
    )
    .sort(
      (a, b) =>
        a.scores.ours.m3 - a.scores.readability.m3 - (b.scores.ours.m3 - b.scores.readability.m3),
    );
}

/** Our Chinese M3 mean minus Readability's on the same pages. */
function chineseGain(results: readonly PageResult[]): { gain: number; pages: number } {
  const chinese = results.filter(isChinese);
  if (!chinese.length) return { gain: 0, pages: 0 };
  return {
    gain: summarize(chinese, 'ours').m3Mean - summarize(chinese, 'readability').m3Mean,
    pages: chinese.length,
  };
}

/** The Chinese gain over Readability on each half of the sites. */
export function splitGains(
  results: readonly PageResult[],
  split: SiteSplit,
): { tuned: ReturnType<typeof chineseGain>; heldApart: ReturnType<typeof chineseGain> } {
  const inFold = (fold: number) =>
    results.filter(
      (result) => split.siteFolds.get(split.siteOfPage.get(result.name) ?? '') === fold,
    );
  return { tuned: chineseGain(inFold(TUNED_FOLD)), heldApart: chineseGain(inFold(1 - TUNED_FOLD)) };
}

/** The "done when" numbers, computed on this run. */
export function targets(
  results: readonly PageResult[],
  floors: Floors = FLOORS,
  split?: SiteSplit,
): Target[] {
  const of = (predicate: (result: PageResult) => boolean) => results.filter(predicate);
  const list: Target[] = [];
  const add = (
    label: string,
    pages: readonly PageResult[],
    value: (s: Summary) => number,
    goal: number,
    kind: 'min' | 'max' = 'min',
  ) => {
    if (pages.length)
      list.push({ label, value: value(summarize(pages, 'ours')), goal, kind, pages: pages.length });
  };
  add(
    'Scrapinghub M2 F1',
    of((r) => r.dataset === 'scrapinghub-aeb'),
    (s) => s.m2.f1,
    floors.scrapinghubM2,
  );
  const chinese = of(isChinese);
  add('Chinese pages M3 mean', chinese, (s) => s.m3Mean, floors.chineseM3);
  if (chinese.length)
    list.push({
      label: 'Chinese pages M3 mean over Readability',
      value: chineseGain(chinese).gain,
      goal: floors.chineseGainOverReadability,
      kind: 'min',
      pages: chinese.length,
    });
  add(
    'Chinese pages: empty results where gold is not',
    chinese,
    (s) => s.emptyWithGold,
    floors.chineseEmptyWithGold,
    'max',
  );
  if (chinese.length)
    list.push({
      label: `Chinese pages more than ${WELL_BELOW} under Readability`,
      value: wellBelowReadability(chinese).length,
      goal: floors.chinesePagesWellBelowReadability,
      kind: 'max',
      pages: chinese.length,
    });
  add(
    'WCXB M3 mean',
    of((r) => r.dataset === 'wcxb-dev'),
    (s) => s.m3Mean,
    floors.wcxbM3,
  );
  add(
    'Mozilla test pages M3 mean',
    of((r) => r.dataset === 'mozilla-readability-test-pages'),
    (s) => s.m3Mean,
    floors.mozillaM3,
  );
  const all = summarize(results, 'ours');
  if (all.date.gold)
    list.push(
      {
        label: 'Published date agrees (day; minute where gold has a time)',
        value: all.date.same / all.date.gold,
        goal: floors.dateSameShare,
        kind: 'min',
        pages: all.date.gold,
      },
      {
        label: `Published date wrong (given, disagrees; ${all.date.wrong} of ${all.date.gold})`,
        value: all.date.wrong / all.date.gold,
        goal: floors.dateWrongShare,
        kind: 'max',
        pages: all.date.gold,
      },
    );
  const readability = summarize(results, 'readability');
  if (results.length && readability.msMedian > 0)
    list.push(
      {
        label: 'Median ms, ours / Readability',
        value: all.msMedian / readability.msMedian,
        goal: floors.msMedianRatio,
        kind: 'max',
        pages: results.length,
        timing: true,
      },
      {
        label: 'p95 ms, ours / Readability',
        value: all.msP95 / readability.msP95,
        goal: floors.msP95Ratio,
        kind: 'max',
        pages: results.length,
        timing: true,
      },
    );
  if (split) {
    const { tuned, heldApart } = splitGains(results, split);
    if (tuned.pages && heldApart.pages && tuned.gain > 0)
      list.push({
        label: 'Chinese gain on the held-apart half / on the tuned half',
        value: heldApart.gain / tuned.gain,
        goal: floors.heldApartGainShare,
        kind: 'min',
        pages: tuned.pages + heldApart.pages,
      });
  }
  return list;
}

/** The quality targets this run misses (what `npm run eval -- --floors` fails on). */
export function missedFloors(results: readonly PageResult[], split?: SiteSplit): Target[] {
  return targets(results, FLOORS, split).filter((target) => !target.timing && !targetMet(target));
}

export function targetMet(target: Target): boolean {
  return target.kind === 'min' ? target.value >= target.goal : target.value <= target.goal;
}

/** M1's "overall" as in the WCEB paper: the macro mean of the per-dataset means. */
function m1Macro(results: readonly PageResult[], which: 'ours' | 'readability'): number | null {
  const means = groupResults(results)
    .filter((group) => group.label.startsWith('dataset '))
    .map((group) => summarize(group.results, which).m1Mean)
    .filter((value): value is number => value !== null);
  return means.length ? means.reduce((sum, value) => sum + value, 0) / means.length : null;
}

export interface ReportOptions {
  wallSeconds?: number;
  split?: SiteSplit;
}

export function formatReport(
  results: readonly PageResult[],
  { wallSeconds, split }: ReportOptions = {},
): string {
  const lines: string[] = [];
  const rows: string[][] = [COLUMNS];
  const ratios: string[] = [];
  for (const group of groupResults(results)) {
    const ours = summarize(group.results, 'ours');
    const readability = summarize(group.results, 'readability');
    rows.push(row(group.label, 'ours', ours), row('', 'Readability', readability));
    const median = readability.msMedian ? ours.msMedian / readability.msMedian : NaN;
    const p95 = readability.msP95 ? ours.msP95 / readability.msP95 : NaN;
    ratios.push(
      `${group.label.padEnd(44)} median ${median.toFixed(2)}×   p95 ${p95.toFixed(2)}×   (ours ${ours.msMedian.toFixed(1)} / ${ours.msP95.toFixed(1)} ms, Readability ${readability.msMedian.toFixed(1)} / ${readability.msP95.toFixed(1)} ms)`,
    );
  }
  lines.push(table(rows), '');
  lines.push(
    'M1 = WCEB ROUGE-LSum F1 (whitespace languages only), M2 = Scrapinghub shingle F1 (Readability: textContent),',
    'M3 = CJK-aware bag-of-tokens F1; date = same day, and same minute where the gold has a time.',
    `M1 macro mean over datasets: ours ${fixed(m1Macro(results, 'ours'))}, Readability ${fixed(m1Macro(results, 'readability'))}`,
    '',
    'Time per page, ours / Readability:',
    ...ratios,
    '',
  );
  const stylesEmptied = results.filter((result) => result.stylesEmptied).length;
  const loadErrors = results.filter((result) => result.loadError);
  const ourErrors = results.filter((result) => result.ours.error);
  const readabilityErrors = results.filter((result) => result.readability.error);
  lines.push(
    `Pages: ${results.length}; jsdom threw and the page was re-read with <style> emptied: ${stylesEmptied}; unreadable: ${loadErrors.length}; our extractor threw: ${ourErrors.length}; Readability threw: ${readabilityErrors.length}`,
  );
  for (const result of [...loadErrors, ...ourErrors, ...readabilityErrors])
    lines.push(
      `  ${result.name}: ${result.loadError ?? result.ours.error ?? result.readability.error}`,
    );
  if (wallSeconds !== undefined) lines.push(`Wall time: ${wallSeconds.toFixed(1)} s`);
  const below = wellBelowReadability(results);
  lines.push(
    '',
    `Chinese pages more than ${WELL_BELOW} under Readability (M3 ours / Readability): ${below.length}`,
  );
  for (const result of below)
    lines.push(
      `  ${result.name.padEnd(40)} ${result.scores.ours.m3.toFixed(3)} / ${result.scores.readability.m3.toFixed(3)}`,
    );
  if (split) {
    const { tuned, heldApart } = splitGains(results, split);
    lines.push(
      '',
      'Site split, Chinese M3 mean over Readability:',
      `  tuned half (--fold ${TUNED_FOLD}/2):       ${tuned.gain >= 0 ? '+' : ''}${tuned.gain.toFixed(4)} (${tuned.pages} pages)`,
      `  held-apart half (--fold ${1 - TUNED_FOLD}/2):  ${heldApart.gain >= 0 ? '+' : ''}${heldApart.gain.toFixed(4)} (${heldApart.pages} pages)`,
    );
  }
  lines.push('', 'Targets (ours):');
  for (const target of targets(results, FLOORS, split)) {
    const comparison = target.kind === 'min' ? '≥' : '≤';
    lines.push(
      `  [${targetMet(target) ? 'PASS' : 'FAIL'}] ${target.label}: ${target.value.toFixed(4)} ${comparison} ${target.goal} (${target.pages} pages)${target.timing ? '; timing: reported, not gating --floors' : ''}`,
    );
  }
  return lines.join('\n');
}
