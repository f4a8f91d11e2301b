/**
 * PostData as every preset sees it: a title, the source link, dates in the zone the settings ask
 * for, the category and tags after site rules. One place, so presets cannot disagree.
 */

import type { SiteRule } from '../site-rules';
import { matchSiteRuleForUrls } from '../site-rules';
import type { ExportSettings } from './export-settings';
import type { PostData, PostHighlight } from './post-data';
import { slugify } from './slug';
import { inTimeZone, parseZoned, type ZonedDateTime } from './zoned-date';

export interface PostView {
  /** Trimmed; `Untitled` when the page had none. */
  title: string;
  url: string;
  canonicalUrl: string;
  /** The canonical URL, else the tab's. */
  source: string;
  siteName: string | null;
  author: string | null;
  language: string | null;
  /** The post's date: published, else saved. */
  date: ZonedDateTime;
  published: ZonedDateTime | null;
  saved: ZonedDateTime;
  /** The zone the dates were converted to, or null when they keep their source offsets. */
  zone: string | null;
  /** The site rule's category, else the site's name (or host) as a slug; '' when nothing gives one. */
  category: string;
  tags: string[];
  excerpt: string | null;
  leadImage: string | null;
  wordCount: number;
  content: string;
  highlights: PostHighlight[];
  rule: SiteRule | null;
}

function hostSlug(url: string): string {
  try {
    return slugify(new URL(url).hostname.replace(/^www\./, ''));
  } catch {
    return '';
  }
}

/** Tags as typed (spaces and Chinese kept: a YAML list never splits them), minus blanks and repeats. */
export function cleanTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim()).filter(Boolean))];
}

/** The user's tags, then the rule's default tags that are not already there (ignoring case). */
function withRuleTags(tags: readonly string[], ruleTags: readonly string[]): string[] {
  const result = cleanTags(tags);
  const seen = new Set(result.map((tag) => tag.toLocaleLowerCase()));
  for (const tag of cleanTags(ruleTags)) {
    if (seen.has(tag.toLocaleLowerCase())) continue;
    seen.add(tag.toLocaleLowerCase());
    result.push(tag);
  }
  return result;
}

/**
 * Which zone dates are shown in: the settings' zone when they convert; else the site rule's zone
 * (the zone the site publishes in); else none (each date keeps the offset it came with).
 */
export function exportZone(settings: ExportSettings, rule: SiteRule | null): string | null {
  if (settings.dateMode === 'zone') return settings.timeZone;
  return rule?.timeZone || null;
}

/** The default category: the site's name as a slug, else its host (the seed's `36ke`). */
export function defaultCategory(data: Pick<PostData, 'siteName' | 'canonicalUrl' | 'url'>): string {
  const source = data.canonicalUrl || data.url;
  return slugify(data.siteName ?? '') || hostSlug(source) || hostSlug(data.url);
}

export function postView(
  data: PostData,
  settings: ExportSettings,
  siteRules: readonly SiteRule[] = [],
): PostView {
  const rule = matchSiteRuleForUrls(siteRules, [data.url, data.canonicalUrl]);
  const zone = exportZone(settings, rule);
  const shift = (date: ZonedDateTime) => (zone ? inTimeZone(date, zone) : date);
  const published = data.published ? shift(parseZoned(data.published)) : null;
  const saved = shift(parseZoned(data.savedAt));
  return {
    title: data.title.trim() || 'Untitled',
    url: data.url,
    canonicalUrl: data.canonicalUrl,
    source: data.canonicalUrl || data.url,
    siteName: data.siteName,
    author: data.author,
    language: data.language,
    date: published ?? saved,
    published,
    saved,
    zone,
    category: rule?.category.trim() || defaultCategory(data),
    tags: withRuleTags(data.tags, rule?.tags ?? []),
    excerpt: data.excerpt,
    leadImage: data.leadImage,
    wordCount: data.wordCount,
    content: data.content,
    highlights: data.highlights,
    rule,
  };
}
