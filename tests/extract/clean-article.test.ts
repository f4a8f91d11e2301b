// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { blockText } from '@/lib/extract/block-text';
import { cleanArticle } from '@/lib/extract/clean-article';

const STORY_ZH =
  '记者今天从市交通局获悉，全市新开通的三条公交线路运行平稳，早晚高峰的候车时间比去年同期缩短了近一半，市民普遍表示出行更方便了。';
const STORY_EN =
  'The city council confirmed on Thursday that three new electric boats had passed their final safety inspections and would run every forty minutes.';

function clean(html: string, title?: string): string {
  const container = document.createElement('div');
  container.innerHTML = html;
  cleanArticle(container, { title });
  return blockText(container);
}

describe('cleanArticle', () => {
  it('drops editor, source and contact lines, keeps the story', () => {
    const text = clean(
      `<p>${STORY_ZH}</p><p>${STORY_ZH}</p><p>责任编辑：张三</p><p>電話：021-52921234 傳真：021-62677454</p>`,
    );
    expect(text).toContain(STORY_ZH);
    expect(text).not.toContain('责任编辑');
    expect(text).not.toContain('021-52921234');
  });

  it('cuts everything after a closing marker in the last part ("幻灯欣赏", "Related articles")', () => {
    const zh = clean(
      `<p>${STORY_ZH}</p><p>${STORY_ZH}</p><p>${STORY_ZH}</p><p>幻灯欣赏：</p><p><a href="/a">明星演出</a></p><p>新闻：</p>`,
    );
    expect(zh).not.toContain('幻灯欣赏');
    expect(zh).not.toContain('明星演出');
    const en = clean(
      `<p>${STORY_EN}</p><p>${STORY_EN}</p><h3>Related articles</h3><p><a href="/x">Ferry fares rise</a></p>`,
    );
    expect(en).toContain(STORY_EN);
    expect(en).not.toContain('Ferry fares rise');
  });

  it('drops a teaser of another story ending in "[全文]"', () => {
    const text = clean(
      `<p>${STORY_ZH}</p><p>${STORY_ZH}</p><p>杨某怎么也想不明白，女儿的事情为何迟迟得不到处理，她已经跑了好几趟派出所，每一次都得到同样的答复...... <a href="/b">[全文]</a></p>`,
    );
    expect(text).not.toContain('[全文]');
    expect(text).not.toContain('杨某');
  });

  it('drops a dateline in brackets under the headline', () => {
    const text = clean(`<p>台灣醒報 (2012-01-11 16:58)</p><p>${STORY_ZH}</p>`);
    expect(text).not.toContain('2012-01-11');
    expect(text).toContain(STORY_ZH);
  });

  it.each([
    ['本报讯（记者 张三）'],
    ['新华社北京1月11日电'],
    ['【本台記者2024年3月5日訊】'],
    ['中央社記者王小明台北5日電'],
    ['WASHINGTON (Reuters) -'],
  ])('keeps a story’s lead on a line of its own: %s', (lead) => {
    const text = clean(`<p>${lead}</p><p>${STORY_ZH}</p><p>${STORY_ZH}</p>`);
    expect(text.startsWith(lead)).toBe(true);
  });

  it('keeps a lead that follows the picture ("TNW中文站 10月14日报道"); it is no caption', () => {
    const text = clean(
      `<p><img src="/a.jpg" width="400"></p><p>TNW中文站 10月14日报道</p><p>${STORY_ZH}</p><p>${STORY_ZH}</p>`,
    );
    expect(text).toContain('TNW中文站 10月14日报道');
  });

  it('keeps a caption line that tells the news in sentences, with its credit; drops a bare one', () => {
    const told =
      '流感疫情持續升溫，累計死亡人數已達二十人。圖為高市醫療院所陸續成立類流感特別門診。（資料照，記者楊菁菁攝）';
    const text = clean(
      `<p><img src="a.jpg"></p><p>${told}</p><p>${STORY_ZH}</p><p>${STORY_ZH}</p><p>颁奖现场（王怡然 摄）</p>`,
    );
    expect(text).toContain(told);
    expect(text).not.toContain('王怡然');
  });

  it('keeps a story told in one sentence that ends with the agency’s credit ("新华社发")', () => {
    // A photo story: the whole text is the picture's caption, credit and all.
    const told =
      '以巧克力为主题的“巧克力梦公园”今日将在浦东正式开园，由巧克力制作的外滩景观、兵马俑等作品将与公众见面。新华社发';
    const text = clean(
      `<p><img src="a.jpg"></p><p>${told}</p><p>${STORY_ZH}</p><p>新华社记者张三摄</p>`,
    );
    expect(text).toContain(told);
    expect(text).not.toContain('张三');
  });

  it('drops a short caption ending in a credit whose name is set apart by spaces ("本报记者 郭立亮 摄")', () => {
    const text = clean(
      `<div><img src="a.jpg"><span>湘江长沙段水位降至24.77米，低于历史最低值。本报记者 郭立亮 摄 </span></div>` +
        `<p>${STORY_ZH}</p><p>${STORY_ZH}</p>`,
    );
    expect(text).toContain(STORY_ZH);
    expect(text).not.toContain('郭立亮');
  });

  it('keeps a lead set in a "dateline" element at the start of the story', () => {
    const text = clean(
      `<p><span class="dateline">新华社北京1月11日电</span>${STORY_ZH}</p><p>${STORY_ZH}</p>`,
    );
    expect(text.startsWith('新华社北京1月11日电')).toBe(true);
  });

  it("keeps a short story's first and last sentences, each a paragraph of its own", () => {
    const first = '(Reuters) - Ferries stop on Friday.';
    const last = 'Service resumes on 3 March.';
    const text = clean(`<p>${first}</p><p>${STORY_EN}</p><p>${last}</p>`);
    expect(text.startsWith(first)).toBe(true);
    expect(text.trimEnd().endsWith(last)).toBe(true);
  });

  it('drops figcaptions and credits but keeps a caption that tells the news', () => {
    const narrative =
      '(1月17日下午4时30分，京港澳高速雨花收费站以北6公里处发生一起交通事故，造成高速以北方向大堵车，收费站附近车辆已经排起长龙。)';
    const text = clean(
      `<figure><img src="a.jpg"><figcaption>The first of three electric ferries.</figcaption></figure>` +
        `<p>${STORY_EN}</p><p class="imgcaption">${narrative}</p><p>${STORY_ZH}</p>`,
    );
    expect(text).not.toContain('first of three');
    expect(text).toContain('京港澳高速雨花收费站');
  });

  it('keeps a caption that describes the picture in sentences, with its credit', () => {
    const described =
      'Workers lower the last of the old neon letters from the roof of the electricity board in 1989, as the city prepared to replace every sign on the square within a single year.';
    const text = clean(
      `<figure><img src="a.jpg"><figcaption>${described} (AP)</figcaption></figure>` +
        `<p>${STORY_EN}</p><p>${described} (Jane Roe / Reuters)</p>` +
        `<figure><img src="b.jpg"><figcaption>The ferry at dawn. (AP)</figcaption></figure><p>${STORY_EN}</p>` +
        `<p>The harbour at night. (Reuters)</p>`,
    );
    expect(text.split(described)).toHaveLength(3);
    expect(text).not.toContain('The ferry at dawn');
    expect(text).not.toContain('The harbour at night');
  });

  it('drops a gallery caption shown twice (full and shortened views), however it describes', () => {
    const described =
      'Two ferry captains steer the new electric boat past the old harbour wall on Tuesday, Nov. 19, 2019. The boats will run every forty minutes from next week. (AP Photo/Jane Roe)';
    const text = clean(
      `<p>${STORY_EN}</p><div class="caption"><div class="caption-full">${described}<a> less</a></div>` +
        `<div class="caption-truncated">${described.slice(0, 120)}<a> more</a></div></div>` +
        `<p>${STORY_EN}</p>`,
    );
    expect(text).toContain(STORY_EN);
    expect(text).not.toContain('Two ferry captains');
  });

  it('measures a caption without the indentation its template pads it with', () => {
    const pad = ' '.repeat(700);
    const text = clean(
      `<p>${STORY_EN}</p><div class="caption">${pad}<p>The new boat at the pier (Jane Roe)</p>${pad}</div>` +
        `<p>${STORY_EN}</p>`,
    );
    expect(text).toContain(STORY_EN);
    expect(text).not.toContain('The new boat at the pier');
  });

  it('applies the caption-line rule of Chinese pages to Chinese only, not to Japanese', () => {
    const story =
      'むかしむかし、ある村に一匹のイヌがいました。イヌは肉をくわえて橋をわたっていました。川をのぞくと、もう一匹のイヌが肉をくわえています。';
    const ja = clean(`<p>${story}</p><p><img src="a.jpg"></p><p>欲張りなイヌ</p><p>${story}</p>`);
    expect(ja).toContain('欲張りなイヌ');
    const zh = clean(
      `<p>${STORY_ZH}</p><p><img src="a.jpg"></p><p>新开通的公交线路</p><p>${STORY_ZH}</p>`,
    );
    expect(zh).not.toContain('新开通的公交线路');
  });

  it('drops the headline repeated at the top', () => {
    const text = clean(`<h1>Night ferries return</h1><p>${STORY_EN}</p>`, 'Night ferries return');
    expect(text).not.toContain('Night ferries return');
  });

  it('drops a shorter form of the headline at the top, keeps a subheading further down', () => {
    const title = 'Breaking: night ferries return to the harbour | The Coastal Courier';
    const text = clean(
      `<h2>Breaking: night ferries return</h2><p>${STORY_EN}</p><h2>Night ferries return</h2><p>${STORY_EN}</p>`,
      title,
    );
    expect(text.startsWith(STORY_EN)).toBe(true);
    expect(text).toContain('\nNight ferries return\n');
  });

  it('keeps an interview question that starts like a label ("记者：")', () => {
    const question = '记者：你们的工厂现在还在生产吗？工人们都回来了吗？';
    const text = clean(`<p>${STORY_ZH}</p><p>${question}</p><p>${STORY_ZH}</p>`);
    expect(text).toContain(question);
  });

  it('drops a date line that carries the site’s address or the post’s counters', () => {
    const text = clean(
      `<p>http://www.sina.com.cn 2012年01月12日15:57</p><p>${STORY_ZH}</p><p>${STORY_ZH}</p><p>发表于 2004年12月27日 12:40 - (阅读:3727;评论:63)</p>`,
    );
    expect(text).not.toContain('sina.com.cn');
    expect(text).not.toContain('阅读:3727');
    expect(text).toContain(STORY_ZH);
  });

  it('drops a date line that names its source or carries font-size buttons, however long the address makes it', () => {
    const text = clean(
      `<h2>http://www.sina.com.cn    2012年01月12日15:57 <a href="#">凤凰网</a></h2><p>${STORY_ZH}</p><p>${STORY_ZH}</p>`,
    );
    expect(text).not.toContain('凤凰网');
    expect(text).toContain(STORY_ZH);
    const inside = clean(
      `<p>${STORY_ZH}</p><p>http://www.sznews.com 2011-12-14 18:10 来源： 深圳新闻网 【字号：大 中 小】</p><p>${STORY_ZH}</p>`,
    );
    expect(inside).not.toContain('深圳新闻网');
    expect(inside).toContain(STORY_ZH);
  });

  it('drops the editor’s credit, the portal’s disclaimer and its channel pointer at the end', () => {
    const text = clean(
      `<p>${STORY_ZH}</p><p>${STORY_ZH}</p><p>(陈巍 编辑)</p><p>（文/赵勇）</p><p>（证券时报网快讯中心）</p><p>更多精彩内容请进入健康频道 >></p><p>声明：新浪网登载此文出于传递更多信息之目的，并不意味着赞同其观点或证实其描述。</p><p>(漩矶)</p>`,
    );
    expect(text).toContain(STORY_ZH);
    for (const gone of ['陈巍', '赵勇', '快讯中心', '健康频道', '新浪网登载'])
      expect(text).not.toContain(gone);
  });

  it('judges the share of captions on captions, not on a boilerplate line under a picture', () => {
    const picture = '<p><img src="/a.jpg"></p>';
    const text = clean(
      `<p>${STORY_ZH}</p>${picture}<p>舞台中央的两位模特为试用者进行展示</p>${picture}<p>舞台周围有一圈相机供参观者试用</p><p>${STORY_ZH}</p><p>${STORY_ZH}</p>${picture}<p>点击进入《全程报道》专题 >> 了解更多</p>`,
    );
    expect(text).toContain(STORY_ZH);
    expect(text).not.toContain('模特');
    expect(text).not.toContain('参观者');
  });

  it('cuts the list after a closing marker that goes for its own wording too ("相关阅读：")', () => {
    const item = (title: string, path: string) =>
      `<li>·${title}<br><a href="${path}">http://mobile.example.cn${path}</a></li>`;
    const text = clean(
      `<p>${STORY_ZH}</p><p>${STORY_ZH}</p><ul><li><strong>相关阅读：</strong></li>${item('中兴智能手机抢滩泰国市场', '/270.html')}${item('国产品牌千元级智能机荐', '/269.html')}</ul>`,
    );
    expect(text).toContain(STORY_ZH);
    expect(text).not.toContain('抢滩泰国');
    expect(text).not.toContain('千元级');
  });

  it('drops a summary the story repeats as its next paragraph, keeps one it does not', () => {
    const repeated = clean(
      `<p>摘 要：${STORY_ZH}</p><p>${STORY_ZH}</p><p>${STORY_ZH.slice(5)}</p>`,
    );
    expect(repeated).not.toContain('摘 要');
    expect(repeated).toContain(STORY_ZH);
    const own = clean(`<p>核心提示：${STORY_ZH.slice(10)}</p><p>${STORY_EN}</p>`);
    expect(own).toContain('核心提示');
  });

  it('drops a label or a reporters’ credit in brackets at the end; it ends like a sentence but is none', () => {
    const text = clean(
      `<p>${STORY_ZH}</p><p>${STORY_ZH}</p><p>（即時新聞）</p><p>(福州晚報記者 林安鎮 實習生 黃衛平 文/攝)</p>`,
    );
    expect(text).toContain(STORY_ZH);
    expect(text).not.toContain('即時新聞');
    expect(text).not.toContain('林安鎮');
  });

  it('drops the labels of buttons in the story ("Show Caption", "Get a Quote", "Article Continues Below")', () => {
    const text = clean(
      `<p>${STORY_EN}</p><p>Show Caption</p><p>${STORY_EN}</p><p><a href="/q">Get a Quote</a></p><p>Article Continues Below</p><p>${STORY_EN}</p>`,
    );
    expect(text).toContain(STORY_EN);
    for (const gone of ['Show Caption', 'Get a Quote', 'Continues Below'])
      expect(text).not.toContain(gone);
  });

  it('drops a row of cards of other articles (items marked up as articles of their own)', () => {
    const card = (name: string) =>
      `<li class="card" itemscope itemtype="https://schema.org/Article"><p>On-Demand Training</p><h2><a href="/${name}">${name} course</a></h2><p>Learn the basics of ${name} in six short lessons.</p></li>`;
    const text = clean(
      `<div itemscope itemtype="https://schema.org/NewsArticle"><p>${STORY_EN}</p><ul class="cards">${card('Analytics')}${card('Mobile')}</ul><p>${STORY_EN}</p></div>`,
    );
    expect(text).toContain(STORY_EN);
    expect(text).not.toContain('On-Demand Training');
    expect(text).not.toContain('Analytics course');
  });

  it('drops an author box named as part of a longer class name, and a "book a demo" prompt', () => {
    const text = clean(
      `<p>${STORY_EN}</p><p>${STORY_EN}</p><p>Book a FREE demo of FieldEdge and see how it helps your business.</p><p>${STORY_EN}</p>` +
        `<div class="blog-bottom-authorbox-content"><p>Tuhin Bhatt is a co-founder of Intelivita, a leading web and mobile app development company.</p></div>`,
    );
    expect(text).toContain(STORY_EN);
    expect(text).not.toContain('FieldEdge');
    expect(text).not.toContain('Tuhin Bhatt');
  });
});
