/**
 * The user's site rules: per host (`example.com`) or host pattern (`*.36kr.com`), what to add to a
 * clip of that site (category, tags, timezone) and how to read it (an extra content selector,
 * clutter). Below the stages that read them: settings stores them, export and extraction apply them.
 */

export interface SiteRule {
  /** `example.com` (also matches `www.example.com`) or `*.example.com` (the domain and every subdomain). */
  pattern: string;
  /** Replaces the category made from the site's name; '' keeps it. */
  category: string;
  /** Added after the user's own tags. */
  tags: string[];
  /**
   * The IANA zone the site publishes in; '' for none. Meant for the extractor (dates printed without
   * an offset are in it); the export shows this site's dates in it when it keeps source offsets.
   */
  timeZone: string;
  /** A CSS selector for the article when the automatic extraction misses it; '' for none. */
  contentSelector: string;
  /** CSS selectors of clutter to drop from the article (share bars, "read more" boxes…). */
  clutterSelectors: string[];
}

export function emptySiteRule(pattern = ''): SiteRule {
  return {
    pattern,
    category: '',
    tags: [],
    timeZone: '',
    contentSelector: '',
    clutterSelectors: [],
  };
}

const LABEL = '(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?|xn--[a-z0-9-]{1,59})';
const HOST = new RegExp(`^(?:\\*\\.)?${LABEL}(?:\\.${LABEL})*$`);
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * The pattern as it is compared: lower case, no scheme, path, port or trailing dot, Unicode hosts in
 * punycode (`*.例子.中国` → `*.xn--fsqu00a.xn--fiqs8s`); null when it is not a host or `*.`host.
 */
export function normalizeHostPattern(pattern: string): string | null {
  let text = pattern.trim().toLowerCase();
  text = text.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/[/?#].*$/, '');
  text = text.replace(/:\d+$/, '').replace(/\.$/, '');
  const wildcard = text.startsWith('*.');
  const host = wildcard ? text.slice(2) : text;
  if (!host || host.includes('*')) return null;
  let ascii: string;
  try {
    ascii = new URL(`http://${host}/`).hostname;
  } catch {
    return null;
  }
  if (wildcard && IPV4.test(ascii)) return null;
  const normalized = `${wildcard ? '*.' : ''}${ascii}`;
  return HOST.test(normalized) || (!wildcard && IPV4.test(ascii)) ? normalized : null;
}

export function isHostPattern(pattern: string): boolean {
  return normalizeHostPattern(pattern) !== null;
}

function hostOf(url: string): string | null {
  try {
    const host = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
    return host || null;
  } catch {
    return null;
  }
}

/** How well a pattern fits a host: higher is more specific; 0 is no match. */
function matchScore(pattern: string, host: string): number {
  const normalized = normalizeHostPattern(pattern);
  if (!normalized) return 0;
  if (normalized.startsWith('*.')) {
    const domain = normalized.slice(2);
    if (host === domain || host.endsWith(`.${domain}`)) return domain.length * 2;
    return 0;
  }
  if (host === normalized) return normalized.length * 2 + 2;
  if (host === `www.${normalized}`) return normalized.length * 2 + 1;
  return 0;
}

/**
 * The rule for a page: an exact host beats a `www.` match, which beats any wildcard; among
 * wildcards the longest domain wins; among equals, the first in the list. Null when none applies.
 */
export function matchSiteRule(rules: readonly SiteRule[], url: string): SiteRule | null {
  const host = hostOf(url);
  if (!host) return null;
  let best: SiteRule | null = null;
  let bestScore = 0;
  for (const rule of rules) {
    const score = matchScore(rule.pattern, host);
    if (score > bestScore) {
      best = rule;
      bestScore = score;
    }
  }
  return best;
}

/** The first rule that applies to any of the URLs (canonical first, then the tab's). */
export function matchSiteRuleForUrls(
  rules: readonly SiteRule[],
  urls: readonly (string | null | undefined)[],
): SiteRule | null {
  for (const url of urls) {
    const rule = url ? matchSiteRule(rules, url) : null;
    if (rule) return rule;
  }
  return null;
}

/** Imported rules replace the ones with the same pattern; the others are kept, new ones appended. */
export function mergeSiteRules(
  current: readonly SiteRule[],
  imported: readonly SiteRule[],
): SiteRule[] {
  const key = (rule: SiteRule) => normalizeHostPattern(rule.pattern) ?? rule.pattern;
  const incoming = new Map(imported.map((rule) => [key(rule), rule]));
  const merged = current.map((rule) => incoming.get(key(rule)) ?? rule);
  const present = new Set(current.map(key));
  for (const rule of imported) if (!present.has(key(rule))) merged.push(rule);
  return merged;
}
