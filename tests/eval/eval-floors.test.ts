/**
 * The extraction eval on a slice of ../shared/corpus (every fifth page of each dataset): fails
 * when our scores drop below the floors measured for this slice, or below vanilla Readability.
 * The whole corpus is `npm run eval -- --corpus ../shared/corpus` (issue 5's figures).
 */
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { listPages, readPage } from '../../scripts/eval/corpus';
import { installDomGlobals } from '../../scripts/eval/dom-globals';
import type { PageResult, Summary } from '../../scripts/eval/evaluate';

const CORPUS = '../shared/corpus';

/** Floors for this slice (about 0.01 under this slice's scores when they were set). */
const FLOORS: Record<string, { m3: number; m2?: number }> = {
  'chinese-web-content-extraction-dataset': { m3: 0.985 },
  'daniel-v2.1': { m3: 0.945 },
  'mozilla-readability-test-pages': { m3: 0.97 },
  'scrapinghub-aeb': { m3: 0.935, m2: 0.945 },
  'wcxb-dev': { m3: 0.91 },
};

let results: PageResult[] = [];
let summarize: (results: readonly PageResult[], which: 'ours' | 'readability') => Summary;

beforeAll(async () => {
  if (!existsSync(CORPUS)) throw new Error(`The eval needs the corpus at ${CORPUS}`);
  installDomGlobals();
  const evaluate = await import('../../scripts/eval/evaluate');
  summarize = evaluate.summarize;
  const names = listPages(CORPUS).filter((_, index) => index % 5 === 0);
  results = names.map((name) => evaluate.evaluatePage(readPage(CORPUS, name)));
}, 120_000);

const ofDataset = (dataset: string) => results.filter((result) => result.dataset === dataset);

describe('extraction eval on a corpus slice', () => {
  it.each(Object.entries(FLOORS))(
    '%s stays above its floors and above Readability',
    (dataset, floor) => {
      const pages = ofDataset(dataset);
      expect(pages.length).toBeGreaterThan(3);
      const ours = summarize(pages, 'ours');
      const readability = summarize(pages, 'readability');
      expect(ours.m3Mean).toBeGreaterThanOrEqual(floor.m3);
      if (floor.m2) expect(ours.m2.f1).toBeGreaterThanOrEqual(floor.m2);
      if (dataset !== 'mozilla-readability-test-pages')
        expect(ours.m3Mean).toBeGreaterThan(readability.m3Mean);
    },
  );

  it('never comes back empty where the gold has text', () => {
    expect(summarize(results, 'ours').emptyWithGold).toBe(0);
  });

  it('reads the published date right on most pages that have one', () => {
    const { date } = summarize(results, 'ours');
    expect(date.gold).toBeGreaterThan(5);
    expect(date.same / date.gold).toBeGreaterThanOrEqual(0.85);
  });
});
