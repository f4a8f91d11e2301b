/**
 * Clean-up of Readability's output: the boilerplate news sites leave around the story —
 * share bars, editor and disclaimer lines, bylines repeated as text — found by structure
 * (class/id names) and by wording, in Chinese and English.
 */

const CLUTTER_NAME =
  /(^|[-_\s])(share|sharing|social|sharebar|share-bar|declare|disclaimer|copyright|res-edit|editor-name|related|recommend|comments?|newsletter|subscribe|advert|ad-slot|byline|dateline)([-_\s]|$)/i;

/** Whole blocks that are boilerplate when they start with these words. */
const CLUTTER_TEXT = [
  /^(郑重声明|免责声明|特别声明|声明[:：]|版权声明|责任编辑|编辑[:：]|分享到|相关阅读|相关新闻|推荐阅读|延伸阅读|原标题[:：]|打开.{0,6}APP)/,
  /^(share (this|on)|follow us|sign up for|subscribe to|related (stories|articles|coverage)|read more:|advertisement$|copyright ©|© \d{4})/i,
];

const BLOCK_SELECTOR = 'p, div, section, aside, footer, ul, ol, span, figure';

function isClutterByName(element: Element): boolean {
  // A long block is the story itself, whatever its class says.
  if ((element.textContent ?? '').length > 1_000) return false;
  const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
  return CLUTTER_NAME.test(names);
}

function isClutterByText(element: Element): boolean {
  const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
  // Long blocks are article text that happens to start with such a word.
  if (!text || text.length > 400) return false;
  return CLUTTER_TEXT.some((pattern) => pattern.test(text));
}

/** Removes boilerplate from the article container in place. */
export function cleanArticle(container: Element): void {
  for (const element of [...container.querySelectorAll(BLOCK_SELECTOR)]) {
    if (!element.isConnected) continue;
    if (isClutterByName(element) || isClutterByText(element)) element.remove();
  }
}
