/**
 * `npm run bench:images`: 20 articles with 15 images each (10 their own, 5 shared by all) from a
 * local server that answers each image after 50 ms, saved through the built extension's popup in
 * headless Chromium. Prints the text save (click → "Saved") with "Save images" off and on in the
 * same run (two profiles, saves interleaved), the time to saved-with-images (click → "15 of 15
 * images saved"), median and p95 over the articles, then the bytes stored and what storing each
 * image once saved.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { crc32 } from '../lib/library/deflate';
import {
  launchExtensionBrowser,
  openPopupFor,
  type ExtensionBrowser,
} from './support/extension-browser';

const ARTICLES = 20;
const OWN_IMAGES = 10;
const SHARED_IMAGES = 5;
const LATENCY_MS = 50;
const WIDTH = 200;
const HEIGHT = 150;

/** A PNG of noise seeded by `seed` (noise, so it does not deflate to nothing). */
function noisePng(seed: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(WIDTH, 0);
  header.writeUInt32BE(HEIGHT, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((WIDTH * 3 + 1) * HEIGHT);
  let state = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < rows.length; i++) {
    if (i % (WIDTH * 3 + 1) === 0) continue; // filter byte 0
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    rows[i] = state & 0xff;
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function imageNames(article: number): string[] {
  return [
    ...Array.from({ length: OWN_IMAGES }, (_, j) => `a${article}-${j}.png`),
    ...Array.from({ length: SHARED_IMAGES }, (_, j) => `shared-${j}.png`),
  ];
}

function articleHtml(n: number): string {
  const paragraph = (k: number) =>
    `<p>Paragraph ${k} of report ${n}: the council voted on Tuesday to extend the night ferry ` +
    'service for another year, after a trial that carried more riders than expected and cost ' +
    'less than the buses it replaced on the late routes across the harbour.</p>';
  const body = imageNames(n)
    .map((name, k) => `${paragraph(k)}\n<figure><img src="/img/${name}" alt=""></figure>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Report ${n}</title></head><body><article><h1>Report ${n}</h1>${body}</article></body></html>`;
}

async function serve() {
  const images = new Map<string, Buffer>();
  let seed = 1;
  for (let n = 0; n < ARTICLES; n++) {
    for (const name of imageNames(n)) if (!images.has(name)) images.set(name, noisePng(seed++));
  }
  const server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://x').pathname;
    const article = /^\/report-(\d+)\.html$/.exec(pathname);
    if (article) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void response.end(articleHtml(Number(article[1])));
    }
    const image = images.get(pathname.replace(/^\/img\//, ''));
    if (!image) return void response.writeHead(404).end();
    setTimeout(
      () => response.writeHead(200, { 'content-type': 'image/png' }).end(image),
      LATENCY_MS,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, images, close: () => new Promise((resolve) => server.close(resolve)) };
}

interface Session {
  browser: ExtensionBrowser;
  options: Page;
  profileDir: string;
}

async function openSession(saveImages: boolean): Promise<Session> {
  const profileDir = mkdtempSync(path.join(tmpdir(), 'gleaner-bench-images-'));
  const browser = await launchExtensionBrowser({ profileDir });
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  if (saveImages) {
    await options.getByTestId('save-images').check();
    await options.getByText('Image setting saved.').waitFor({ timeout: 20_000 });
  }
  return { browser, options, profileDir };
}

async function closeSession(session: Session): Promise<void> {
  await session.browser.close();
  rmSync(session.profileDir, { recursive: true, force: true });
}

/**
 * Saves article `n` through the popup: ms from the click to "Saved", and (images on) to
 * "15 of 15 images saved". The next save starts only once this one's images are in.
 */
async function saveOne(
  session: Session,
  origin: string,
  n: number,
  saveImages: boolean,
): Promise<{ text: number; withImages: number | null }> {
  const page = await session.browser.context.newPage();
  await page.goto(`${origin}/report-${n}.html`);
  const popup = await openPopupFor(session.browser, page);
  await popup.getByTestId('save-button').waitFor({ timeout: 30_000 });
  const start = await popup.evaluate(() => performance.now());
  await popup.getByTestId('save-button').click();
  await popup.getByText('Saved to your library.').waitFor({ timeout: 30_000 });
  const text = (await popup.evaluate(() => performance.now())) - start;
  let withImages: number | null = null;
  if (saveImages) {
    const total = OWN_IMAGES + SHARED_IMAGES;
    await popup
      .getByText(`${total} of ${total} images saved`, { exact: true })
      .waitFor({ timeout: 60_000 });
    withImages = (await popup.evaluate(() => performance.now())) - start;
  }
  await popup.close();
  await page.close();
  return { text, withImages };
}

/** The sizes of the images stored in the session's library. */
function storedSizes(session: Session): Promise<number[]> {
  return session.options.evaluate(
    () =>
      new Promise<number[]>((resolve, reject) => {
        const open = indexedDB.open('gleaner');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const read = open.result.transaction('images').objectStore('images').getAll();
          read.onsuccess = () =>
            resolve((read.result as Array<{ bytes: number }>).map((image) => image.bytes));
        };
      }),
  );
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const ms = (value: number) => `${value.toFixed(0)} ms`;

async function main() {
  const server = await serve();
  try {
    const load = () =>
      loadavg()
        .map((value) => value.toFixed(2))
        .join(' ');
    console.log(
      `${ARTICLES} articles × ${OWN_IMAGES + SHARED_IMAGES} images, ${LATENCY_MS} ms an image`,
    );
    console.log(`load average at start: ${load()}`);
    // Two profiles side by side, each article saved in one then the other, so the machine's
    // load falls on both alike; a save starts only when the other profile's images are in.
    const off = await openSession(false);
    const on = await openSession(true);
    const textOff: number[] = [];
    const textOn: number[] = [];
    const full: number[] = [];
    let stored: number[] = [];
    try {
      for (let n = 0; n < ARTICLES; n++) {
        const first = n % 2 === 0 ? [off, on] : [on, off];
        for (const session of first) {
          const images = session === on;
          const timing = await saveOne(session, server.origin, n, images);
          (images ? textOn : textOff).push(timing.text);
          if (timing.withImages !== null) full.push(timing.withImages);
        }
      }
      stored = await storedSizes(on);
    } finally {
      await closeSession(off);
      await closeSession(on);
    }
    console.log(`load average at end: ${load()}`);
    console.log(
      `text save, images off: median ${ms(percentile(textOff, 50))}, p95 ${ms(percentile(textOff, 95))}`,
    );
    console.log(
      `text save, images on:  median ${ms(percentile(textOn, 50))}, p95 ${ms(percentile(textOn, 95))}`,
    );
    console.log(
      `saved with images:     median ${ms(percentile(full, 50))}, p95 ${ms(percentile(full, 95))}`,
    );
    const sizes = new Map<string, number>();
    for (let n = 0; n < ARTICLES; n++)
      for (const name of imageNames(n)) sizes.set(`${n}/${name}`, server.images.get(name)!.length);
    const referenced = [...sizes.values()].reduce((a, b) => a + b, 0);
    const storedBytes = stored.reduce((a, b) => a + b, 0);
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    console.log(
      `images stored: ${stored.length} files, ${mb(storedBytes)}; ${ARTICLES * (OWN_IMAGES + SHARED_IMAGES)} references ` +
        `(${mb(referenced)} if each were stored) → dedupe saved ${mb(referenced - storedBytes)}`,
    );
  } finally {
    await server.close();
  }
}

await main();
