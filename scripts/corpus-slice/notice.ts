/** tests/fixtures/corpus/NOTICE.md: who made each page of the slice, under which licence. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { allowedLicence } from './slice-rule';

export interface SlicePage {
  name: string;
  source_dataset: string;
  license: string;
  source_repo: string;
  source_commit: string;
}

const MIT_TEXT = `Permission is hereby granted, free of charge, to any person obtaining a copy of this software
and associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute,
sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT
OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.`;

const LICENCE_TERMS = {
  MIT: MIT_TEXT,
  // The licence requires handing its text on with the work.
  'Apache-2.0': readFileSync(path.join(import.meta.dirname, 'apache-2.0.txt'), 'utf8').trim(),
  'CC-BY-4.0':
    'Licensed under the Creative Commons Attribution 4.0 International licence: https://creativecommons.org/licenses/by/4.0/',
};

/** The NOTICE for these pages: one section per source dataset, with its licence and pages. */
export function corpusNotice(pages: readonly SlicePage[]): string {
  const datasets = new Map<string, SlicePage[]>();
  for (const page of pages)
    datasets.set(page.source_dataset, [...(datasets.get(page.source_dataset) ?? []), page]);
  const sections = [...datasets.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([dataset, members]) => {
      const first = members[0]!;
      const licence = allowedLicence(first.license);
      if (!licence) throw new Error(`${first.name}: "${first.license}" does not allow copying`);
      const names = members.map((page) => page.name).sort();
      return [
        `## ${dataset} (${names.length} pages)`,
        '',
        `- Source: https://github.com/${first.source_repo} at commit ${first.source_commit}`,
        `- Licence: ${first.license}`,
        `- Pages: ${names.map((name) => `\`${name}\``).join(', ')}`,
        '',
        '```text',
        LICENCE_TERMS[licence],
        '```',
      ].join('\n');
    });
  return [
    '# Corpus slice: sources and licences',
    '',
    'These pages are a fixed slice of the extraction corpus, so that the tests run from a clone alone.',
    'Each `NAME.html` holds the page as its source dataset stores it (un-gzipped where the source',
    "gzips it); each `NAME.json` holds the dataset's gold text and metadata in the corpus format",
    '(fields renamed, provenance and licence added). Only sources whose licence allows copying are',
    'here. Regenerate with `npm run fixtures:corpus -- --from DIR` (scripts/corpus-slice/).',
    '',
    ...sections.flatMap((section) => [section, '']),
  ].join('\n');
}
