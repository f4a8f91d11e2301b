// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { contentHash } from '@/lib/assets/content-hash';
import { nameImages } from '@/lib/export/image-names';
import { extensionFor, sniffImageType } from '@/lib/assets/image-types';
import { sanitizeSvg } from '@/lib/assets/sanitize-svg';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);
const HASH_C = 'c'.repeat(64);

describe('contentHash', () => {
  it('is the SHA-256 of the bytes', async () => {
    expect(await contentHash(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('nameImages', () => {
  it('spells Chinese alt text in pinyin, else uses the hash, and keeps names unique', () => {
    expect(
      nameImages([
        { hash: HASH_A, alt: '企业微信 界面', type: 'image/png' },
        { hash: HASH_B, alt: '', type: 'image/jpeg; charset=binary' },
        { hash: HASH_C, alt: '企业微信界面', type: 'image/png' },
        { hash: HASH_A, alt: 'same bytes', type: 'image/png' },
      ]),
    ).toEqual([
      'qi-ye-wei-xin-jie-mian.png',
      'bbbbbbbbbbbb.jpg',
      'qi-ye-wei-xin-jie-mian-2.png',
      'qi-ye-wei-xin-jie-mian.png',
    ]);
  });
});

describe('image types', () => {
  it('knows an image by its bytes, not its header', () => {
    expect(sniffImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImageType(new TextEncoder().encode('<?xml version="1.0"?>\n<svg xmlns="x">'))).toBe(
      'image/svg+xml',
    );
    expect(sniffImageType(new TextEncoder().encode('<!doctype html><p>Not found'))).toBeNull();
    expect(extensionFor('image/svg+xml')).toBe('svg');
  });
});

describe('sanitizeSvg', () => {
  it('removes scripts and handlers and keeps the drawing', () => {
    const clean = sanitizeSvg(
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script>' +
        '<circle cx="5" cy="5" r="4" fill="red"/><foreignObject><p>x</p></foreignObject></svg>',
    );
    expect(clean).not.toMatch(/script|onload|foreignObject|alert/i);
    expect(clean).toContain('<circle');
    expect(clean).toContain('xmlns="http://www.w3.org/2000/svg"');
  });
});
