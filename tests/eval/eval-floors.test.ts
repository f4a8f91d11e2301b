/**
 * The extraction eval on the corpus slice in the repository (tests/fixtures/corpus): fails when our
 * scores drop below the floors measured on this slice, or below vanilla Readability.
 * The floors of the whole corpus are `npm run eval -- --corpus DIR --floors` (scripts/eval/floors.json).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { listPages, readPage } from '../../scripts/eval/corpus';
import { installDomGlobals } from '../../scripts/eval/dom-globals';
import type { PageResult, Summary } from '../../scripts/eval/evaluate';
import { CORPUS_SLICE_DIR } from '../support/fixtures';

/**
 * Floors for this slice, about 0.01 under its scores when they were set (2026-12-06: Chinese 0.926,
 * Mozilla 0.991, Scrapinghub M3 0.973 / M2 0.971, WCXB 0.972).
 */
const FLOORS: Record<string, { m3: number; m2?: number }> = {
  'chinese-web-content-extraction-dataset': { m3: 0.915 },
  'mozilla-readability-test-pages': { m3: 0.98 },
  'scrapinghub-aeb': { m3: 0.96, m2: 0.96 },
  'wcxb-dev': { m3: 0.96 },
};

let results: PageResult[] = [];
let summarize: (results: readonly PageResult[], which: 'ours' | 'readability') => Summary;

beforeAll(async () => {
  installDomGlobals();
  const evaluate = await import('../../scripts/eval/evaluate');
  summarize = evaluate.summarize;
  results = listPages(CORPUS_SLICE_DIR).map((name) =>
    evaluate.evaluatePage(readPage(CORPUS_SLICE_DIR, name)),
  );
}, 360_000);

const ofDataset = (dataset: string) => results.filter((result) => result.dataset === dataset);

describe('extraction eval on the corpus slice', () => {
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
    expect(date.same / date.gold).toBeGreaterThanOrEqual(0.9);
  });
});
