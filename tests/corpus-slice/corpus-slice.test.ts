import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listPages, readEntry } from '@/scripts/eval/corpus';
import { corpusNotice, type SlicePage } from '@/scripts/corpus-slice/notice';
import {
  NAMED_PAGES,
  SAMPLE_EVERY,
  SAMPLE_MAX_BYTES,
  selectSlice,
  type SliceCandidate,
} from '@/scripts/corpus-slice/slice-rule';
import { CORPUS_SLICE_DIR } from '../support/fixtures';

const named = [...new Set(Object.values(NAMED_PAGES).flat())];
const candidate = (name: string, overrides: Partial<SliceCandidate> = {}): SliceCandidate => ({
  name,
  dataset: 'mit-set',
  license: 'MIT (repository LICENSE)',
  htmlBytes: 1000,
  ...overrides,
});

describe('selectSlice', () => {
  const namedCandidates = named.map((name) => candidate(name, { dataset: 'named' }));

  it('takes the named pages and every Nth small copyable page of each dataset', () => {
    const other = (i: number) => `zz-${String(i).padStart(2, '0')}`;
    const others = Array.from({ length: 3 * SAMPLE_EVERY }, (_, i) => candidate(other(i)));
    const big = candidate('zz-big', { htmlBytes: SAMPLE_MAX_BYTES + 1 });
    const gpl = Array.from({ length: 3 }, (_, i) =>
      candidate(`zz-gpl-${i}`, { dataset: 'gpl-set', license: 'repository is GPL-3.0' }),
    );
    const slice = selectSlice([...namedCandidates, ...others, big, ...gpl]);
    expect(slice).toEqual(
      [...named, other(0), other(SAMPLE_EVERY), other(2 * SAMPLE_EVERY)].sort(),
    );
  });

  it('refuses a named page the corpus lacks or may not be copied', () => {
    expect(() => selectSlice(namedCandidates.slice(1))).toThrow(/not in the corpus/);
    const [first, ...rest] = namedCandidates;
    expect(() => selectSlice([{ ...first!, license: 'GPL-3.0' }, ...rest])).toThrow(
      /does not allow copying/,
    );
  });
});

describe('the corpus slice in tests/fixtures/corpus', () => {
  const names = listPages(CORPUS_SLICE_DIR);
  const pages = names.map((name) => ({
    ...(readEntry(CORPUS_SLICE_DIR, name) as unknown as SlicePage),
    name,
  }));

  it('holds every named page, each under a licence that allows copying', () => {
    expect(names).toEqual(expect.arrayContaining(named));
    for (const page of pages)
      expect(page.license, page.name).toMatch(/^(MIT|Apache-2\.0|CC-BY-4\.0)/);
  });

  it('has English and Chinese (simplified and traditional) pages', () => {
    const langs = pages.map((page) => readEntry(CORPUS_SLICE_DIR, page.name).lang);
    expect(langs.filter((lang) => lang === 'en').length).toBeGreaterThanOrEqual(15);
    expect(langs.filter((lang) => lang === 'zh').length).toBeGreaterThanOrEqual(15);
    const gold = (name: string) => readEntry(CORPUS_SLICE_DIR, name).ground_truth_text;
    expect(gold('moz-pixnet')).toMatch(/[們這個與為]/);
    expect(gold('cwced-0d931936')).toMatch(/[们这个与为]/);
  });

  it('credits each page in NOTICE.md, as the generator writes it', () => {
    const notice = readFileSync(path.join(CORPUS_SLICE_DIR, 'NOTICE.md'), 'utf8');
    expect(notice).toBe(corpusNotice(pages));
    for (const name of names) expect(notice).toContain(`\`${name}\``);
  });
});
