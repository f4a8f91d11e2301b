/** URL clean-up shared by extraction (canonical URL) and storage (the unique key of an article). */

const TRACKING_PARAM =
  /^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|yclid|igshid|_hsenc|_hsmi|mkt_tok|spm|xtor|ref_src|ref_url|cmpid|ncid|sr_share|wt\.mc_id)$/i;

/** The URL without tracking parameters (`utm_*`, `fbclid`, …) and without its #fragment. */
export function stripTrackingParams(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return input;
  }
  // forEach, not an iterator: in a Firefox content script `searchParams.keys()` is not iterable
  // (the clip of a page without a canonical link failed there).
  const names: string[] = [];
  url.searchParams.forEach((_, name) => names.push(name));
  for (const name of names) {
    if (TRACKING_PARAM.test(name)) url.searchParams.delete(name);
  }
  url.hash = '';
  return url.toString();
}

/**
 * The key under which an article is stored: two URLs of the same page give the same key
 * (scheme, `www.`, trailing slash, tracking parameters, parameter order and fragment ignored).
 */
export function urlKey(input: string): string {
  let url: URL;
  try {
    url = new URL(stripTrackingParams(input));
  } catch {
    return input.trim();
  }
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const port = url.port ? `:${url.port}` : '';
  const path = url.pathname.replace(/\/+$/, '') || '/';
  url.searchParams.sort();
  const query = url.searchParams.toString();
  return `${host}${port}${path}${query ? `?${query}` : ''}`;
}
