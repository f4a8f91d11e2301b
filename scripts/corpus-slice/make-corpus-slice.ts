/**
 * Regenerates tests/fixtures/corpus/ from a full corpus: the pages of slice-rule.ts, copied byte
 * for byte, and NOTICE.md crediting their sources.
 *
 *   npm run fixtures:corpus -- --from ../shared/corpus [--to tests/fixtures/corpus]
 */
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { listPages, readEntry } from '../eval/corpus';
import { corpusNotice, type SlicePage } from './notice';
import { selectSlice } from './slice-rule';

const { values } = parseArgs({
  options: { from: { type: 'string' }, to: { type: 'string', default: 'tests/fixtures/corpus' } },
});
if (!values.from) {
  console.error('usage: npm run fixtures:corpus -- --from CORPUS_DIR [--to DIR]');
  process.exit(2);
}
const from = resolve(values.from);
const to = resolve(values.to);

const entries = new Map(
  listPages(from).map((name) => [name, readEntry(from, name) as unknown as SlicePage]),
);
const names = selectSlice(
  [...entries].map(([name, entry]) => ({
    name,
    dataset: entry.source_dataset,
    license: entry.license,
    htmlBytes: statSync(join(from, `${name}.html`)).size,
  })),
);

mkdirSync(to, { recursive: true });
for (const file of readdirSync(to))
  if (file.endsWith('.html') || file.endsWith('.json')) rmSync(join(to, file));
let bytes = 0;
for (const name of names)
  for (const file of [`${name}.html`, `${name}.json`]) {
    copyFileSync(join(from, file), join(to, file));
    bytes += statSync(join(to, file)).size;
  }
writeFileSync(
  join(to, 'NOTICE.md'),
  corpusNotice(names.map((name) => ({ ...entries.get(name)!, name }))),
);
console.log(`${names.length} pages, ${(bytes / 1024 / 1024).toFixed(1)} MB → ${to}`);
