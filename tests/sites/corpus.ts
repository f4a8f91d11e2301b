/** Pages of the corpus slice (tests/fixtures/corpus): decoded as their metadata says. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CORPUS_SLICE_DIR } from '../support/fixtures';

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
    readFileSync(path.join(CORPUS_SLICE_DIR, `${name}.json`), 'utf8'),
  ) as CorpusMeta;
  const bytes = readFileSync(path.join(CORPUS_SLICE_DIR, `${name}.html`));
  const html = new TextDecoder(meta.decode_as, { fatal: false }).decode(bytes);
  // Some datasets store the URL without its scheme, or a domain that is not a host.
  const candidates = [
    meta.url,
    meta.url && `https://${meta.url}`,
    meta.domain && `https://${meta.domain}/${name}.html`,
  ];
  const url =
    candidates.find((candidate) => candidate && /^https?:\/\/[^/:]+(\/|$)/.test(candidate)) ??
    `https://corpus.invalid/${name}.html`;
  return { name, lang: meta.lang, html, url };
}
