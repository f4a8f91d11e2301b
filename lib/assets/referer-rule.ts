/**
 * The `declarativeNetRequest` session rule that gives the extension's own fetch of one image the
 * article's page as `Referer` (hotlink-protected hosts refuse it otherwise; `fetch` cannot set that
 * header). It matches that exact URL only, asked by the extension itself from no tab, and is
 * removed right after the fetch.
 */

/** The rule's shape, as Chrome's and Firefox's `declarativeNetRequest.updateSessionRules` take it. */
export interface RefererRule {
  id: number;
  priority: number;
  action: {
    type: 'modifyHeaders';
    requestHeaders: { header: 'referer'; operation: 'set'; value: string }[];
  };
  condition: UrlCondition & {
    initiatorDomains: string[];
    tabIds: number[];
    resourceTypes: ('xmlhttprequest' | 'other')[];
  };
}

type UrlCondition = { urlFilter: string; isUrlFilterCaseSensitive: true } | { regexFilter: string };

/** Matches `url` exactly: every regex special character escaped, anchored at both ends. */
export function exactUrlRegex(url: string): string {
  return `^${url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`;
}

/**
 * The condition matching `url` and nothing else. A URL filter anchored at both ends (`|url|`)
 * unless the URL holds one of its wildcards (`*`, `^`, `|`), which it cannot escape: then a regex.
 * The filter comes first because Chrome refuses a regex past 2 KB compiled, which a long CDN
 * URL reaches.
 */
export function exactUrlCondition(url: string): UrlCondition {
  if (/[*^|]/.test(url)) return { regexFilter: exactUrlRegex(url) };
  return { urlFilter: `|${url}|`, isUrlFilterCaseSensitive: true };
}

/** A request from the extension's background has no tab (`tabId` -1) in both browsers. */
const NO_TAB = -1;

export function refererRule(options: {
  id: number;
  imageUrl: string;
  articleUrl: string;
  /** The extension's own host (`new URL(runtime.getURL('/')).hostname`): the only initiator matched. */
  extensionHost: string;
}): RefererRule {
  return {
    id: options.id,
    priority: 1,
    action: {
      type: 'modifyHeaders',
      requestHeaders: [{ header: 'referer', operation: 'set', value: options.articleUrl }],
    },
    condition: {
      ...exactUrlCondition(options.imageUrl),
      initiatorDomains: [options.extensionHost],
      tabIds: [NO_TAB],
      resourceTypes: ['xmlhttprequest', 'other'],
    },
  };
}

export interface SessionRules {
  updateSessionRules(update: { addRules?: RefererRule[]; removeRuleIds?: number[] }): Promise<void>;
}

let lastRuleId = 0;

/**
 * Runs `fetch` while the rule sets `articleUrl` as the `Referer` of `imageUrl`; the rule goes
 * away afterwards, also when the fetch fails. A rule left by a worker that stopped mid-fetch
 * under the same id is replaced in the same update.
 */
export async function withRefererRule<T>(
  rules: SessionRules,
  rule: Omit<Parameters<typeof refererRule>[0], 'id'>,
  fetch: () => Promise<T>,
): Promise<T> {
  const id = ++lastRuleId;
  await rules.updateSessionRules({ removeRuleIds: [id], addRules: [refererRule({ ...rule, id })] });
  try {
    return await fetch();
  } finally {
    await rules.updateSessionRules({ removeRuleIds: [id] }).catch(() => undefined);
  }
}
