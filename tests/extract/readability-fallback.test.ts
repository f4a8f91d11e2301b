// @vitest-environment jsdom
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { blockText } from '@/lib/extract/block-text';
import { withReadabilityFallback } from '@/lib/extract/readability-fallback';

const STORY = '12月15日，西城区一处购物中心施工现场发生火灾。截至记者发稿时，大火已被扑灭。';

function page(story: string): Document {
  const related = Array.from(
    { length: 4 },
    (_, i) => `<li><a href="/n/${i}">购物中心第${i}期改造工程完工</a></li>`,
  );
  return new JSDOM(
    `<!doctype html><html><head><title>购物中心突发大火</title></head><body><div class="main">` +
      `<div>您现在的位置：首页 &gt; 社会 &gt; 正文</div><h1>购物中心突发大火 现已被扑灭</h1>` +
      `<div>2011-12-15 20:06 来源：新华社</div><p>${story}</p>` +
      `<div>声明：<br>• 凡注明为其他媒体来源的信息，均为转载自其他媒体，转载并不代表本网赞同其观点，也不代表本网对其真实性负责。</div>` +
      `<p>电话：021-52921234 传真：021-62677454</p><div>更多关于火灾的新闻</div>` +
      `<ul>${related.join('')}</ul></div></body></html>`,
    { url: 'https://news.example.cn/a/1.html' },
  ).window.document;
}

describe('withReadabilityFallback', () => {
  it('returns a short story cleaned of its furniture when the cleaning kept its prose', () => {
    const article = withReadabilityFallback(page(STORY), null, '购物中心突发大火 现已被扑灭');
    expect(article).not.toBeNull();
    const text = blockText(article!);
    expect(text).toContain(STORY);
    for (const furniture of ['您现在的位置', '凡注明', '021-52921234', '改造工程'])
      expect(text).not.toContain(furniture);
  });
});
