/**
 * Two local origins for the image E2E: the news site (articles, same-origin images) and an image
 * CDN on another origin that allows any origin (CORS) and refuses hotlinks (a `Referer` that is
 * not the news site). Each image is a distinct real PNG from the repository; article 3's picture,
 * a JPEG, is on a path of the CDN that allows no other origin (no CORS header). Article 4's is on
 * a path that does both, as WeChat's, Sina's and 36kr's image hosts do: no CORS header, and a
 * refusal (403) unless the `Referer` is a page of the news site.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const PNG_FILES = {
  cdn: 'public/icon/128.png',
  lazy: 'public/icon/96.png',
  small: 'public/icon/16.png',
  large: 'public/icon/48.png',
  hotlink: 'public/icon/32.png',
} as const;
export type ImageName = keyof typeof PNG_FILES;

export function pngBytes(name: ImageName): Buffer {
  return readFileSync(PNG_FILES[name]);
}

/** The picture of article 3, served without CORS. */
export const closedJpegBytes = () => readFileSync('tests/fixtures/images/ferry-at-dusk.jpg');

/** The picture of article 4: other bytes than article 3's (a JPEG reader ignores the tail). */
export const guardedJpegBytes = () =>
  Buffer.concat([closedJpegBytes(), Buffer.from('guarded wharf')]);

const PLACEHOLDER =
  'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

function paragraphs(topic: string): string {
  return Array.from(
    { length: 6 },
    (_, n) =>
      `<p>${topic} paragraph ${n + 1}: the harbour authority said on Tuesday that the new ferry ` +
      'timetable would add late crossings on weekdays, after commuters asked for them for years, ' +
      'and that the extra boats would be paid for by the city until the end of next year.</p>',
  ).join('\n');
}

export interface FetchHeaders {
  origin?: string;
  referer?: string;
  cookie?: string;
}

