import { describe, expect, it } from 'vitest';
import type { FetchedImage } from '@/lib/assets/capture-images';
import { fetchWithFallback } from '@/lib/assets/image-fallback';
import type { ImageFailure } from '@/lib/model';

const URL = 'https://mmbiz.qpic.cn/a.jpg';
const kept = (text: string): FetchedImage => ({
  ok: true,
  blob: new Blob([text], { type: 'image/jpeg' }),
  type: 'image/jpeg',
});
const failed = (failure: ImageFailure): FetchedImage => ({ ok: false, failure });

function setup(page: FetchedImage, granted: boolean | Error) {
  const calls: string[] = [];
  const fetchImage = fetchWithFallback({
    inPage: async (url) => (calls.push(`page ${url}`), page),
    hasHostAccess: async (url) => {
      calls.push(`access ${url}`);
      if (granted instanceof Error) throw granted;
      return granted;
    },
    withReferer: async (url) => (calls.push(`extension ${url}`), kept('from extension')),
  });
  return { fetchImage, calls };
}

describe('fetchWithFallback', () => {
  it('keeps what the page fetched, asking nothing more', async () => {
    const { fetchImage, calls } = setup(kept('from page'), true);
    expect(await fetchImage(URL)).toEqual(kept('from page'));
    expect(calls).toEqual([`page ${URL}`]);
  });

  it('page fetch failed and host access granted: the extension fetches it with the referrer', async () => {
    const { fetchImage, calls } = setup(failed('unreachable'), true);
    expect(await fetchImage(URL)).toEqual(kept('from extension'));
    expect(calls).toEqual([`page ${URL}`, `access ${URL}`, `extension ${URL}`]);
  });

  it('the tab could not be scripted and host access granted: the extension fetches it', async () => {
    const { fetchImage } = setup(failed('no-access'), true);
    expect(await fetchImage(URL)).toEqual(kept('from extension'));
  });

  it('no grant: the image stays remote with the page fetch’s reason', async () => {
    const { fetchImage, calls } = setup(failed('unreachable'), false);
    expect(await fetchImage(URL)).toEqual(failed('unreachable'));
    expect(calls).toEqual([`page ${URL}`, `access ${URL}`]);
  });

  it('a permissions error counts as no grant', async () => {
    const { fetchImage } = setup(failed('unreachable'), new Error('no permissions API'));
    expect(await fetchImage(URL)).toEqual(failed('unreachable'));
  });

  it.each(['too-large', 'not-an-image'] as const)(
    'an answer that was %s is not asked again',
    async (failure) => {
      const { fetchImage, calls } = setup(failed(failure), true);
      expect(await fetchImage(URL)).toEqual(failed(failure));
      expect(calls).toEqual([`page ${URL}`]);
    },
  );
});
