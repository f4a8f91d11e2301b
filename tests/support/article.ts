import type { ExtractedArticle } from '@/lib/model';

/** A small extracted article for storage and messaging tests. */
export function sampleClip(overrides: Partial<ExtractedArticle> = {}): ExtractedArticle {
  return {
    title: '连接5亿微信活跃用户 企业微信还是选择「Hard」模式',
    byline: null,
    siteName: '36氪',
    language: 'zh-CN',
    url: 'http://127.0.0.1:8080/pages/eastmoney-36kr-wecom.html?utm_source=feed',
    canonicalUrl: 'http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202201122245569511',
    published: '2022-01-12T21:56:33+08:00',
    excerpt: '1000万、1.8亿、5亿',
    leadImage: null,
    keywords: ['企业微信', '腾讯'],
    html: '<p>企业微信成为了这一命题的最优解。</p>',
    markdown: '企业微信成为了这一命题的最优解。',
    text: '企业微信成为了这一命题的最优解。',
    wordCount: 16,
    source: 'article',
    ...overrides,
  };
}
