/**
 * Traditional → simplified Chinese for the characters the clean-up's patterns use, so "相關新聞"
 * and "責任編輯" (Hong Kong and Taiwan sites) match the same rules as "相关新闻" and "责任编辑".
 * Only for matching: the article text itself is never converted.
 */

const PAIRS =
  '關关聞闻編编輯辑來来責责時时間间發发佈布閱阅讀读點点擊击轉转載载聲声權权評评論论網网頁页標标籤签簽签鍵键詞词體体號号覽览圖图攝摄記记訊讯報报導导題题熱热門门薦荐歡欢閉闭頂顶專专欄栏複复製制僅仅觀观場场處处臺台灣湾華华國国東东鳳凤騰腾綜综廣广員员會会歷历詢询請请註注冊册錄录參参與与討讨條条為为優优掃扫碼码維维長长識识別别訂订區区節节約约實实習习審审對对數数瀏浏計计線线復复貼贴預预設设頭头總总證证經经濟济財财類类鏈链導导訪访問问贊赞寫写稱称於于務务說说這这個个們们從从學学業业聯联繫系電电話话傳传真真郵邮箱箱刊刊欲欲舉举違违規规責责版版權权';

const MAP = new Map<string, string>(
  (PAIRS.match(/../gu) ?? []).map((pair) => [pair.charAt(0), pair.charAt(1)]),
);

const TRADITIONAL = new RegExp(`[${[...MAP.keys()].join('')}]`, 'g');

export function toSimplified(text: string): string {
  return text.replace(TRADITIONAL, (char) => MAP.get(char) ?? char);
}
