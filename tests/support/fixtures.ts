/** Data the tests read, all inside the repository (a clone alone must pass its tests). */
import path from 'node:path';

/** A fixed slice of the extraction corpus (see tests/fixtures/corpus/NOTICE.md). */
export const CORPUS_SLICE_DIR = path.resolve('tests/fixtures/corpus');

/** The reference Jekyll post of tests/fixtures/pages/eastmoney-36kr-wecom.html, as the user keeps it. */
export const SEED_POST_PATH = path.resolve(
  'tests/fixtures/seed/2022-01-12-wecom-hard-mode.post.md',
);
