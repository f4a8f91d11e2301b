/**
 * Extraction eval: our pipeline and vanilla Readability.js on every page of a corpus in the format
 * of ../shared/corpus/README.md, scored with M1, M2 and M3.
 *
 *   npm run eval -- --corpus ../shared/corpus [--out predictions.jsonl] [--limit N] [--dataset NAME]
 *   npm run eval -- --corpus ../shared/corpus --floors   (exits 1 below floors.json; timings aside)
 *
 * Other flags: --names a,b (just these pages), --fold K/N (just the pages of every N-th site,
 * starting at the K-th: `--fold 0/2` is the half the rules were tuned on, `--fold 1/2` the other
 * half), --worst N (list our N lowest M3 pages),
 * --out-readability FILE (Readability's predictions), --dump DIR (ours / Readability / gold text
 * per page, for diffs).
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { listPages, readEntry, readPage } from './corpus';
import { installDomGlobals } from './dom-globals';
import { foldOfSites, parseFold, siteOf } from './site-fold';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string' },
    out: { type: 'string' },
    'out-readability': { type: 'string' },
    limit: { type: 'string' },
    dataset: { type: 'string', multiple: true },
    names: { type: 'string' },
    fold: { type: 'string' },
    worst: { type: 'string' },
    dump: { type: 'string' },
    quiet: { type: 'boolean' },
    floors: { type: 'boolean' },
  },
  allowPositionals: false,
});

if (!values.corpus) {
  console.error(
    'usage: npm run eval -- --corpus DIR [--out predictions.jsonl] [--limit N] [--dataset NAME]',
  );
  process.exit(2);
}

installDomGlobals();
const { evaluatePage } = await import('./evaluate');
const { formatReport, missedFloors } = await import('./report');

const corpus = resolve(values.corpus);
const datasets = (values.dataset ?? []).flatMap((value) => value.split(','));
const wanted = values.names ? new Set(values.names.split(',')) : null;
let names = listPages(corpus).filter((name) => !wanted || wanted.has(name));
if (datasets.length)
  names = names.filter((name) => datasets.includes(readEntry(corpus, name).source_dataset));
// Folds are of the whole corpus's sites, so a site stays in its fold whatever else is filtered.
const siteOfPage = new Map(
  listPages(corpus).map((name) => [name, siteOf(readEntry(corpus, name).domain)]),
);
const siteFolds = foldOfSites(siteOfPage.values(), 2);
if (values.fold) {
  const fold = parseFold(values.fold);
  if (!fold) {
    console.error(`--fold takes K/N (e.g. 0/2), not ${values.fold}`);
    process.exit(2);
  }
  const folds = foldOfSites(siteOfPage.values(), fold.count);
  names = names.filter((name) => folds.get(siteOfPage.get(name)!) === fold.index);
}
if (values.limit) names = names.slice(0, Number(values.limit));
if (!names.length) {
  console.error(`No pages in ${corpus}${datasets.length ? ` for ${datasets.join(', ')}` : ''}`);
  process.exit(1);
}

// Warm-up: the first page once, untimed, so JIT compilation does not land on the first timings.
evaluatePage(readPage(corpus, names[0]!));

const started = performance.now();
const results = [];
for (const [index, name] of names.entries()) {
  const result = evaluatePage(readPage(corpus, name));
  results.push(result);
  // jsdom frees a closed window's memory only once the event loop turns.
  await new Promise((resolve) => setImmediate(resolve));
  if (!values.quiet && process.stderr.isTTY)
    process.stderr.write(`\r${index + 1}/${names.length} ${name.padEnd(60).slice(0, 60)}`);
}
if (!values.quiet) process.stderr.write('\n');
const wallSeconds = (performance.now() - started) / 1000;

const line = (
  name: string,
  p: {
    text: string;
    title: string | null;
    published: string | null;
    byline: string | null;
    ms: number;
  },
) =>
  JSON.stringify({
    name,
    text: p.text,
    title: p.title,
    published: p.published,
    byline: p.byline,
    ms: Math.round(p.ms * 10) / 10,
  });
if (values.out)
  writeFileSync(values.out, `${results.map((r) => line(r.name, r.ours)).join('\n')}\n`);
if (values['out-readability'])
  writeFileSync(
    values['out-readability'],
    `${results.map((r) => line(r.name, r.readability)).join('\n')}\n`,
  );
if (values.dump) {
  mkdirSync(values.dump, { recursive: true });
  for (const result of results) {
    const gold = readEntry(corpus, result.name).ground_truth_text ?? '';
    writeFileSync(join(values.dump, `${result.name}.ours.txt`), `${result.ours.text}\n`);
    writeFileSync(
      join(values.dump, `${result.name}.readability.txt`),
      `${result.readability.text}\n`,
    );
    writeFileSync(join(values.dump, `${result.name}.gold.txt`), `${gold}\n`);
  }
}

console.log(formatReport(results, { wallSeconds, split: { siteOfPage, siteFolds } }));

if (values.worst) {
  const count = Number(values.worst);
  console.log(`\nLowest M3 (ours), with Readability's:`);
  for (const result of [...results]
    .sort((a, b) => a.scores.ours.m3 - b.scores.ours.m3)
    .slice(0, count))
    console.log(
      `  ${result.name.padEnd(56)} ours ${result.scores.ours.m3.toFixed(3)}  readability ${result.scores.readability.m3.toFixed(3)}  ${result.lang}`,
    );
}

if (values.floors) {
  const missed = missedFloors(results, { siteOfPage, siteFolds });
  console.log(
    missed.length
      ? `\nBelow the floors (scripts/eval/floors.json): ${missed.map((t) => t.label).join('; ')}`
      : '\nAll floors met (scripts/eval/floors.json).',
  );
  if (missed.length) process.exitCode = 1;
}