export interface ImageSites {
  newsOrigin: string;
  cdnOrigin: string;
  articleUrl(n: 1 | 2 | 3 | 4): string;
  /** The URL each image is served from, as the article's HTML will store it. */
  imageUrl(name: ImageName | 'missing' | 'closed' | 'guarded'): string;
  /** How many `fetch()` requests each path got (the page's own `<img>` loads not counted). */
  fetches: Map<string, number>;
  /** The headers of each path's last `fetch()` request: who asked, as the server saw it. */
  fetchHeaders: Map<string, FetchHeaders>;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function serveImageSites(): Promise<ImageSites> {
  const hits = new Map<string, number>();
  const headers = new Map<string, FetchHeaders>();
  const count = (request: IncomingMessage, path: string) => {
    if (request.headers['sec-fetch-dest'] !== 'empty') return;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const { origin, referer, cookie } = request.headers;
    headers.set(path, { origin, referer, cookie });
  };
  let newsOrigin = '';
  let cdnOrigin = '';
  const png = (name: ImageName) => ({ 'content-type': 'image/png', body: pngBytes(name) });

  const article = (n: 1 | 2 | 3 | 4) =>
    n === 4
      ? `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Wharf at noon</title></head>
<body><article><h1>Wharf at noon</h1>
${paragraphs('Seven')}
<figure><img src="${cdnOrigin}/guarded/wharf.jpg?w=640&amp;q=(80)" alt="The wharf"></figure>
${paragraphs('Eight')}
</article></body></html>`
      : n === 3
        ? `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Quay at dawn</title></head>
<body><article><h1>Quay at dawn</h1>
${paragraphs('Five')}
<figure><img src="${cdnOrigin}/closed/quay.jpg" alt="The quay"></figure>
${paragraphs('Six')}
</article></body></html>`
        : n === 1
          ? `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ferries at night</title></head>
<body><nav><a href="/">Home</a><img src="/img/site-logo.png" alt="logo"></nav>
<article><h1>Ferries at night</h1>
${paragraphs('One')}
<figure><img src="${cdnOrigin}/cdn/harbour.png" alt="The harbour at dusk"></figure>
<p><img src="${PLACEHOLDER}" data-src="/img/lazy-ferry.png" alt="渡轮 夜景"></p>
${paragraphs('Two')}
<p><img src="/img/ferry-small.png" srcset="/img/ferry-small.png 1x, /img/ferry-large.png 2x" alt=""></p>
<p><img src="${cdnOrigin}/protected/pier.png" alt="Pier"></p>
<p><img src="/img/missing.png" alt="Missing"></p>
<img src="/track/pixel.gif" width="1" height="1">
</article><footer>footer</footer></body></html>`
          : `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbour follow-up</title></head>
<body><article><h1>Harbour follow-up</h1>
${paragraphs('Three')}
<figure><img src="${cdnOrigin}/cdn/harbour.png" alt="The harbour again"></figure>
${paragraphs('Four')}
</article></body></html>`;

  const news = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    count(request, path);
    const routes: Record<string, { 'content-type': string; body: string | Buffer }> = {
      '/article-1.html': { 'content-type': 'text/html; charset=utf-8', body: article(1) },
      '/article-2.html': { 'content-type': 'text/html; charset=utf-8', body: article(2) },
      '/article-3.html': { 'content-type': 'text/html; charset=utf-8', body: article(3) },
      '/article-4.html': { 'content-type': 'text/html; charset=utf-8', body: article(4) },
      '/img/lazy-ferry.png': png('lazy'),
      '/img/ferry-small.png': png('small'),
      '/img/ferry-large.png': png('large'),
      '/img/site-logo.png': png('small'),
    };
    const route = routes[path];
    if (!route) return void response.writeHead(404).end('not found');
    response.writeHead(200, { 'content-type': route['content-type'] }).end(route.body);
  });
  const cdn = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    count(request, path);
    const cors = { 'access-control-allow-origin': '*', 'content-type': 'image/png' };
    if (path === '/cdn/harbour.png') return void response.writeHead(200, cors).end(pngBytes('cdn'));
    // Shown on any page, but no other origin may read it.
    if (path === '/closed/quay.jpg')
      return void response.writeHead(200, { 'content-type': 'image/jpeg' }).end(closedJpegBytes());
    if (path === '/guarded/wharf.jpg') {
      // No CORS header, and hotlink protection: only the news site's pages may show it.
      const referer = request.headers.referer ?? '';
      if (!referer.startsWith(newsOrigin)) return void response.writeHead(403).end('hotlink');
      return void response.writeHead(200, { 'content-type': 'image/jpeg' }).end(guardedJpegBytes());
    }
    if (path === '/protected/pier.png') {
      // Hotlink protection: only the news site's pages may show it.
      const referer = request.headers.referer ?? '';
      if (!referer.startsWith(newsOrigin)) return void response.writeHead(403, cors).end('hotlink');
      return void response.writeHead(200, cors).end(pngBytes('hotlink'));
    }
    response.writeHead(404, cors).end('not found');
  });
  newsOrigin = await listen(news);
  cdnOrigin = await listen(cdn);
  const urls: Record<ImageName | 'missing' | 'closed' | 'guarded', string> = {
    cdn: `${cdnOrigin}/cdn/harbour.png`,
    lazy: `${newsOrigin}/img/lazy-ferry.png`,
    small: `${newsOrigin}/img/ferry-small.png`,
    large: `${newsOrigin}/img/ferry-large.png`,
    hotlink: `${cdnOrigin}/protected/pier.png`,
    missing: `${newsOrigin}/img/missing.png`,
    closed: `${cdnOrigin}/closed/quay.jpg`,
    // A query with characters a URL filter or a regex would read as syntax.
    guarded: `${cdnOrigin}/guarded/wharf.jpg?w=640&q=(80)`,
  };
  const close = (server: Server) =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    newsOrigin,
    cdnOrigin,
    articleUrl: (n) => `${newsOrigin}/article-${n}.html`,
    imageUrl: (name) => urls[name],
    fetches: hits,
    fetchHeaders: headers,
    close: async () => {
      await Promise.all([close(news), close(cdn)]);
    },
  };
}
