/**
 * Site rules as data: for a host, where the article body is and which blocks inside or around it
 * are clutter. Generic extraction handles most pages; these rules cover layouts of sites people
 * clip often where it is known to slip. The user's own rules (from settings) come first.
 *
 * A rule's `contentSelector` is only a hint: it is used when it finds an element with real text,
 * otherwise the generic extraction runs as if there were no rule. `clutterSelectors` are removed
 * from the page copy before anything reads it.
 */

/** The part of a site rule extraction reads; the user's rules (lib/site-rules.ts) fit it as they are. */
export interface ExtractionRule {
  /**
   * A host name (`sina.com.cn`), matching the host and its subdomains; `*.` in front means the
   * same. A pattern with a path (`medium.com/@user`) also requires the URL path to start with it.
   */
  pattern: string;
  /** '' or absent: none. */
  contentSelector?: string;
  clutterSelectors?: readonly string[];
}

/** Share bars, QR codes and "follow us" boxes most Chinese news sites carry under the story. */
const CHINESE_NEWS_CLUTTER = ['[class*="qrcode"]', '[class*="erweima"]'];

/** BBC News, served under both of its domains. */
const BBC_NEWS = {
  contentSelector: 'main article, article[role="main"], .story-body',
  clutterSelectors: [
    '[data-component="links-block"]',
    '[data-component="tag-list"]',
    '[data-component="topic-list"]',
    '[data-component="related-topics"]',
    '[data-component="ad-slot"]',
    '.story-more',
  ],
};

export const BUILT_IN_SITE_RULES: readonly ExtractionRule[] = [
  {
    pattern: '36kr.com',
    contentSelector: '.articleDetailContent, .article-content',
    clutterSelectors: [
      '.article-footer-txt',
      '.kr-article-follow',
      '.article-right-author',
      '.kr-shadow-content',
      '.relation-wrapper',
      '.article-tag',
    ],
  },
  {
    pattern: 'eastmoney.com',
    contentSelector: '#ContentBody, .txtinfos',
    clutterSelectors: [
      '.EmImageRemark',
      '.em_stock_key_common',
      '.res-edit',
      '.declare',
      '.sharebar',
      '.b-review',
      '.zwothers',
      ...CHINESE_NEWS_CLUTTER,
    ],
  },
  {
    pattern: 'sina.com.cn',
    contentSelector: '#artibody, #article, .article-content',
    clutterSelectors: [
      '.appendQr_wrap',
      '.article-editor',
      '.show_author',
      '.show_statement',
      '#left_hzh_ad',
      '.ct_hqimg',
      '.finance_app_zqtg',
      '.blk-video',
      ...CHINESE_NEWS_CLUTTER,
    ],
  },
  {
    pattern: 'qq.com',
    contentSelector: '.content-article, .qq_article .bd, #Cnt-Main-Article-QQ',
    clutterSelectors: ['.adLink', '.qqcom-vote', '.rv-root-v2', ...CHINESE_NEWS_CLUTTER],
  },
  {
    pattern: '163.com',
    contentSelector: '.post_body, #endText, .post_text',
    clutterSelectors: [
      '.post_btmshare',
      '.post_statement',
      '.ep-source',
      '.ep-editor',
      '.gg200x300',
      '.otitle',
      '.post_topshare_wrap',
      ...CHINESE_NEWS_CLUTTER,
    ],
  },
  {
    pattern: 'sohu.com',
    contentSelector: 'article.article, #mp-editor, .article-text',
    clutterSelectors: ['#backsohucom', '.backword', '.statement', '.lookall-box'],
  },
  {
    pattern: 'thepaper.cn',
    contentSelector: '[class*="cententWrap"], .news_txt, .index_cententWrap__Jv8jK',
    clutterSelectors: ['[class*="shareBox"]', '[class*="copyright"]', '.news_editor'],
  },
  {
    pattern: 'caixin.com',
    contentSelector: '#Main_Content_Val, .textbox',
    clutterSelectors: ['.pip', '.hot_news', '.moreArticle', '.f_ad', '.caixin-share'],
  },
  { pattern: 'bbc.co.uk', ...BBC_NEWS },
  { pattern: 'bbc.com', ...BBC_NEWS },
  {
    pattern: 'nytimes.com',
    contentSelector: 'section[name="articleBody"], #story .StoryBodyCompanionColumn',
    clutterSelectors: [
      '[id^="story-ad-"]',
      '[data-testid="inline-message"]',
      '[data-testid="brand-bar"]',
      '.bottom-of-article',
      '[id^="NYT_BELOW_MAIN_CONTENT"]',
    ],
  },
  {
    pattern: 'theguardian.com',
    contentSelector: '#maincontent, [data-gu-name="body"], .article-body-commercial-selector',
    clutterSelectors: [
      '[data-gu-name="onwards"]',
      '.submeta',
      '.ad-slot',
      '[data-component="rich-link"]',
      'gu-island[name="SlotBodyEnd"]',
    ],
  },
  {
    pattern: 'reuters.com',
    contentSelector:
      '[data-testid="ArticleBody"], .article-body__content__17Yit, .StandardArticleBody_body',
    clutterSelectors: [
      '[data-testid="Toast"]',
      '[class*="read-next"]',
      '[class*="article-body__element__"] [class*="ad-slot"]',
      '[data-testid="SignOff"]',
    ],
  },
  {
    pattern: 'medium.com',
    contentSelector: 'article section, article',
    clutterSelectors: [
      '[data-testid="headerClapButton"]',
      '[data-testid="audioPlayButton"]',
      '[aria-label="responses"]',
      '.pw-multi-vote-count',
    ],
  },
  {
    pattern: 'substack.com',
    contentSelector: '.available-content .body.markup, .body.markup',
    clutterSelectors: [
      '.subscription-widget-wrap',
      '.subscription-widget-wrap-editor',
      '.share-dialog',
      '.post-footer',
      '.button-wrapper',
      '.captioned-button-wrap',
    ],
  },
];

/** `www.news.sina.com.cn` → true for `sina.com.cn`, `*.sina.com.cn` and `news.sina.com.cn`. */
function hostMatches(host: string, pattern: string): boolean {
  const wanted = pattern.replace(/^\*\./, '').toLowerCase();
  return host === wanted || host.endsWith(`.${wanted}`);
}

function ruleMatches(rule: ExtractionRule, url: URL): boolean {
  const pattern = rule.pattern.trim().replace(/^[a-z]+:\/\//i, '');
  if (!pattern) return false;
  const slash = pattern.indexOf('/');
  const hostPart = slash === -1 ? pattern : pattern.slice(0, slash);
  const pathPart = slash === -1 ? '' : pattern.slice(slash);
  return hostMatches(url.hostname.toLowerCase(), hostPart) && url.pathname.startsWith(pathPart);
}

function parseUrl(value: string | null | undefined): URL | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * The rules for a page, the user's first: those matching the tab's URL or the page's canonical
 * URL (a saved copy or a mirror still names its origin there).
 */
export function matchExtractionRules(
  urls: readonly (string | null | undefined)[],
  extraRules: readonly ExtractionRule[] = [],
): ExtractionRule[] {
  const parsed = urls.map(parseUrl).filter((url): url is URL => url !== null);
  if (!parsed.length) return [];
  return [...extraRules, ...BUILT_IN_SITE_RULES].filter((rule) =>
    parsed.some((url) => ruleMatches(rule, url)),
  );
}

/** True when the selector parses; a user's broken selector must not break the clip. */
export function isUsableSelector(doc: Document, selector: string | undefined): selector is string {
  if (!selector?.trim()) return false;
  try {
    doc.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}
