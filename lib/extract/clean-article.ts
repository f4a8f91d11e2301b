/**
 * Clean-up of the extracted article: the boilerplate news sites leave around and inside the
 * story — share bars, "related" lists, editor, source and copyright lines, date and byline lines,
 * photo credits, comment boxes, stock-quote boxes — found by structure (class and id names, link
 * density, position) and by wording, in Chinese and English.
 *
 * The article is read as lines (see `segments.ts`). Lines are removed
 * - anywhere, when their wording is unmistakably boilerplate (a "责任编辑：" or "Photo: AP" line);
 * - after a closing marker ("相关新闻", "Related articles", "网友评论") in the last part of the text,
 *   together with everything that follows it;
 * - at the two ends, while they look like page furniture (links, dates, bylines, labels), up to
 *   the first line that reads like article text.
 */

import { elementsWhere } from './element-walk';
import { removeSegment, segmentsOf, type Segment } from './segments';
import { toSimplified } from './simplified';

export interface CleanOptions {
  /** The article's title: a heading repeating it at the top is dropped (it is in the metadata). */
  title?: string;
}

// ---------------------------------------------------------------------------------------------
// By structure

/** Class or id tokens of blocks that are never the story (whole tokens: `share-bar`, not `shared`). */
const CLUTTER_NAME =
  /^(?:share|sharing|social|sharebar|share-?(?:bar|box|buttons?|tools|links|wrap|this)|social-?(?:share|links|icons|media)|bdshare.*|jiathis.*|addthis.*|declare|disclaimer|statement|copyright|res-edit|editor(?:-?name)?|article-editor|related|related-?(?:posts?|articles?|news|stories|links|content)|recommend(?:ed|ations?)?|comments?|comment-?(?:list|area|section|box|form)|newsletter|subscribe|advert(?:isement)?|ads?|ad-?(?:slot|container|wrapper|unit|banner)|sponsored|byline|dateline|post-?meta|entry-?meta|article-?meta|meta-?info|tags|tag-?list|post-?tags|article-?tags|breadcrumbs?|author-?(?:bio|box|info|card)|about-?author|print|toolbar|pagination|pager|qrcode|erweima|stock-?(?:quote|box|chart)|quote-?box|hq-?box)$/i;

/** The author's box named as part of a longer name: `dice-author-bio-text`, `blog-authorbox-content`. */
const AUTHOR_BOX_PART = /(?:^|[-_])author[-_]?(?:bio|box)(?:[-_]|$)/i;

/** Stock-quote boxes and charts that finance sites put into the story. */
const STOCK_LINK =
  /^https?:\/\/(?:quote|stockpage|finance\.sina\.com\.cn\/realstock|gu\.qq\.com)[./]/i;

function isClutterByName(element: Element): boolean {
  const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
  if (!names.trim()) return false;
  if (
    !names
      .split(/\s+/)
      .some((token) => token && (CLUTTER_NAME.test(token) || AUTHOR_BOX_PART.test(token)))
  )
    return false;
  // A long block is the story itself, whatever its class says; a story's lead in a "dateline"
  // element is the story's first words.
  const text = element.textContent ?? '';
  return text.length <= 1_000 && !isStoryLead(toSimplified(text.trim()));
}

/** A link to a stock quote page wrapping only an image (a price chart), or a table of prices. */
function isStockQuote(element: Element): boolean {
  if (element.tagName === 'A') {
    return (
      STOCK_LINK.test(element.getAttribute('href') ?? '') &&
      !(element.textContent ?? '').trim() &&
      Boolean(element.querySelector('img'))
    );
  }
  if (element.tagName === 'TABLE') {
    const text = element.textContent ?? '';
    return text.length < 600 && /最新价|涨跌幅|涨跌额|成交量|成交额|Last Price|% Change/.test(text);
  }
  return false;
}

/**
 * Captions and credits of pictures: the clip keeps the picture, not the lines about it (article
 * benchmarks' gold text leaves them out too). `figcaption`, or a class naming a caption or credit.
 */
const CAPTION_NAME =
  /^(?:wp-caption-text|(?:image|img|photo|picture|media|figure|gallery|inline|slide|article)?[-_]?caption(?:[-_]?(?:text|body|wrapper|container|content|full|truncated|remote))?|(?:photo|image|img|picture|media)?[-_]?credits?)$/i;

/**
 * A caption that tells part of the story in sentences of its own ("1月17日下午4时30分，京港澳高速…
 * 发生一起交通事故，…"): Chinese papers put the news into the picture's caption.
 */
function isNarrativeCaption(text: string): boolean {
  const compact = text.replace(/\s+/g, '');
  return CJK.test(compact) && compact.length >= 40 && /[，。；]/.test(compact);
}

/**
 * A caption that tells something in sentences of its own — 25 words or more, not a name and a
 * credit — belongs to the story, as other clippers keep it. (25: measured on the corpus, 20 kept
 * too many credits' captions that benchmarks leave out, 30 lost those Readability keeps.)
 */
