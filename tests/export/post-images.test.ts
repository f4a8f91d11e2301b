import { describe, expect, it } from 'vitest';
import { pointImageLinks, postImagesOf } from '@/lib/export/post-images';
import { DEFAULT_EXPORT_SETTINGS, type PresetId } from '@/lib/export/export-settings';
import type { PostData } from '@/lib/export/post-data';
import { renderPost } from '@/lib/export/render-post';
import { SAMPLE_POST } from '@/lib/export/sample-post';

const PHOTO = 'https://img.example.com/wecom.jpg';
const CHART = 'https://img.example.com/chart.png?w=1200';
const post: PostData = {
  ...SAMPLE_POST,
  content: `三组数据。\n\n![企业微信](${PHOTO})\n\n![](${CHART} "chart")\n\n![gone](https://x.example/404.png)`,
  highlights: [],
  images: postImagesOf(
    [
      { url: PHOTO, alt: '企业微信', hash: 'a'.repeat(64) },
      { url: CHART, alt: '', hash: 'b'.repeat(64) },
      { url: 'https://x.example/404.png', alt: 'gone', failure: 'unreachable' },
    ],
    new Map([
      ['a'.repeat(64), 'image/jpeg'],
      ['b'.repeat(64), 'image/png'],
    ]),
  ),
};
const render = (preset: PresetId, data: PostData = post) =>
  renderPost(data, { ...DEFAULT_EXPORT_SETTINGS, preset });

describe('image links per preset', () => {
  it('names kept images in pinyin or by hash and leaves failed ones out', () => {
    expect(post.images?.map((image) => image.name)).toEqual([
      'qi-ye-wei-xin.jpg',
      'bbbbbbbbbbbb.png',
    ]);
  });

  it('Jekyll: assets/images/<post-slug>/ linked through relative_url (baseurl-proof)', () => {
    const rendered = render('jekyll');
    const slug = rendered.fileName.replace(/^\d{4}-\d{2}-\d{2}-/, '').replace(/\.md$/, '');
    expect(rendered.images).toEqual([
      { hash: 'a'.repeat(64), path: `assets/images/${slug}/qi-ye-wei-xin.jpg` },
      { hash: 'b'.repeat(64), path: `assets/images/${slug}/bbbbbbbbbbbb.png` },
    ]);
    expect(rendered.content).toContain(
      `![企业微信]({{ '/assets/images/${slug}/qi-ye-wei-xin.jpg' | relative_url }})`,
    );
    expect(rendered.content).toContain(`/bbbbbbbbbbbb.png' | relative_url }} "chart")`);
    expect(rendered.content).toContain('![gone](https://x.example/404.png)');
    expect(rendered.content).not.toContain('render_with_liquid');
  });

  it('Jekyll with Liquid off: links relative to a permalink the post states', () => {
    const rendered = render('jekyll', { ...post, content: `{{ not liquid }}\n\n![p](${PHOTO})` });
    expect(rendered.content).toContain('render_with_liquid: false');
    expect(rendered.content).toMatch(
      /\npermalink: '?\/:categories\/:year\/:month\/:day\/:title:output_ext'?\n/,
    );
    expect(rendered.content).toMatch(
      /!\[p\]\(\.\.\/\.\.\/\.\.\/\.\.\/assets\/images\/[^/]+\/qi-ye-wei-xin\.jpg\)/,
    );
  });

  it('Hugo: a page bundle with the images beside index.md', () => {
    const rendered = render('hugo');
    expect(rendered.path).toMatch(/^content\/posts\/[^/]+\/index\.md$/);
    const folder = rendered.path.replace(/\/index\.md$/, '');
    expect(rendered.images?.map((image) => image.path)).toEqual([
      `${folder}/qi-ye-wei-xin.jpg`,
      `${folder}/bbbbbbbbbbbb.png`,
    ]);
    expect(rendered.content).toContain('![企业微信](qi-ye-wei-xin.jpg)');
    expect(render('hugo', { ...post, images: [] }).path).toMatch(/^content\/posts\/[^/]+\.md$/);
  });

  it('replaces a URL only where it is an image link', () => {
    expect(pointImageLinks(`see ${PHOTO} ![a](${PHOTO})`, [{ url: PHOTO, link: 'a.jpg' }])).toBe(
      `see ${PHOTO} ![a](a.jpg)`,
    );
  });
});
