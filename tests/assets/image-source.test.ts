// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { settleArticleImages } from '@/lib/assets/article-images';
import { imagesToKeep } from '@/lib/assets/image-references';
import { bestSrcsetCandidate, chooseImageSource } from '@/lib/assets/image-source';

const PLACEHOLDER =
  'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

function image(html: string): Element {
  const holder = document.createElement('div');
  holder.innerHTML = html;
  return holder.querySelector('img')!;
}

describe('chooseImageSource', () => {
  it('takes the lazy source behind a placeholder', () => {
    expect(chooseImageSource(image(`<img src="${PLACEHOLDER}" data-src="/real.jpg">`))).toBe(
      '/real.jpg',
    );
    expect(chooseImageSource(image('<img src="/img/blank.gif" data-original="/b.png">'))).toBe(
      '/b.png',
    );
    expect(chooseImageSource(image('<img data-lazy-src="/c.png">'))).toBe('/c.png');
  });

  it('keeps a real src over a lazy attribute and never returns a placeholder', () => {
    expect(chooseImageSource(image('<img src="/real.jpg" data-src="/other.jpg">'))).toBe(
      '/real.jpg',
    );
    expect(chooseImageSource(image(`<img src="${PLACEHOLDER}">`))).toBeNull();
  });

  it('picks the srcset candidate sharp on a 2× screen', () => {
    expect(bestSrcsetCandidate('a.jpg 1x, b.jpg 2x, c.jpg 3x')).toBe('b.jpg');
    expect(bestSrcsetCandidate('a.jpg 1x, b.jpg 1.5x')).toBe('b.jpg');
    expect(bestSrcsetCandidate('s.jpg 400w, m.jpg 800w, l.jpg 1600w', 400)).toBe('m.jpg');
    expect(bestSrcsetCandidate('s.jpg 400w, m.jpg 800w', 720)).toBe('m.jpg');
    expect(chooseImageSource(image('<img src="s.jpg" srcset="s.jpg 1x, l.jpg 2x">'))).toBe('l.jpg');
    expect(
      chooseImageSource(image(`<img src="${PLACEHOLDER}" data-srcset="x.jpg 600w, y.jpg 1600w">`)),
    ).toBe('y.jpg');
  });

  it('reads the <picture> source a desktop browser uses', () => {
    const img = image(
      '<picture><source media="(max-width: 600px)" srcset="phone.jpg 2x">' +
        '<source type="image/jxl" srcset="x.jxl 2x"><source srcset="a.webp 1x, b.webp 2x">' +
        '<img src="fallback.jpg"></picture>',
    );
    expect(chooseImageSource(img)).toBe('b.webp');
  });
});

describe('settleArticleImages', () => {
  it('writes absolute sources, unwraps pictures, drops pixels and trackers', () => {
    const root = document.createElement('div');
    root.innerHTML =
      `<p><img src="${PLACEHOLDER}" data-src="lazy.jpg" alt="lazy"></p>` +
      '<picture><source srcset="big.webp 2x"><img src="small.jpg"></picture>' +
      '<img src="https://www.google-analytics.com/collect?x=1">' +
      '<img src="/beacon.gif" width="1" height="1">' +
      `<img src="${PLACEHOLDER}">`;
    settleArticleImages(root, 'https://news.example/a/story.html');
    expect([...root.querySelectorAll('img')].map((i) => i.getAttribute('src'))).toEqual([
      'https://news.example/a/lazy.jpg',
      'https://news.example/a/big.webp',
    ]);
    expect(root.querySelector('picture, [data-src], [srcset]')).toBeNull();
  });
});

describe('imagesToKeep', () => {
  it('lists content images once, without icons', () => {
    const root = document.createElement('div');
    root.innerHTML =
      '<img alt="a > b &amp; &quot;c&quot;" src="https://a.example/0.jpg?x=1&amp;y=2">' +
      '<img src="https://a.example/1.jpg" alt=" One ">' +
      '<img src="https://a.example/1.jpg">' +
      '<img src="https://a.example/share-icon.png">' +
      '<img src="https://a.example/x.png" width="16" height="16">' +
      '<img src="https://a.example/2.png" width="640" height="16">';
    // The HTML as a browser serialises it: what the background reads.
    expect(imagesToKeep(root.innerHTML)).toEqual([
      { url: 'https://a.example/0.jpg?x=1&y=2', alt: 'a > b & "c"' },
      { url: 'https://a.example/1.jpg', alt: 'One' },
      { url: 'https://a.example/2.png', alt: '' },
    ]);
  });
});
