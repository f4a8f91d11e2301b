// @vitest-environment jsdom
/**
 * Seeded mutations of real corpus pages — truncated, tag soup, shuffled blocks, broken
 * encodings — each must give a valid post or a typed error; no exception may escape.
 */
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '@/lib/export/front-matter';
import { renderJekyllPost } from '@/lib/export/jekyll-post';
import { clipPage } from '@/lib/extract/clip-page';
import type { ClipFailureCode } from '@/lib/model';
import { CORPUS_SLICE_DIR as CORPUS } from '../support/fixtures';

const PAGES = [
  'moz-aktualne',
  'sh-04a6711caa7c6875',
  'sh-06e5123e4ef7cfb4',
  'wcxb-dev-0026',
  'cwced-5dc3fa2d',
  'cwced-0d931936',
  'cwced-0df12126',
];
const TYPED_FAILURES: ClipFailureCode[] = ['no-article', 'extraction-failed', 'too-large'];

/** mulberry32: small, seeded, the same sequence on every machine. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Mutation = (html: string, bytes: Uint8Array, next: () => number) => string;

const MUTATIONS: Record<string, Mutation> = {
  truncated: (html, _bytes, next) => html.slice(0, Math.floor(html.length * (0.2 + next() * 0.7))),
  'tag soup': (html, _bytes, next) =>
    html.replace(/<\/(p|div|span|li|a|section|article)>/g, (tag) =>
      next() < 0.3 ? '' : next() < 0.1 ? '<div><p><b>' : tag,
    ),
  'shuffled blocks': (html, _bytes, next) => {
    const blocks = html.split(/(?=<p[\s>])/);
    for (let i = blocks.length - 1; i > 1; i -= 1) {
      const j = 1 + Math.floor(next() * i);
      [blocks[i], blocks[j]] = [blocks[j]!, blocks[i]!];
    }
    return blocks.join('');
  },
  'broken encoding': (_html, bytes, next) => {
    const copy = bytes.slice();
    for (let i = 0; i < copy.length / 50; i += 1)
      copy[Math.floor(next() * copy.length)] = 0x80 + Math.floor(next() * 0x7f);
    // Decoded with the wrong charset on purpose: mojibake everywhere.
    return new TextDecoder(next() < 0.5 ? 'latin1' : 'shift_jis').decode(copy);
  },
};

function corpusPage(name: string): { html: string; bytes: Uint8Array } {
  const bytes = new Uint8Array(readFileSync(`${CORPUS}/${name}.html`));
  const { decode_as: charset } = JSON.parse(readFileSync(`${CORPUS}/${name}.json`, 'utf8')) as {
    decode_as: string;
  };
  return { bytes, html: new TextDecoder(charset).decode(bytes) };
}

function documentFor(html: string, url: string): Document {
  try {
    return new JSDOM(html, { url }).window.document;
  } catch {
    // jsdom (not a browser) chokes on some CSS; browsers ignore it, so do we.
    return new JSDOM(html.replace(/<style[\s\S]*?<\/style>/gi, ''), { url }).window.document;
  }
}

describe('fuzzed corpus pages', () => {
  const seed = 20261125;
  const cases = PAGES.flatMap((page) =>
    Object.keys(MUTATIONS).map((mutation) => [page, mutation] as const),
  );

  it.each(cases)('%s, %s: a valid post or a typed error', (page, mutation) => {
    const next = random(seed + page.length * 7 + mutation.length);
    const { html, bytes } = corpusPage(page);
    const mutated = MUTATIONS[mutation]!(html, bytes, next);
    const url = `https://fuzz.example/${page}`;
    const result = clipPage(documentFor(mutated, url), url, 'article');
    if (!result.ok) {
      expect(TYPED_FAILURES).toContain(result.error.code);
      expect(result.error.message.length).toBeGreaterThan(10);
      return;
    }
    const post = renderJekyllPost({
      ...result.value,
      tags: ['fuzz'],
      savedAt: '2026-11-25T10:00:00+00:00',
    });
    const { data } = parseFrontMatter(post.content);
    expect(data.title).toBe(result.value.title || 'Untitled');
    expect(post.fileName).toMatch(/^\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.md$/);
  });
});
