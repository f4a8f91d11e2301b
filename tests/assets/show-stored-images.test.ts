// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { showStoredImages, type ShownImages } from '@/lib/storage/show-stored-images';

describe('showStoredImages', () => {
  it('points kept images at their stored bytes and leaves remote ones alone', () => {
    const root = document.createElement('div');
    root.innerHTML = '<img src="https://a.example/kept.png"><img src="https://a.example/gone.png">';
    const shown: ShownImages = new Map([
      ['https://a.example/kept.png', { hash: 'abc', src: 'blob:chrome-extension://x/1' }],
    ]);
    showStoredImages(root, shown);
    const [kept, gone] = root.querySelectorAll('img');
    expect(kept?.getAttribute('data-gleaner-image')).toBe('abc');
    expect(kept?.getAttribute('src')).toBe('blob:chrome-extension://x/1');
    expect(gone?.getAttribute('src')).toBe('https://a.example/gone.png');
    expect(gone?.hasAttribute('data-gleaner-image')).toBe(false);
  });
});
