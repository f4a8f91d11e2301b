import { readFileSync, readdirSync } from 'node:fs';
import { countWords } from '../lib/extract/word-count';
import { renderBatch } from '../lib/library/bulk-export';
import { deflateFile } from '../lib/library/deflate';
import { loadZlibDeflate } from '../lib/library/zlib-wasm';
import { DEFAULT_EXPORT_SETTINGS } from '../lib/export/export-settings';
import '../lib/english-fallback';
const COUNT = 2000;
interface Base { lang: 'en' | 'zh'; title: string; siteName: string | null; host: string; byline: string | null; paragraphs: string[] }
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

function makeRecord(bases: Base[], byLang: Record<'en' | 'zh', number[]>, i: number) {
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
  const savedMs = start + Math.floor((i / COUNT) * 3 * 365 * 86_400_000);
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
                type: 'TextQuoteSelector',
                exact: quote,
                prefix: flat.slice(Math.max(0, at - 32), at),
                suffix: flat.slice(at + quote.length, at + quote.length + 32),
              },
              { type: 'TextPositionSelector', start: at, end: at + quote.length },
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
const dir = '/work/main/node_modules/.cache/gleaner-bench';
const bases = JSON.parse(readFileSync(`${dir}/${readdirSync(dir).find((f) => f.startsWith('corpus-'))}`, 'utf8')) as Base[];
const byLang = { en: [] as number[], zh: [] as number[] };
bases.forEach((b, i) => byLang[b.lang].push(i));
const bundles = Array.from({ length: COUNT }, (_, i) => {
  const r = makeRecord(bases, byLang, i);
  const id = `a-${i}`;
  return { article: { ...r.article, id, urlKey: r.article.url }, highlights: r.highlights.map((h, k) => ({ ...h, id: `${id}-h${k}`, articleId: id })) };
});
const raw = await loadZlibDeflate(readFileSync('/work/main/node_modules/@zip.js/zip.js/dist/zip-module.wasm'));
const settings = { export: DEFAULT_EXPORT_SETTINGS, siteRules: [] };
for (let run = 0; run < 3; run++) {
  let bytes = 0;
  const taken = new Set<string>();
  const t0 = performance.now();
  let renderMs = 0;
  for (let i = 0; i < COUNT; i += 100) {
    const batch = await renderBatch(bundles.slice(i, i + 100) as never, settings as never, taken, { dom: false, deflate: (f) => { bytes += f.text.length; return deflateFile(f, 1, raw); } });
    void batch;
  }
  const ms = performance.now() - t0;
  console.log(`${process.cwd()}: ${Math.round(COUNT / (ms / 1000))} articles/s, ${Math.round(bytes / COUNT)} chars/article`);
}
