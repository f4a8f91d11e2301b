/** Pages of ../shared/corpus (read-only ground truth): decoded as their metadata says. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const CORPUS_DIR = path.resolve('../shared/corpus');

export interface CorpusPage {
  name: string;
  lang: string;
  html: string;
  /** The page's own URL, else one made from its domain (extraction needs a base). */
  url: string;
}

interface CorpusMeta {
  url: string | null;
  lang: string;
  decode_as: string;
  domain: string | null;
}

export function loadCorpusPage(name: string): CorpusPage {
  const meta = JSON.parse(
    readFileSync(path.join(CORPUS_DIR, `${name}.json`), 'utf8'),
  ) as CorpusMeta;
  const bytes = readFileSync(path.join(CORPUS_DIR, `${name}.html`));
  const html = new TextDecoder(meta.decode_as, { fatal: false }).decode(bytes);
  const url = meta.url ?? `https://${meta.domain ?? 'corpus.invalid'}/${name}.html`;
  return { name, lang: meta.lang, html, url };
}
