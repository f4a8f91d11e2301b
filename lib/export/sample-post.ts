/** A built-in article for previews and template checks. */

import { wrapHighlight } from '../markdown/html-to-markdown';
import type { HighlightSyntax } from './export-settings';
import type { PostData } from './post-data';

const SAMPLE_QUOTE = '企业微信成为了这一命题的最优解。';

/** The built-in sample with its placed highlight marked in `syntax`. Everything is filled in. */
export function samplePost(syntax: HighlightSyntax = 'mark'): PostData {
  return {
    title: '连接5亿微信活跃用户 企业微信还是选择「Hard」模式',
    url: 'https://finance.eastmoney.com/a/202201122245569511.html?utm_source=feed',
    canonicalUrl: 'http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202201122245569511',
    siteName: '36氪',
    author: '石亚琼',
    language: 'zh-CN',
    published: '2022-01-12T21:56:33+08:00',
    savedAt: '2026-11-25T16:05:00+00:00',
    tags: ['36氪新闻', 'enterprise software'],
    excerpt: '1000万、1.8亿、5亿，三组数据出现在蓝色的背景屏幕上。',
    leadImage: 'https://img.example.com/wecom.jpg',
    wordCount: 4210,
    content: [
      '**企业微信，“藏”在水果店、商超、4S 店……**',
      '',
      `“1000 万、1.8 亿、5 亿”，三组数据出现在蓝色的背景屏幕上。${wrapHighlight(SAMPLE_QUOTE, syntax)}`,
    ].join('\n'),
    highlights: [
      { quote: SAMPLE_QUOTE, note: 'The thesis of the piece.', color: 'yellow', placed: true },
      { quote: '连接 5 亿微信用户', note: '', color: 'green', placed: false },
    ],
  };
}

export const SAMPLE_POST: PostData = samplePost('mark');

/** The same article with everything optional missing: templates must still render. */
export const SPARSE_SAMPLE_POST: PostData = {
  ...SAMPLE_POST,
  title: 'Untitled',
  siteName: null,
  author: null,
  language: null,
  published: null,
  tags: [],
  excerpt: null,
  leadImage: null,
  wordCount: 0,
  content: '',
  highlights: [],
};
