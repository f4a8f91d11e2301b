/**
 * The corpus split by site, so a rule tuned on one part can be checked on the part it was not
 * tuned on. A site is the registrable part of the page's host (`news.sina.com.cn` and
 * `finance.sina.com.cn` are one site): sub-domains of one site share its layout and its rules.
 */

/** Second-level labels under which a country's domains register names (`sina.com.cn`). */
const SECOND_LEVEL = new Set(['com', 'net', 'org', 'gov', 'edu', 'co', 'ac', 'or', 'ne', 'go']);

/** `news.sina.com.cn` → `sina.com.cn`, `www.bbc.co.uk` → `bbc.co.uk`, `edition.cnn.com` → `cnn.com`. */
export function siteOf(host: string): string {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.').filter(Boolean);
  if (labels.length <= 2) return labels.join('.');
  const top = labels.at(-1) ?? '';
  const second = labels.at(-2) ?? '';
  const keep = top.length === 2 && SECOND_LEVEL.has(second) ? 3 : 2;
  return labels.slice(-keep).join('.');
}

export interface Fold {
  /** 0-based: fold `index` of `count`. */
  index: number;
  count: number;
}

/** `1/2` → fold 1 of 2; null for anything else. */
export function parseFold(value: string): Fold | null {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  if (!match) return null;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return count >= 2 && index < count ? { index, count } : null;
}

/**
 * Fold of each site: the sites sorted by name, every `count`-th one in the same fold. The same
 * site always lands in the same fold for a given list of sites.
 */
export function foldOfSites(sites: Iterable<string>, count: number): Map<string, number> {
  const sorted = [...new Set(sites)].sort();
  return new Map(sorted.map((site, position) => [site, position % count]));
}
