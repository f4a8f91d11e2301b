/** Reading a corpus in the format of ../shared/corpus/README.md: `NAME.html` + `NAME.json`. */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CorpusEntry {
  url: string | null;
  source_dataset: string;
  lang: string;
  ground_truth_text: string;
  title: string | null;
  date: string | null;
  author: string | null;
  decode_as: string;
  /** The page's host. */
  domain: string;
}

export interface CorpusPage {
  name: string;
  entry: CorpusEntry;
  /** The page decoded with its `decode_as` charset, invalid bytes replaced. */
  html: string;
}

const NOT_PAGES = new Set(['manifest.json', 'anchors.json']);

/** Page names (file names without `.json`) that have both files, sorted. */
export function listPages(corpusDir: string): string[] {
  const files = new Set(readdirSync(corpusDir));
  return [...files]
    .filter((file) => file.endsWith('.json') && !NOT_PAGES.has(file))
    .map((file) => file.slice(0, -'.json'.length))
    .filter((name) => files.has(`${name}.html`))
    .sort();
}

export function readEntry(corpusDir: string, name: string): CorpusEntry {
  return JSON.parse(readFileSync(join(corpusDir, `${name}.json`), 'utf8')) as CorpusEntry;
}

export function decodePage(bytes: Uint8Array, charset: string): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset || 'utf-8', { fatal: false });
  } catch {
    decoder = new TextDecoder('utf-8', { fatal: false });
  }
  return decoder.decode(bytes);
}

export function readPage(corpusDir: string, name: string): CorpusPage {
  const entry = readEntry(corpusDir, name);
  const html = decodePage(readFileSync(join(corpusDir, `${name}.html`)), entry.decode_as);
  return { name, entry, html };
}

/** The page's URL: the gold's (some datasets store it without a scheme), else a placeholder. */
export function pageUrl(value: string | null): string {
  if (value) {
    for (const candidate of [value, `https://${value}`]) {
      if (URL.canParse(candidate) && /^https?:/i.test(candidate)) return candidate;
    }
  }
  return 'https://example.com/';
}
