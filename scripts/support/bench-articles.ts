/**
 * The benches' articles: the English and Chinese pages of ../shared/corpus, extracted once with
 * lib/extract under jsdom (cached in node_modules/.cache; BENCH_REEXTRACT=1 refreshes it), then
 * varied into as many realistic articles as a bench needs (`makeRecord`).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { countWords } from '../../lib/extract/word-count';
import { listPages, readPage } from '../eval/corpus';
import { installDomGlobals } from '../eval/dom-globals';

const CORPUS = process.env.GLEANER_CORPUS ?? path.resolve('../shared/corpus');
const CACHE_DIR = path.resolve('node_modules/.cache/gleaner-bench');

export interface Base {
  lang: 'en' | 'zh';
  title: string;
  siteName: string | null;
  host: string;
  byline: string | null;
  paragraphs: string[];
}

// ─── corpus → base articles ─────────────────────────────────────────────────────────────────

/** The cache follows the corpus; `BENCH_REEXTRACT=1` extracts again (after extractor changes). */
function corpusHash(): string {
  return createHash('sha256')
    .update(readFileSync(path.join(CORPUS, 'manifest.json')))
    .digest('hex')
    .slice(0, 16);
}

export async function loadBases(): Promise<{ bases: Base[]; seconds: number; cached: boolean }> {
  const cacheFile = path.join(CACHE_DIR, `corpus-${corpusHash()}.json`);
  if (existsSync(cacheFile) && !process.env.BENCH_REEXTRACT) {
    return {
      bases: JSON.parse(readFileSync(cacheFile, 'utf8')) as Base[],
      seconds: 0,
      cached: true,
    };
  }
  const started = performance.now();
  const { JSDOM, VirtualConsole } = await import('jsdom');
  // The extractor runs in a tab; under Node it gets `window`, `DOMParser`… from one jsdom window.
  installDomGlobals();
  const { extractArticle } = await import('../../lib/extract/extract-article');
  const bases: Base[] = [];
  for (const name of listPages(CORPUS)) {
    const { entry, html } = readPage(CORPUS, name);
    // (Some datasets give only the domain.)
    const meta = entry as typeof entry & { domain?: string | null };
    if (meta.lang !== 'en' && meta.lang !== 'zh') continue;
    const url =
      meta.url && /^https?:/.test(meta.url)
        ? meta.url
        : `https://${meta.domain ?? 'example.com'}/article`;
    try {
      const dom = new JSDOM(html.replace(/<style[\s\S]*?<\/style>/gi, ''), {
        url,
        virtualConsole: new VirtualConsole(),
      });
      const result = extractArticle(dom.window.document, url);
      dom.window.close();
      if (!result.ok) continue;
      const paragraphs = result.value.text
        .split('\n')
        .map((p) => p.trim())
        .filter((p) => p.length > 1);
      if (paragraphs.join('').length < 400) continue;
      bases.push({
        lang: meta.lang,
        title: result.value.title || paragraphs[0]!.slice(0, 60),
        siteName: result.value.siteName,
        host: new URL(url).hostname,
        byline: result.value.byline,
        paragraphs,
      });
    } catch {
      // A page jsdom cannot build is skipped: the bench needs texts, not every page.
    }
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(cacheFile, JSON.stringify(bases));
  return { bases, seconds: (performance.now() - started) / 1000, cached: false };
}

// ─── varied articles ────────────────────────────────────────────────────────────────────────

const TAGS = {
  en: [
    'politics',
    'economy',
    'technology',
    'health',
    'sport',
    'science',
    'culture',
    'climate',
    'business',
    'world',
  ],
  zh: ['财经', '科技', '社会', '国际', '体育', '健康', '汽车', '房产', '教育', '娱乐'],
};

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function isoAt(ms: number, offsetHours: number): string {
  const d = new Date(ms + offsetHours * 3_600_000);
  const sign = offsetHours < 0 ? '-' : '+';
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${sign}${pad(Math.abs(offsetHours))}:00`;
}

/**
 * Article `i` of `count`: a corpus page varied (paragraphs rotated, one borrowed from another page
 * of its language from the second round on), saved at a time spread over three years.
 */
export function makeRecord(
  bases: Base[],
  byLang: Record<'en' | 'zh', number[]>,
  i: number,
  count: number,
) {
  const base = bases[i % bases.length]!;
  const round = Math.floor(i / bases.length);
  const paragraphs = [...base.paragraphs];
  const shift = round % paragraphs.length;
  const rotated = [...paragraphs.slice(shift), ...paragraphs.slice(0, shift)];
  if (round > 0) {
    const same = byLang[base.lang];
    const other = bases[same[(i * 7 + round) % same.length]!]!;
    rotated.splice(1 % rotated.length, 0, other.paragraphs[round % other.paragraphs.length]!);
  }
  const text = rotated.join('\n');
  const start = Date.UTC(2023, 0, 1);
  const savedMs = start + Math.floor((i / count) * 3 * 365 * 86_400_000);
  const offset = base.lang === 'zh' ? 8 : 0;
  const pool = TAGS[base.lang];
  const tags = [pool[i % pool.length]!, ...(i % 3 === 0 ? [pool[(i * 7) % pool.length]!] : [])];
  const url = `https://${base.host}/bench/${i}`;
  const highlights =
    i % 7 === 0
      ? rotated.slice(0, 1 + (i % 3)).map((p, k) => {
          const quote = p.slice(0, Math.min(p.length, base.lang === 'zh' ? 24 : 80));
          const at = text.replace(/\n/g, '').indexOf(quote);
          const flat = text.replace(/\n/g, '');
          const created = isoAt(savedMs + 60_000 * (k + 1), offset);
          return {
            quote,
            note:
              k % 2 === 0
                ? base.lang === 'zh'
                  ? '值得注意的观点'
                  : 'worth remembering for the weekly review'
                : '',
            color: (['yellow', 'green', 'blue', 'pink'] as const)[k % 4],
            articleSelectors: [
              {
                type: 'TextQuoteSelector' as const,
                exact: quote,
                prefix: flat.slice(Math.max(0, at - 32), at),
                suffix: flat.slice(at + quote.length, at + quote.length + 32),
              },
              { type: 'TextPositionSelector' as const, start: at, end: at + quote.length },
            ],
            pageSelectors: [],
            createdAt: created,
            updatedAt: created,
          };
        })
      : [];
  return {
    article: {
      title: round === 0 ? base.title : `${base.title} (${round + 1})`,
      byline: base.byline,
      siteName: base.siteName,
      language: base.lang === 'zh' ? 'zh-CN' : 'en',
      url,
      canonicalUrl: url,
      published: i % 20 === 0 ? null : isoAt(savedMs - (i % 72) * 3_600_000, offset),
      excerpt: rotated[0]!.slice(0, 160),
      leadImage: null,
      keywords: [],
      html: rotated.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n'),
      markdown: rotated.join('\n\n'),
      text,
      wordCount: countWords(text),
      source: 'article' as const,
      tags,
      savedAt: isoAt(savedMs, offset),
      updatedAt: isoAt(savedMs, offset),
    },
    highlights,
  };
}
