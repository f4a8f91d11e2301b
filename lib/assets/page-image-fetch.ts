/**
 * Fetches one image from inside the article's tab (the extension's content-script world): the
 * request goes out as the page's own, with its cookies and the page as referrer, so images that
 * hotlink protection refuses elsewhere come through. Cross-origin hosts answer only when they
 * allow it (CORS). The bytes cross back to the background as a data URL (messages are JSON).
 */
import type { ImageFailure } from '../model';
import { bareType, isKeptImageType, sniffImageType } from './image-types';
import { IMAGE_FETCH_TIMEOUT_MS, MAX_IMAGE_BYTES } from './limits';
import { sanitizeSvg } from './sanitize-svg';

export type PageImage = { ok: true; dataUrl: string } | { ok: false; failure: ImageFailure };

function dataUrlOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(blob);
  });
}

/** The bytes as a kept image (SVG sanitised), or why not. */
export async function keptImageBlob(
  blob: Blob,
  declaredType: string,
  maxBytes = MAX_IMAGE_BYTES,
): Promise<{ ok: true; blob: Blob } | { ok: false; failure: ImageFailure }> {
  if (blob.size > maxBytes) return { ok: false, failure: 'too-large' };
  const head = new Uint8Array(await blob.slice(0, 512).arrayBuffer());
  const type =
    sniffImageType(head) ?? (isKeptImageType(declaredType) ? bareType(declaredType) : null);
  if (!type) return { ok: false, failure: 'not-an-image' };
  if (type !== 'image/svg+xml') return { ok: true, blob: new Blob([blob], { type }) };
  return { ok: true, blob: new Blob([sanitizeSvg(await blob.text())], { type }) };
}

/**
 * Fetches an image and checks it is one (size, type; SVG sanitised). In the page it goes out as
 * the page's own request; from the extension's worker (a retry from the library) only hosts
 * that allow other origins (CORS) answer.
 */
export async function fetchImageBytes(
  url: string,
  maxBytes = MAX_IMAGE_BYTES,
  timeoutMs = IMAGE_FETCH_TIMEOUT_MS,
): Promise<{ ok: true; blob: Blob } | { ok: false; failure: ImageFailure }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    // Cookies go with same-origin requests (the default); a cross-origin CDN that allows any
    // origin (`*`) would refuse a request with credentials.
    const response = await fetch(url, { signal: controller.signal });
    if (!response.ok) return { ok: false, failure: 'unreachable' };
    const length = Number(response.headers.get('content-length'));
    if (length > maxBytes) return { ok: false, failure: 'too-large' };
    return await keptImageBlob(
      await response.blob(),
      response.headers.get('content-type') ?? '',
      maxBytes,
    );
  } catch {
    // A CORS refusal and a network error look the same from here.
    return { ok: false, failure: 'unreachable' };
  } finally {
    clearTimeout(timer);
  }
}

export async function fetchImageInPage(url: string): Promise<PageImage> {
  const kept = await fetchImageBytes(url);
  return kept.ok ? { ok: true, dataUrl: await dataUrlOf(kept.blob) } : kept;
}