function isDescriptiveCaption(text: string): boolean {
  return (
    !CJK.test(text) && text.trim().split(/\s+/).length >= 25 && /[.!?]["'”’)]?\s/.test(`${text} `)
  );
}

/**
 * A caption that shows its text twice — a gallery's full and shortened views of one caption
 * ("caption-full", "caption-truncated") — is the gallery's widget, however well it describes.
 * (`text` with runs of white space collapsed.)
 */
function showsTextTwice(text: string): boolean {
  const opening = text.slice(0, 60);
  return opening.length === 60 && text.indexOf(opening, 1) > 0;
}

function isCaption(element: Element): boolean {
  // Measured without the page's indentation, which templates pad captions with.
  const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
  if ((isNarrativeCaption(text) || isDescriptiveCaption(text)) && !showsTextTwice(text))
    return false;
  if (element.tagName === 'FIGCAPTION') return true;
  const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
  return (
    names.split(/\s+/).some((token) => token && CAPTION_NAME.test(token)) && text.length <= 600
  );
}

/** Microdata of an article of its own: `itemtype="https://schema.org/NewsArticle"`, `BlogPosting`. */
const ARTICLE_ITEM = /schema\.org\/\w*(?:Article|Posting)$/i;

function isArticleItem(element: Element): boolean {
  return ARTICLE_ITEM.test(element.getAttribute('itemtype')?.trim() ?? '');
}

/**
 * A card of another article in a list of them (courses, "more news"): items marked up as articles
 * of their own, two or more side by side, each short. The story's own wrapper is never one of a row.
 */
function isTeaserCard(element: Element, container: Element, rows: Set<Element>): boolean {
  if (element === container || !isArticleItem(element)) return false;
  if ((element.textContent ?? '').length > 800) return false;
  const parent = element.parentElement;
  if (!parent) return false;
  // (Counted once per row: the cards before this one may be gone already.)
  if (rows.has(parent)) return true;
  let items = 0;
  for (const sibling of parent.children) if (isArticleItem(sibling)) items += 1;
  if (items < 2) return false;
  rows.add(parent);
  return true;
}

/** `[class], [id], [itemtype], a[href], table, figcaption`, walked (selector engines are slow in jsdom). */
function isStructureCandidate(element: Element): boolean {
  const name = element.localName;
  return (
    element.hasAttribute('class') ||
    element.hasAttribute('itemtype') ||
    element.hasAttribute('id') ||
    (name === 'a' && element.hasAttribute('href')) ||
    name === 'table' ||
    name === 'figcaption'
  );
}

function removeByStructure(container: Element): void {
  const cardRows = new Set<Element>();
  for (const element of elementsWhere(container, isStructureCandidate)) {
    // (Readability's article is not in a document: `isConnected` cannot tell what was removed.)
    if (!container.contains(element)) continue;
    if (
      isClutterByName(element) ||
      isStockQuote(element) ||
      isCaption(element) ||
      isTeaserCard(element, container, cardRows)
    )
      element.remove();
  }
}

// ---------------------------------------------------------------------------------------------
// By wording (Chinese patterns are written in simplified characters; lines are matched after
// mapping traditional characters to simplified ones)

/** Labels that open a boilerplate line: "责任编辑：X", "[编辑：X]", "来源：X", "Photo: X". */
const LABEL_LINE = new RegExp(
  String.raw`^[\[【(（<《]?\s*(?:` +
    [
      '责任编辑|责编|编辑|本文编辑|编审|审核|审校|校对|实习编辑|值班编辑|主编|监制|策划|统筹|制作|作者|撰文|文|记者|通讯员|实习生',
      '来源|稿源|出处|原标题|原文标题|原文链接|原文|文章来源|本文来源|新闻来源|图片来源|图源|图片|图|摄影|摄|供图|视频',
      '发布时间|发布日期|发表时间|发表日期|更新时间|更新日期|时间|日期|浏览|浏览次数|阅读|阅读数|点击|点击数|人气|字号|字体|调整字体|编号',
      '分享|分享到|转发|关键词|关键字|标签|Tags?|Keywords|Filed under|Topics?|Categories|Category|Posted in',
      '声明|免责声明|郑重声明|版权声明|特别声明|风险提示',
      'Photo(?:graph)?s?|Images?|Pictures?|Video|Credits?|Image credit|Photo credit|Source|Sources|Via|Caption',
      'Editor|Edited by|Editing by|Reporting by|Additional reporting by|Written by|Compiled by|Contact|Email',
      'Updated|Published|Posted|Last updated|First published|Originally published',
    ].join('|') +
    String.raw`)\s*[\]】)）>》]?\s*[:：︰]`,
  'i',
);

/** Lines that are boilerplate whole: furniture labels, share and comment widgets, pagers. */
const WHOLE_LINE = new RegExp(
  String.raw`^(?:` +
    [
      '分享到?|分享至|转发|转寄|引用|收藏|打印|打印本页|关闭|关闭窗口|返回|返回顶部|返回首页|顶部|上一篇|下一篇|上一页|下一页|首页|尾页|更多|查看更多|点击查看|展开全文|全文|阅读全文|阅读原文',
      '相关|相关阅读|相关新闻|相关文章|相关链接|相关报道|相关专题|相关推荐|推荐阅读|延伸阅读|热门推荐|热门文章|热点新闻|猜你喜欢|为你推荐|精彩推荐|更多精彩|今日推荐|编辑推荐|热门|热点|排行|排行榜|专题|头条要闻|要闻|留言板|会员|历史查询',
      '网友评论|评论|发表评论|我要评论|欢迎发表评论|查看评论|跟贴|跟帖|我来说两句|马上发表|参与讨论|已有\\d+人参与|有\\d+人参与',
      '手机看新闻|手机看|手机版|扫一扫|扫码|二维码|微信|微博|QQ空间|朋友圈|新浪微博|腾讯微博',
      '字号|字型|大|中|小|大 中 小|预设|默认|最小字型|最大字型|字号[:：]?\\s*大\\s*中\\s*小|T\\s*[|｜]\\s*T',
      '[\\u3400-\\u9fff]{1,4}\\s*[(（]\\d+[)）]',
      'Share|Share this|Share this (?:article|story|post|page)|Tweet|Email|Print|Comments?|\\d+ [Cc]omments?|Leave a (?:comment|reply)|Reply|Subscribe|Sign up|Sign in|Log in|Register',
      'Related|Related (?:articles|stories|posts|content|coverage|news|links|reading|topics)|More (?:stories|articles|news)|Recommended|Recommended (?:for you|articles|stories)|You (?:may|might) also like|Read (?:more|next|also)|See also|Also read|Most (?:popular|read)|Trending|Popular',
      'Advertisement|Advertising|Sponsored|Sponsored content|Ad|Ads|Promoted|Continue reading|(?:Story|Article) continues below|Scroll to continue',
      'Learn more|Find out more|View all|See all|Show all|Get a (?:free )?quote|Request a quote|Show caption|Hide caption',
      'Image|Images|Photo|Photos|Caption|Close|Open|Expand|Enlarge|Enlarge (?:image|photo)|Next|Previous|Prev|Back|Menu|Skip|Play|Pause|Loading|View (?:gallery|photos|slideshow|comments)',
      'Email the author|Email this|Order reprints|Reprints|Print article|Print this|Text size|Font size|Listen to (?:this )?(?:article|story)|Save|Saved|Copy link|Gift (?:this )?article',
      'AP|AFP|Reuters|Getty Images|EPA|Bloomberg|Shutterstock|Xinhua|Associated Press|File photo',
      'Breaking News Emails|Newsletter|Newsletters|Sign up for our newsletter',
      'Tags|Topics|Filed under|Categories',
    ].join('|') +
    String.raw`)\s*[:：︰>»›|]*$`,
  'i',
);

/** Notices, however long: disclaimers, reprint and copyright lines, comment-box notices. */
const NOTICE = [
  /^[\s•·*【[（(]*(?:凡注明|本网|本站|本报|本文|本平台|网易|新浪|搜狐|腾讯|凤凰网|中新网|东方财富网|[\u3400-\u9fff]{1,6}网)[^。]{0,40}(?:转载|声明)[^。]{0,60}(?:不代表|立场|观点|目的|不表明)/,
  /不代表本(?:网|站|报|平台|刊)(?:的)?(?:观点|立场)|仅代表作者本人观点|版权(?:归|属)[^。]{0,20}所有|未经[^。，]{0,10}(?:授权|许可|同意)[^。，]{0,8}(?:转载|复制|摘编|转贴|镜像)|转载请注明|如有侵权|侵权必究/,
  /^(?:©|\(c\)|copyright\b)|all rights reserved|版权所有/i,
  /^[【[（(]?\s*(?:郑重声明|免责声明|特别声明|版权声明|法律声明|风险提示|投资提示)\s*[】\]）)]?\s*[:：]/,
  /(?:出于|为)传递更多信息之?目的|并不意味着赞同其观点/,
  /与本(?:站|网|报|平台)立场无关|不构成(?:任何)?投资建议|据此操作[，,]?\s*风险自担|投资有风险[，,]?\s*入市需谨慎/,
  /(?:发表跟贴|跟贴读取中|网友评论仅供|评论仅代表网友|文明上网|理性发言)/,
  /\b(?:affiliate|referral) links?\b|\bmay (?:earn|receive) (?:a )?(?:small )?commission|\bwe (?:earn|get) (?:a )?commission/i,
];

/** A picture credit ending a line: "… (AP)", "… | Getty Images". */
const TRAILING_CREDIT =
  /(?:[|/]\s*|\(\s*)(?:AP|AFP|Reuters|Getty Images?|EPA|Bloomberg|Shutterstock|iStock|Alamy|Xinhua)(?:\s*(?:Photo|Images?|file|via Getty Images))?[/,\w .]{0,30}\)?\s*$/;

/** A picture credit ending a Chinese line: "…（中国台湾网 王怡然 摄）", "（资料照，记者杨菁菁摄）". */
const CJK_CREDIT = /[（(][^()（）]{0,16}(?:摄|供图|图片来源)[^()（）]{0,6}[)）]\s*$/;

/**
 * A news agency's picture credit ending a line: "…新华社发", "（新华社记者张三摄）", "…本报记者 郭立亮 摄"
 * (the name set apart by spaces).
 */
const AGENCY_CREDIT =
  /(?:新华社|中新社|人民网|本报|视觉中国|东方IC|IC photo)(?:\s?[\u3400-\u9fff]){0,6}\s?(?:发|摄|供图)[)）]?$/i;

/** Prompts and widget text, in short lines only: sign-up and follow prompts, pagers, counters. */
const PROMPT = [
  /^(?:sign up|subscribe|join|follow|like us|download|get|click|tap|don't miss|never miss)\b.{0,200}\b(?:newsletter|inbox|twitter|facebook|instagram|linkedin|youtube|forums?|podcast|our app|the app|app store|google play|here|updates)\b/i,
  /\b(?:clicking|click) here\b/i,
  /\b(?:book|schedule|request)\s+(?:a|your)\s+(?:free\s+)?(?:[\w-]+\s+){0,2}demo\b/i,
  /^(?:email|contact) [A-Z][\w.-]* [A-Z][\w.-]* at\b/i,
  /(?:登录后可|立即体验|同步到微博|请您对该文章评分|人已评)/,
  /您是本文第\s*\d+\s*(?:个|位)|(?:阅读|浏览|点击)(?:次数|数|量)?\s*[:：(（]?\s*\d+\s*[)）]?\s*次?$/,
  /(?:点击|扫描|扫码|长按|识别)[^。，]{0,12}(?:二维码|关注|下载|进入|查看|订阅)/,
  /(?:facebook|twitter|微博|微信)\s*(?:专页|公众号|账号)|关注我们|加入我们|欢迎(?:收听|选购|订阅|关注)/i,
  /^[（(]?(?:完|本文完|全文完|end)[）)]?$/i,
  // The editor's credit closing a story: "(陈巍 编辑)", "（李艳 撰稿）", "(编辑：张三)", "（文/赵勇）".
  /^[（(]\s*[\u3400-\u9fff]{2,4}(?:[\s、,，]+[\u3400-\u9fff]{2,4}){0,2}\s*(?:编辑|责编|编译|撰稿|整理|校对|审校|审核|综合|综编)\s*[)）]$/,
  /^[（(]\s*(?:责任编辑|编辑|责编|编译|撰稿|整理|校对|审校|审核|文|作者)\s*[:：/／]\s*[\u3400-\u9fff]{2,4}(?:[\s、,，]+[\u3400-\u9fff]{2,4}){0,2}\s*[)）]$/,
  // The source alone in brackets: "（证券时报网快讯中心）", "(中新网)".
  /^[（(][\u3400-\u9fff]{2,12}(?:网|社|报|台|中心|频道)[)）]$/,
  // "更多精彩内容请进入健康频道 >>": the site's pointer to its channel.
  /^更多(?:精彩|详细|相关)?(?:内容|资讯|新闻|报道|信息)?[，,]?\s*(?:请|敬请)?(?:进入|访问|点击|登录|关注|尽在|请看)/,
  /^\d+\s*of\s*\d+(?=\D|$)/i,
  /^(?:related|read more|see also|also read|read also|more|watch|listen|recommended|most read|trending)\s*:/i,
  /\b(?:may|can) be reached at\b|\bfollow (?:him|her|them|us|me) on\b|\bhave a (?:news )?tip\b/i,
  /^subscribe to\b|\bnews alerts\b|\bdelivered (?:daily|weekly|weekday|every)\b|\bto your inbox\b/i,
  /\bcontributed to this (?:report|story|article)\.?$/i,
  /^(?:资料图|资料照片)[:：]/,
  /^(?:电话|传真|热线|联系电话|新闻热线|报料热线)\s*[:：]\s*[\d(（+][\d\s()（）+-]{6,}/,
  AGENCY_CREDIT,
  /^\(?\s*[A-Z][A-Z .'-]+\s*\/\s*[A-Z][A-Z .'-]+\)?$/,
  /^(?:image|photo|picture|slide|gallery)s?\s*\d+\s*(?:of|\/)?\s*\/?\s*\d*$/i,
  /\b(?:sign up|subscribe)\b.{0,120}\b(?:newsletter|inbox|e-?mails?|alerts|free|today|now)\b|\byour inbox\b|\bnewsletter\b.{0,80}\b(?:sign up|subscribe|free|daily|weekly|delivered)\b/i,
  TRAILING_CREDIT,
  /^(?:https?:\/\/|www\.)\S+$/i,
  /^\(?(?:image|photo|picture|credit)s?\s*(?:credit)?\s*[:：]?\s*©/i,
  CJK_CREDIT,
  /第\s*\d+\s*页\s*[/／]\s*共\s*\d+\s*页|上一页\s*[|｜]?\s*下一页|[[【](?:详情|详细|全文|更多)[\]】]|\(\d+票\)|（\d+票）/,
];

const DATE =
  /(?:\b\d{1,2}[/.]\d{1,2}[/.]\d{4}\b|\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}\s*月\s*\d{1,2}\s*日|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{4}|\b\d{1,2}[:：]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)?|\b\d+\s+(?:minutes?|hours?|days?|weeks?)\s+ago\b|(?:segunda|terça|quarta|quinta|sexta)-feira|\b\d{1,2}\s+de\s+[a-zç]+\s+de\s+\d{4})/i;

/** A line that starts with a date or time: a dateline ("2012-01-17 20:36 来源：…", "Updated 5:27 am"). */
const DATELINE_START = new RegExp(
  String.raw`^[\[【(（]?\s*(?:updated|published|posted|last updated|first published|发布|发表|更新)?\s*[:：]?\s*(?:${DATE.source})`,
  'i',
);

/**
 * The lead of a news story — where, when and by whom it was filed: "本报讯（记者 张三）",
 * "新华社北京1月11日电", "【本台记者2024年3月5日讯】", "中央社记者王小明台北5日电", "(Reuters) -",
 * "WASHINGTON (AP) —". It looks like a byline or a date line, but it is the story's first words:
 * readers, Readability and benchmark gold keep it. (Simplified text.)
 */
const STORY_LEAD = new RegExp(
  [
    String.raw`^[【\[（(]?\s*本(?:报|刊|台|网|站)[^，。！？】\]]{0,30}?(?:讯|电)(?![话视脑子影力器池梯])`,
    String.raw`^[【\[（(]?\s*(?:[A-Z]{2,6})?[\u3400-\u9fff]{1,8}(?:社|网|台|报|站|新闻)[^，。！？】\]]{0,30}?(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*(?:电|讯|消息|报道|报导)`,
    String.raw`^[【\[][^】\]]{0,30}(?:讯|电)\s*[】\]]`,
    String.raw`^(?:[A-Z][A-Za-z .,'-]{0,40}\s)?\((?:Reuters|AP|AFP|Bloomberg|UPI|CNN|Xinhua|dpa|Kyodo)\)\s*[-–—]`,
  ].join('|'),
);

export function isStoryLead(text: string): boolean {
  return STORY_LEAD.test(text);
}

/** A byline: "By Jane Doe", "By JANE DOE and JOHN ROE", "文/张三", "光明日报记者 王建宏 张文攀". */
const BYLINE =
  /^(?:by|von|par|por|di)\s+[\p{Lu}][\p{L}'’.-]*(?:\s+[\p{Lu}][\p{L}'’.-]*){0,4}(?:\s*(?:,|and|&)\s*[\p{Lu}][\p{L}'’.-]*(?:\s+[\p{Lu}][\p{L}'’.-]*){0,4})*(?:\s*[,|·–—-]\s*.{0,60})?$|^[\u3400-\u9fff]{0,8}(?:文|图|记者|通讯员|特约记者|实习记者|实习生)\s*[/／|｜:：]?\s*[\u3400-\u9fff]{2,4}(?:[\s、,，]+[\u3400-\u9fff]{2,4}){0,3}\s*(?:报道|摄影|摄)?\s*$/u;

/** Markers after which the rest of the article is furniture: related lists, notices. */
const CLOSING_MARKER = new RegExp(
  String.raw`^[\[【(（|｜]?\s*(?:` +
    [
      '相关阅读|相关新闻|相关文章|相关链接|相关报道|相关推荐|推荐阅读|延伸阅读|热门推荐|热门文章|猜你喜欢|为你推荐|精彩推荐|更多精彩|更多相关|更多关于|更多阅读|幻灯欣赏|图片欣赏|精彩图片|图片推荐|热点图片|新闻排行|热点排行',
      '反侵权公告|版权声明|免责声明|郑重声明|特别声明|法律声明|版权说明',
      "Related|Related (?:articles|stories|posts|content|coverage|news|links|reading)|More (?:stories|articles|news|from [\\w ]{1,40})|More (?:[\\w’'-]+ ){1,4}(?:stories|articles|news|reads|reading)|Recommended(?: for you| articles| stories| reading)?|You (?:may|might) also like|Read next|Most (?:popular|read)|Trending(?: now| stories)?|About the author|About (?:the )?authors?|Author bio|Meet the author",
    ].join('|') +
    String.raw`)\s*[\]】)）]?\s*[:：>»›]*\s*$`,
  'i',
);

/** Markers of the comments: everything after them is readers', not the article's. */
const COMMENTS_MARKER = new RegExp(
  String.raw`^[\[【(（|｜]?\s*(?:` +
    [
      '网友评论|发表评论|我要评论|最新评论|热门评论|评论区|读者评论|已有\\d+条评论|共\\d+条评论|\\d+条评论|回复线索|所有回复|相关回复|最新回复|全部回复|跟贴|网友跟贴',
      'Comments?|\\d+ [Cc]omments?|Leave a (?:comment|reply)|Join the (?:conversation|discussion)|Reader comments|Responses?|\\d+ [Rr]esponses?',
    ].join('|') +
    String.raw`)\s*[\]】)）]?\s*[:：>»›]*\s*$`,
  'i',
);

/**
 * "责任编辑：张三", "来源：新华社", "Photo: AP": a label and a short value. "记者：你们的工厂在哪？" (an
 * interview question) is a sentence, not a label line.
 */
function isLabelLine(text: string): boolean {
  const match = LABEL_LINE.exec(text);
  if (!match) return false;
  const value = text.slice(match[0].length).trim();
  if (CJK.test(value)) return value.length <= 40 && !/[。？！?!，,；;]/.test(value);
  return (
    value.length <= 160 &&
    !/[.?!]["”’]?$/.test(value.replace(/\b(?:[A-Z]|Jr|Sr|Inc|Ltd|Co)\.$/, ''))
  );
}

/** A gallery counter or page number ("1", "3 / 12") at the edges, unless a table cell or list item. */
const COUNTER = /^[\d\s/|·•-]{1,7}$/;

function inCell(segment: Segment): boolean {
  return Boolean(segment.block.closest('td, th, li, dd, dt, pre, code'));
}

/** `text` is simplified already. */
function isBoilerplateText(text: string, segment?: Segment): boolean {
  if (text.length > 400) return false;
  if (WHOLE_LINE.test(text)) return !segment || !inCell(segment) || text.length > 2;
  if (isLabelLine(text)) return true;
  if (NOTICE.some((pattern) => pattern.test(text))) return true;
  return (
    text.length <= (CJK.test(text) ? 120 : 200) &&
    PROMPT.some((pattern) => pattern.test(text)) &&
    !(TRAILING_CREDIT.test(text) && isDescriptiveCaption(text.replace(TRAILING_CREDIT, ''))) &&
    !(CJK_CREDIT.test(text) && isNarrativeCaption(text.replace(CJK_CREDIT, ''))) &&
    !(AGENCY_CREDIT.test(text) && isNarrativeCaption(text.replace(AGENCY_CREDIT, '')))
  );
}

/**
 * A web address, a counter of reads or comments ("阅读:3727", "评论：63", "1,024 views"), the
 * source named by a label ("来源： 深圳新闻网") or the font-size buttons ("【字号：大 中 小】").
 */
const FURNITURE_BESIDE_DATE = new RegExp(
  [
    String.raw`(?:https?:\/\/|www\.)\S+`,
    String.raw`(?:阅读|浏览|评论|点击|回复|人气)(?:数|量|次数)?\s*[:：(（]?\s*\d[\d,]*\s*[)）]?`,
    String.raw`\b\d[\d,]*\s+(?:views?|comments?|replies)\b|\b(?:views?|comments?|replies)\s*[:：]\s*\d[\d,]*`,
    String.raw`(?:来源|稿源|出处)\s*[:：]\s*[^\s【\[|｜]{1,20}`,
    String.raw`[【\[]?\s*(?:字号|字体|字级)\s*[:：]?\s*大\s*中\s*小\s*[】\]]?`,
  ].join('|'),
  'gi',
);

/** Mostly a date: the date and a few labels ("Nov. 20, 2019 Updated: Nov. 20, 2019 1:35 a.m."). */
function isMostlyDate(line: string): boolean {
  if (line.length > 120 || !DATE.test(line)) return false;
  // The site's address and the post's counters around a date are furniture too
  // ("http://www.sina.com.cn 2012年01月12日15:57", "发表于 2004年12月27日 12:40 - (阅读:3727;评论:63)").
  const text = line.replace(FURNITURE_BESIDE_DATE, ' ').trim();
  const withoutDates = text.replace(new RegExp(DATE.source, 'gi'), '');
  return (
    withoutDates.length < text.length * 0.5 && withoutDates.replace(/[\W\d_]+/gu, '').length < 30
  );
}

function isDateline(text: string): boolean {
  if (text.length > 120) return false;
  return DATELINE_START.test(text) || isMostlyDate(text);
}

/** An author's bio under the story: "Jane Doe is a freelance writer living in Minneapolis." */
const AUTHOR_BIO =
  /^[\p{Lu}][\p{L}'’.-]+(?: [\p{Lu}][\p{L}'’.-]+){0,3} (?:is|was) (?:a|an|the|our)\b.{0,120}\b(?:writer|editor|reporter|journalist|correspondent|contributor|author|columnist|freelancer|producer|critic|blogger)\b/u;

function isByline(text: string): boolean {
  return text.length <= 100 && BYLINE.test(text);
}

// ---------------------------------------------------------------------------------------------
// Lines

const SENTENCE_END = /[.!?。！？…"”’」』)）]$/;
const CJK = /[\u3400-\u9fff\u3040-\u30ff]/;
/** Japanese: the caption-line rule below was made for Chinese pages. */
const KANA = /[\u3040-\u30ff]/;

/** "1、香港", "(3) ...", "• item", "一、…": a numbered or bulleted line of an enumeration. */
const ENUMERATION =
  /^(?:\d{1,3}\s*[、.)）]|[（(]\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*[)）]|[一二三四五六七八九十]{1,3}\s*、|[•·●▪■◆◇○-]\s)/;

/** A line with what the rules need to know about it, worked out once. */
interface Line {
  segment: Segment;
  /** Text with traditional characters mapped to simplified ones. */
  text: string;
  chars: number;
  boilerplate: boolean;
  prose: boolean;
  linky: boolean;
  /** The story's lead ("新华社北京1月11日电"): story text, whatever it looks like. */
  lead: boolean;
}

const WEB_ADDRESS = /(?:https?:\/\/|www\.)[\w./?=&%#:~+-]+/gi;

const BRACKETED = /^[（(【[〔][^（()）【】[\]〔〕]+[)）】\]〕]$/;

/** Reads like article text: long enough, a full sentence, or an item of a numbered list. */
function isProse(segment: Segment): boolean {
  if (segment.linkChars > segment.chars * 0.5) return false;
  const { text } = segment;
  if (ENUMERATION.test(text)) return true;
  if (CJK.test(text)) {
    // A line wholly in brackets ends like a sentence but is a label or a credit ("（即時新聞）",
    // "(福州晚報記者 林安鎮 實習生 黃衛平 文/攝)"), unless a sentence ends inside it.
    if (BRACKETED.test(text) && !/[。！？!?]/.test(text)) return false;
    // Long, or a piece of a sentence (hard-wrapped text breaks lines mid-sentence). A web address
    // is not words: "http://www.sina.com.cn 2012年01月12日15:57 凤凰网" is a date line.
    const chars = segment.chars - (text.match(WEB_ADDRESS) ?? []).join('').length;
    if (chars >= 40 || (chars >= 15 && /[，。；！？、“”]/.test(text))) return true;
  } else if (text.split(' ').length >= 12) return true;
  return (
    SENTENCE_END.test(text) && (CJK.test(text) ? segment.chars >= 6 : text.split(' ').length >= 5)
  );
}

function toLine(segment: Segment): Line {
  const text = toSimplified(segment.text);
  const linky = segment.chars > 0 && segment.linkChars >= segment.chars * 0.6;
  const lead = !linky && isStoryLead(text);
  const boilerplate = !lead && segment.chars > 0 && isBoilerplateText(text, segment);
  return {
    segment,
    text,
    chars: segment.chars,
    boilerplate,
    prose: lead || (!boilerplate && isProse(segment)),
    linky,
    lead,
  };
}

/** A line's media is a picture, not an icon or a spacer (by its width, when the page gives it). */
function isPicture(segment: Segment): boolean {
  for (const node of segment.nodes) {
    if (node.nodeType !== 1) continue;
    const element = node as Element;
    const image = element.tagName === 'IMG' ? element : element.querySelector('img');
    if (!image) return true;
    const width = Number.parseInt(image.getAttribute('width') ?? '', 10);
    return Number.isNaN(width) || width >= 150;
  }
  return true;
}

/** The whole line is bold: a subheading set in `<strong>`, not a caption. */
function isBold(segment: Segment): boolean {
  const elements = segment.nodes.filter((node) => node.nodeType === 1) as Element[];
  const textOutside = segment.nodes.some(
    (node) => node.nodeType === 3 && (node.nodeValue ?? '').trim(),
  );
  return (
    !textOutside &&
    elements.length > 0 &&
    elements.every(
      (element) => /^(?:STRONG|B)$/.test(element.tagName) || !element.textContent?.trim(),
    )
  );
}

function squash(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

const WORDS = /[\p{L}\p{N}]+/gu;

/**
 * The headline again: the title's text, or (a heading) a shorter form of it — every word of it in
 * the title ("Breaking: storm" under the title "Breaking: storm hits the coast | Site"), or for
 * Chinese a run of the title's characters.
 */
function repeatsTitle(line: Line, title: string | undefined): boolean {
  if (!title) return false;
  const text = squash(line.segment.text);
  const wanted = squash(title);
  if (!text) return false;
  if (text === wanted) return true;
  if (text.length >= 8 && wanted.startsWith(text) && text.length >= wanted.length * 0.8)
    return true;
  if (!line.segment.heading) return false;
  if (CJK.test(text)) return text.length >= 6 && wanted.includes(text);
  const words = line.segment.text.toLowerCase().match(WORDS) ?? [];
  const titleWords = new Set(title.toLowerCase().match(WORDS) ?? []);
  return words.length >= 2 && words.every((word) => titleWords.has(word));
}

/** A label in brackets on its own ("【新春走基层】", "（即时新闻）"), or a breadcrumb. */
function isLabelOrCrumb(line: Line): boolean {
  const { text } = line;
  if (/^[【[（(〔][^】\]）)〕]{1,14}[】\]）)〕]$/.test(text)) return true;
  return /^(?:您现在的位置|当前位置|你的位置|位置)\s*[:：]|(?:首页|home)\s*[>»›]|^[>»›]/i.test(
    text,
  );
}

/** A summary's label: "摘 要：", "【内容提要】", "核心提示：". */
const SUMMARY_LABEL =
  /^[【[]?\s*(?:摘\s*要|内容摘要|内容提要|提\s*要|导\s*读|导\s*语|核心提示)\s*(?:[】\]]\s*[:：]?|[:：])\s*/;

/**
 * A summary the story repeats word for word as its next paragraph ("摘 要：明天将上演月全食…"
 * over "明天将上演月全食…"): the same text twice, the first time with a label.
 */
function repeatsNextParagraph(line: Line, following: readonly Line[]): boolean {
  const label = SUMMARY_LABEL.exec(line.text);
  if (!label || line.segment.heading) return false;
  const summary = squash(line.text.slice(label[0].length));
  const next = following.find((other) => other.chars);
  return summary.length >= 15 && next !== undefined && squash(next.text).includes(summary);
}

type Furniture = 'strong' | 'weak' | null;

/**
 * Furniture around the story: 'strong' for boilerplate wording, links, datelines, bylines,
 * labels and counters; 'weak' for any other short line that is not a sentence, a heading, a table
 * cell or a list item (a lone "Pittsburgh", "StockCar"; a run of them is judged by `trimEnd`);
 * null for article text.
 */
function furniture(line: Line): Furniture {
  if (!line.chars) return null;
  if (line.boilerplate || line.linky) return 'strong';
  if (line.chars <= 400 && AUTHOR_BIO.test(line.text)) return 'strong';
  if (line.prose) return null;
  if (isDateline(line.text) || isByline(line.text) || isLabelOrCrumb(line)) return 'strong';
  if (COUNTER.test(line.text))
    return inCell(line.segment) && /\d/.test(line.text) ? null : 'strong';
  return line.segment.heading || inCell(line.segment) ? null : 'weak';
}

/** Short enough for a lone label at the top ("Pittsburgh", "头条要闻"), not a subtitle. */
function isShortLabel(line: Line): boolean {
  return CJK.test(line.text) ? line.chars <= 10 : line.text.split(' ').length <= 3;
}

/**
 * Trims furniture off one end (`lines` runs from that end inwards), up to the first line of
 * article text. Three or more weak lines in a row followed by article text are a list of the
 * article's own (tour dates, recipe times): trimming stops there; followed by more furniture,
 * they are labels in a block of links, and go.
 */
function trimEnd(
  lines: readonly Line[],
  removed: Set<Line>,
  remove: (line: Line) => void,
  allowWeak: (line: Line) => boolean,
): void {
  const live = lines.filter((line) => !removed.has(line) && line.chars);
  for (const [index, line] of live.entries()) {
    const kind = furniture(line);
    if (!kind) break;
    if (kind === 'weak') {
      if (!allowWeak(line)) break;
      let end = index;
      const kindAt = (at: number) => {
        const other = live[at];
        return other ? furniture(other) : null;
      };
      while (end < live.length && kindAt(end) === 'weak') end += 1;
      if (end - index >= 3 && (end === live.length || !kindAt(end))) break;
    }
    remove(line);
  }
}

function charsOf(lines: readonly Line[]): number {
  return lines.reduce((sum, line) => sum + line.chars, 0);
}

/** The lines to remove (decided on the lines alone; nothing is removed yet). */
export function planRemovals(
  segments: readonly Segment[],
  title: string | undefined,
  reasons?: Map<Segment, string>,
): Set<Segment> {
  const lines = segments.map(toLine);
  const removed = new Set<Line>();
  const reasonOf = new Map<Line, string>();
  const remove = (line: Line, reason: string) => {
    if (removed.has(line)) return;
    removed.add(line);
    reasonOf.set(line, reason);
  };
  // Anywhere: boilerplate wording (not in headings), a line that is just a date ("Updated
  // 5:27 am CST…"), a headline of another story in capitals linked from inside this one.
  for (const line of lines) {
    if (!line.chars || line.segment.heading) continue;
    if (line.boilerplate) remove(line, 'wording');
    else if (
      (!line.prose || line.chars <= 40) &&
      !line.lead &&
      isMostlyDate(line.text) &&
      !inCell(line.segment)
    )
      remove(line, 'dateline');
    else if (
      line.segment.linkChars >= line.chars * 0.9 &&
      line.text.split(' ').length >= 3 &&
      !/\p{Ll}/u.test(line.text) &&
      /\p{Lu}/u.test(line.text)
    )
      remove(line, 'teaser');
  }
  for (const [index, line] of lines.entries())
    if (repeatsNextParagraph(line, lines.slice(index + 1))) remove(line, 'summary');
  // A short line under a picture is its caption (Chinese pages set captions as plain lines) —
  // unless such lines are much of the text: a photo essay tells its story that way. (A boilerplate
  // line under a picture, "点击进入专题 >>", goes for its wording and counts as no caption.)
  const captions = lines.filter((line, index) => {
    const previous = lines[index - 1];
    return (
      previous?.segment.media &&
      !previous.chars &&
      isPicture(previous.segment) &&
      CJK.test(line.text) &&
      !KANA.test(line.text) &&
      line.chars <= 40 &&
      !line.lead &&
      !line.boilerplate &&
      !/[。！？!?]$/.test(line.text) &&
      !line.segment.heading &&
      !isBold(line.segment)
    );
  });
  const allChars = charsOf(lines);
  if (charsOf(captions) < allChars * 0.15) for (const line of captions) remove(line, 'caption');
  // Runs of three or more link lines in the last part, or under a "Read more:" label: link lists
  // (a list of links higher up, unlabelled, may be the article's own list of sources).
  let before = 0;
  for (let start = 0; start < lines.length;) {
    let end = start;
    const linkyOrEmpty = (at: number) => {
      const line = lines[at];
      return Boolean(line && (line.linky || !line.chars));
    };
    while (end < lines.length && linkyOrEmpty(end)) end += 1;
    const run = lines.slice(start, end).filter((line) => line.linky);
    const previous = lines
      .slice(0, start)
      .reverse()
      .find((line) => line.chars);
    const labelled = previous ? previous.boilerplate || CLOSING_MARKER.test(previous.text) : false;
    if (run.length >= 3 && (labelled || before >= allChars * 0.6))
      for (const line of run) remove(line, 'link run');
    for (const line of lines.slice(start, Math.max(end, start + 1))) before += line.chars;
    start = Math.max(end, start + 1);
  }
  let live = lines.filter((line) => !removed.has(line));
  const total = charsOf(live);
  // Comments start at their marker, after the story's first paragraphs.
  let prose = 0;
  for (const [index, line] of live.entries()) {
    const marker =
      COMMENTS_MARKER.test(line.text) || /^[^。！？!?]{1,30}的评论\s*[:：]$/.test(line.text);
    if (prose >= 150 && line.chars <= 30 && !line.linky && marker) {
      for (const rest of live.slice(index)) remove(rest, 'comments');
      break;
    }
    if (line.prose) prose += line.chars;
  }
  live = live.filter((line) => !removed.has(line));
  // A closing marker in the last part of the text ends the article (not when much more article
  // text follows: then it was a box inside the story). A marker gone for its wording ("相关阅读：")
  // still closes.
  const withMarkers = lines.filter(
    (line) =>
      !removed.has(line) || (reasonOf.get(line) === 'wording' && CLOSING_MARKER.test(line.text)),
  );
  let seen = 0;
  for (const [index, line] of withMarkers.entries()) {
    seen += line.chars;
    if (seen < total * 0.4 || line.chars > 40 || !CLOSING_MARKER.test(line.text)) continue;
    const rest = withMarkers.slice(index);
    const after = rest.filter((other) => other.prose).reduce((sum, other) => sum + other.chars, 0);
    if (after > (seen - line.chars) * 0.6) continue;
    for (const other of rest) remove(other, 'closing marker');
    break;
  }
  live = live.filter((line) => !removed.has(line));
  // The top, up to the first line of article text or heading (the headline repeated goes too).
  for (const line of live) {
    if (!line.chars) continue;
    if (repeatsTitle(line, title)) {
      remove(line, 'title');
      break;
    }
    if (line.prose) break;
  }
  trimEnd(live, removed, (line) => remove(line, 'top'), isShortLabel);
  // The bottom, up to the last line of article text.
  trimEnd(
    [...live].reverse(),
    removed,
    (line) => remove(line, 'bottom'),
    () => true,
  );
  // The rules of position (ends, link runs, captions) must not eat the story: when they would
  // take most of its text, they are wrong on this page and only the rules of wording stand.
  const positional = new Set(['top', 'bottom', 'link run', 'caption']);
  const why = (line: Line) => reasonOf.get(line) ?? '';
  const storyChars = charsOf(lines.filter((line) => line.prose));
  const lost = charsOf([...removed].filter((line) => line.prose && positional.has(why(line))));
  const kept =
    lost > storyChars * 0.5
      ? [...removed].filter((line) => !positional.has(why(line)))
      : [...removed];
  if (reasons) {
    reasons.clear();
    for (const line of kept) reasons.set(line.segment, why(line));
  }
  return new Set(kept.map((line) => line.segment));
}

/** Characters in the lines of `root` that read like article text (not furniture, not notices). */
export function proseChars(root: Element): number {
  let chars = 0;
  for (const segment of segmentsOf(root)) {
    const line = toLine(segment);
    if (line.prose) chars += line.chars;
  }
  return chars;
}

/** Removes boilerplate from the article container in place. */
export function cleanArticle(container: Element, options: CleanOptions = {}): void {
  removeByStructure(container);
  for (const segment of planRemovals(segmentsOf(container), options.title))
    removeSegment(segment, container);
}
