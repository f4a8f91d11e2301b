import { describe, expect, it } from 'vitest';
import { pointImageLinks, postImagesOf, relativeLink } from '@/lib/export/post-images';
import {
  DEFAULT_CUSTOM_TEMPLATE,
  DEFAULT_EXPORT_SETTINGS,
  type PresetId,
} from '@/lib/export/export-settings';
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

  it('Jekyll: assets/images/<yyyy-mm-dd>-<slug>/ linked through relative_url (baseurl-proof)', () => {
    const rendered = render('jekyll');
    const slug = rendered.fileName.replace(/\.md$/, '');
    expect(slug).toMatch(/^\d{4}-\d{2}-\d{2}-./);
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

  it('Jekyll: two posts of one title on other days never share an image folder', () => {
    const nextWeek = { ...post, published: '2024-03-22T08:00:00+08:00' };
    const folder = (rendered: { images?: { path: string }[] }) =>
      rendered.images?.[0]?.path.split('/').slice(0, -1).join('/');
    const first = render('jekyll');
    const second = render('jekyll', nextWeek);
    expect(first.fileName).not.toBe(second.fileName);
    expect(folder(second)).toBe(`assets/images/${second.fileName.replace(/\.md$/, '')}`);
    expect(folder(first)).not.toBe(folder(second));
    // The same post always lands in the same folder (a single export, a publish, the zip).
    expect(render('jekyll').images).toEqual(first.images);
    // In one export, a second post of the same day and title takes `-2`, its folder too.
    const taken = new Set<string>();
    renderPost(post, DEFAULT_EXPORT_SETTINGS, [], { taken });
    const again = renderPost(post, DEFAULT_EXPORT_SETTINGS, [], { taken });
    expect(again.fileName).toMatch(/-2\.md$/);
    expect(folder(again)).toBe(`assets/images/${again.fileName.replace(/\.md$/, '')}`);
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

  it('Obsidian: the attachments folder, names unique in the vault, ![[name]] embeds', () => {
    const rendered = render('obsidian');
    expect(rendered.path).toMatch(/^Clippings\/[^/]+\.md$/);
    expect(rendered.images).toEqual([
      { hash: 'a'.repeat(64), path: 'Clippings/attachments/qi-ye-wei-xin-aaaaaaaa.jpg' },
      { hash: 'b'.repeat(64), path: 'Clippings/attachments/bbbbbbbbbbbb.png' },
    ]);
    expect(rendered.content).toContain('\n![[qi-ye-wei-xin-aaaaaaaa.jpg]]\n');
    expect(rendered.content).toContain('\n![[bbbbbbbbbbbb.png]]\n');
    expect(rendered.content).not.toContain(PHOTO);
    expect(rendered.content).toContain('![gone](https://x.example/404.png)');
  });

  it('Obsidian: Markdown links relative to the note, in the folder the settings name', () => {
    const rendered = renderPost(
      { ...post, content: `${post.content}\n\n<img src="${PHOTO}">` },
      {
        ...DEFAULT_EXPORT_SETTINGS,
        preset: 'obsidian',
        attachments: { folder: 'Media/Web clips', links: 'markdown' },
      },
    );
    expect(rendered.images?.[0]?.path).toBe('Media/Web clips/qi-ye-wei-xin-aaaaaaaa.jpg');
    expect(rendered.content).toContain(
      '![企业微信](../Media/Web%20clips/qi-ye-wei-xin-aaaaaaaa.jpg)',
    );
    expect(rendered.content).toContain(
      '<img src="../Media/Web%20clips/qi-ye-wei-xin-aaaaaaaa.jpg">',
    );
  });

  it('Obsidian wikilinks: an image inside HTML gets the relative path instead', () => {
    const rendered = render('obsidian', { ...post, content: `<img src="${PHOTO}">` });
    expect(rendered.content).toContain('<img src="attachments/qi-ye-wei-xin-aaaaaaaa.jpg">');
  });

  it('custom: the image folder template, root links in content, image_folder and images', () => {
    const rendered = renderPost(post, {
      ...DEFAULT_EXPORT_SETTINGS,
      preset: 'custom',
      custom: {
        ...DEFAULT_CUSTOM_TEMPLATE,
        imageFolder: 'static/img/{{ title | slug: 20 }}',
        fields: [{ key: 'cover', value: '{{ images.first.path }}', type: 'text' }],
        body: '{{ content }}\n\nfolder={{ image_folder }}\n{% for i in images %}{{ i.name }} {% endfor %}',
      },
    });
    const folder = rendered.images?.[0]?.path.replace(/\/[^/]+$/, '') ?? '';
    expect(folder).toMatch(/^static\/img\/[a-z0-9-]+$/);
    expect(rendered.images?.map((image) => image.path)).toEqual([
      `${folder}/qi-ye-wei-xin.jpg`,
      `${folder}/bbbbbbbbbbbb.png`,
    ]);
    expect(rendered.content).toContain(`cover: ${folder}/qi-ye-wei-xin.jpg`);
    expect(rendered.content).toContain(`![企业微信](/${folder}/qi-ye-wei-xin.jpg)`);
    expect(rendered.content).toContain(`folder=${folder}\nqi-ye-wei-xin.jpg bbbbbbbbbbbb.png`);
  });

  it('custom with no image folder keeps the images remote', () => {
    const rendered = renderPost(post, {
      ...DEFAULT_EXPORT_SETTINGS,
      preset: 'custom',
      custom: { ...DEFAULT_CUSTOM_TEMPLATE, imageFolder: '' },
    });
    expect(rendered.images).toBeUndefined();
    expect(rendered.content).toContain(`![企业微信](${PHOTO})`);
  });

  it('relative links climb out of the note folder and encode each segment', () => {
    expect(relativeLink('Clippings/a.md', 'Clippings/attachments/x.png')).toBe('attachments/x.png');
    expect(relativeLink('Clippings/a.md', 'Media/x y.png')).toBe('../Media/x%20y.png');
    expect(relativeLink('a.md', 'x.png')).toBe('x.png');
  });

  it('replaces a URL only where it is an image link', () => {
    expect(pointImageLinks(`see ${PHOTO} ![a](${PHOTO})`, [{ url: PHOTO, link: 'a.jpg' }])).toBe(
      `see ${PHOTO} ![a](a.jpg)`,
    );
  });
});
