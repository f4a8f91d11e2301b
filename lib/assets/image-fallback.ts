/**
 * Where an image the article's tab could not read comes from: the extension itself, with the
 * article as `Referer`, when the user granted host access to the image's origin (a host that sends
 * no CORS header answers the extension's own request). Without the grant it stays remote, with the
 * page's reason.
 */
import type { FetchedImage } from './capture-images';
import type { ImageFailure } from '../model';

/** Failures another request may get past: a CORS refusal looks like a network error. */
const RETRYABLE: readonly ImageFailure[] = ['unreachable', 'no-access'];

export interface FallbackDeps {
  /** The page's own request, from the article's tab. */
  inPage(url: string): Promise<FetchedImage>;
  /** Whether the extension holds host access for the image's origin. */
  hasHostAccess(url: string): Promise<boolean>;
  /** The extension's own request with the article as `Referer`. */
  withReferer(url: string): Promise<FetchedImage>;
}

export function fetchWithFallback(deps: FallbackDeps): (url: string) => Promise<FetchedImage> {
  return async (url) => {
    const page = await deps.inPage(url);
    if (page.ok || !RETRYABLE.includes(page.failure)) return page;
    if (!(await deps.hasHostAccess(url).catch(() => false))) return page;
    return deps.withReferer(url);
  };
}
