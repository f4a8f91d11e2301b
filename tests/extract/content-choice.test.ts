// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { blockText } from '@/lib/extract/block-text';
import { chooseContent } from '@/lib/extract/content-choice';
import { mapText } from '@/lib/extract/text-blocks';

const STORY =
  '以巧克力为主题的“巧克力梦公园”今日将在浦东正式开园，由巧克力制作的外滩景观、兵马俑、敦煌石窟等作品将与公众见面。';

function choose(body: string, readabilityHtml: string): string {
  document.body.innerHTML = body;
  const readability = document.createElement('div');
  readability.innerHTML = readabilityHtml;
  const chosen = chooseContent({
    doc: document,
    skipped: new Set(),
    map: mapText(document.body, new Set()),
    readability,
    title: '巧克力梦公园开园',
  });
  return chosen ? blockText(chosen) : '';
}

describe('chooseContent', () => {
  it('keeps Readability’s story when the larger block adds furniture, not prose', () => {
    const furniture = [
      '邮箱：稿件处理 处理时间：9:00—18:00',
      '上海滩微博爆料或短信爆料15900430043 一经采用最高奖励500元',
      '1 2 3 4 5',
      '上海滩热门人物',
      '本周热门人物排行',
      '更多关于',
      '的新闻',
    ];
    const text = choose(
      `<div><p>${STORY}</p>${furniture.map((line) => `<div>${line}</div>`).join('')}</div>`,
      `<p>${STORY}</p>`,
    );
    expect(text).toBe(STORY);
  });

  it('takes the larger block when it holds the story’s other paragraphs', () => {
    const more = [
      '主办方介绍，园内共展出八十余件巧克力作品，总重量超过十吨，其中兵马俑方阵由二十名工匠历时三个月完成。',
      '据了解，公园开放时间为每天上午十点至晚上九点，市民可通过网上预约购票，现场也将设置售票窗口。',
      '有关负责人表示，公园开放期间还将举办巧克力制作体验活动，邀请市民与工匠一起动手制作巧克力作品。',
    ];
    const text = choose(
      `<div><p>${STORY}</p>${more.map((line) => `<p>${line}</p>`).join('')}</div>`,
      `<p>${STORY}</p>`,
    );
    for (const paragraph of more) expect(text).toContain(paragraph);
  });
});
