import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  DEFAULT_CUSTOM_TEMPLATE,
  DEFAULT_EXPORT_SETTINGS,
  effectiveHighlightSyntax,
  type CustomTemplate,
  type ExportSettings,
} from '@/lib/export/export-settings';
import { parseFrontMatter } from '@/lib/export/front-matter';
import { renderJekyllPost } from '@/lib/export/jekyll-post';
import type { PostData } from '@/lib/export/post-data';
import {
  previewPost,
  renderPost,
  validateFileNamePattern,
  validateTemplate,
} from '@/lib/export/render-post';
import { SAMPLE_POST, samplePost } from '@/lib/export/sample-post';
import { emptySiteRule, type SiteRule } from '@/lib/site-rules';
import { wrapHighlight } from '@/lib/markdown/html-to-markdown';

const SOURCE = 'http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202201122245569511';

const post: PostData = {
  ...SAMPLE_POST,
  content: '**企业微信，“藏”在水果店、商超、4S 店……**\n\n三组数据。',
  highlights: [],
};

const settings = (extra: Partial<ExportSettings> = {}): ExportSettings => ({
  ...DEFAULT_EXPORT_SETTINGS,
  ...extra,
});

const yamlOf = (content: string, version: '1.1' | '1.2' = '1.2') =>
  parse(content.split('\n---\n')[0]!.replace(/^---\n/, ''), { version }) as Record<string, unknown>;

describe('Jekyll preset', () => {
  it('is exactly renderJekyllPost without highlights', () => {
    const jekyll = renderJekyllPost({ ...post, markdown: post.content });
    const rendered = renderPost(post);
    expect(rendered.content).toBe(jekyll.content);
    expect(rendered.fileName).toBe(jekyll.fileName);
    expect(rendered.path).toBe(`_posts/${jekyll.fileName}`);
  });

  it('closes with ## Highlights after the source link: quotes, notes, orphans', () => {
    const { content } = renderPost({
      ...post,
      highlights: [
        { quote: '三组数据。', note: 'Three numbers.', color: 'yellow', placed: true },
        { quote: 'A *gone* passage', note: '', color: 'pink', placed: false },
      ],
    });
    expect(
      content.endsWith(
        [
          `<${SOURCE}>`,
          '',
          '## Highlights',
          '',
          '> 三组数据。',
          '',
          'Three numbers.',
          '',
          '> A \\*gone\\* passage',
          '',
        ].join('\n'),
      ),
    ).toBe(true);
  });

  it('turns Liquid off only when the text has {{ or {%', () => {
    expect(parseFrontMatter(renderPost(post).content).data).not.toHaveProperty(
      'render_with_liquid',
    );
    for (const content of ['Vue: {{ message }}', 'Liquid: {% raw %}']) {
      const { data } = parseFrontMatter(renderPost({ ...post, content }).content);
      expect(data.render_with_liquid).toBe(false);
    }
    const quoted = renderPost({
      ...post,
      highlights: [{ quote: '{{ x }}', note: '', color: 'yellow', placed: false }],
    });
    expect(parseFrontMatter(quoted.content).data.render_with_liquid).toBe(false);
  });

  it('converts the date and the file name day to the chosen zone', () => {
    const rendered = renderPost(
      { ...post, published: '2022-01-12T21:56:33+08:00' },
      settings({ dateMode: 'zone', timeZone: 'America/Los_Angeles' }),
    );
    expect(parseFrontMatter(rendered.content).data.date).toBe('2022-01-12 05:56:33 -0800');
    const late = renderPost(
      { ...post, published: '2022-01-12T01:00:00+08:00' },
      settings({ dateMode: 'zone', timeZone: 'America/Los_Angeles' }),
    );
    expect(late.fileName.startsWith('2022-01-11-')).toBe(true);
    expect(parseFrontMatter(late.content).data.date).toBe('2022-01-11 09:00:00 -0800');
  });

  it('dates a post without a published date by when it was saved', () => {
    const { content, fileName } = renderPost({ ...post, published: null });
    expect(parseFrontMatter(content).data.date).toBe('2026-11-25 16:05:00 +0000');
    expect(fileName.startsWith('2026-11-25-')).toBe(true);
  });
});

describe('site rules', () => {
  const rules: SiteRule[] = [
    { ...emptySiteRule('*.eastmoney.com'), category: '科技 Tech', tags: ['财经', '36氪新闻'] },
    { ...emptySiteRule('finews.zning.xyz'), category: 'not this one' },
  ];

  it("use the clipped page's host: category replaced, tags added after the user's", () => {
    const { data } = parseFrontMatter(renderPost(post, settings(), rules).content);
    expect(data.categories).toEqual(['科技 Tech']);
    expect(data.tags).toEqual(['36氪新闻', 'enterprise software', '财经']);
  });

  it('fall back to the canonical host', () => {
    const { data } = parseFrontMatter(
      renderPost({ ...post, url: 'https://elsewhere.example/' }, settings(), rules).content,
    );
    expect(data.categories).toEqual(['not this one']);
  });

  it("show dates in the site's zone when the export keeps source offsets", () => {
    const zoned = [{ ...emptySiteRule('*.eastmoney.com'), timeZone: 'Asia/Tokyo' }];
    const source = renderPost(post, settings(), zoned);
    expect(parseFrontMatter(source.content).data.date).toBe('2022-01-12 22:56:33 +0900');
    // A zone chosen in the settings wins: it is the user's site's zone.
    const converted = renderPost(post, settings({ dateMode: 'zone', timeZone: 'UTC' }), zoned);
    expect(parseFrontMatter(converted.content).data.date).toBe('2022-01-12 13:56:33 +0000');
  });
});

describe('Hugo preset', () => {
  it('writes YAML front matter with an RFC 3339 date, draft: false, tags and categories', () => {
    const rendered = renderPost(SAMPLE_POST, settings({ preset: 'hugo' }));
    expect(rendered.path).toBe(
      'content/posts/lian-jie-5yi-wei-xin-huo-yue-yong-hu-qi-ye-wei-xin-hai-shi-xuan-ze-hard-mo-shi.md',
    );
    expect(rendered.content.split('\n---\n')[0]).toBe(
      [
        '---',
        'title: 连接5亿微信活跃用户 企业微信还是选择「Hard」模式',
        'date: 2022-01-12T21:56:33+08:00',
        'draft: false',
        'categories:',
        '  - 36ke',
        'tags:',
        '  - 36氪新闻',
        '  - enterprise software',
        'author: 石亚琼',
        `source: ${SOURCE}`,
      ].join('\n'),
    );
    expect(rendered.content).toContain('\n## Highlights\n');
  });

  it('escapes shortcodes in the text', () => {
    const { content } = renderPost(
      { ...post, content: 'Use {{< youtube id >}} here' },
      settings({ preset: 'hugo' }),
    );
    expect(content).toContain('Use {{</* youtube id */>}} here');
  });
});

describe('Obsidian preset', () => {
  it('writes properties with dates and a tag list, and names the note after its title', () => {
    const rendered = renderPost(samplePost('equals'), settings({ preset: 'obsidian' }));
    expect(rendered.path).toBe('Clippings/连接5亿微信活跃用户 企业微信还是选择「Hard」模式.md');
    const { data } = parseFrontMatter(rendered.content);
    expect(data).toEqual({
      title: '连接5亿微信活跃用户 企业微信还是选择「Hard」模式',
      source: SOURCE,
      author: '石亚琼',
      published: '2022-01-12',
      created: '2026-11-25',
      tags: ['36氪新闻', 'enterprise-software'],
    });
    const typed = parse(rendered.content.split('\n---\n')[0]!.slice(4), {
      version: '1.1',
      schema: 'yaml-1.1',
    }) as Record<string, unknown>;
    expect(typed.published).toBeInstanceOf(Date);
    expect(typed.created).toBeInstanceOf(Date);
    expect(rendered.content).toContain('==企业微信成为了这一命题的最优解。==');
  });

  it('uses ==…== whatever the highlight syntax setting says', () => {
    expect(
      effectiveHighlightSyntax(settings({ preset: 'obsidian', highlightSyntax: 'mark' })),
    ).toBe('equals');
    expect(effectiveHighlightSyntax(settings({ preset: 'hugo', highlightSyntax: 'none' }))).toBe(
      'none',
    );
    expect(wrapHighlight('a', 'mark')).toBe('<mark>a</mark>');
    expect(wrapHighlight('a', 'equals')).toBe('==a==');
    expect(wrapHighlight('a', 'none')).toBe('a');
  });

  it('makes tags Obsidian accepts and file names every OS accepts', () => {
    const rendered = renderPost(
      {
        ...post,
        title: 'Q&A: why/how? "Quotes" #tag [1] ^x | <y> *',
        tags: ['city life', '#hash', 'C++', '新闻 报道', 'a/b', '  '],
      },
      settings({ preset: 'obsidian' }),
    );
    expect(rendered.fileName).toBe('Q&A why how Quotes tag 1 x y.md');
    expect(parseFrontMatter(rendered.content).data.tags).toEqual([
      'city-life',
      'hash',
      'C',
      '新闻-报道',
      'a/b',
    ]);
  });

  it('keeps long Chinese names under 200 bytes and numbers collisions with a space', () => {
    const taken = new Set<string>();
    const long = { ...post, title: '很长的标题'.repeat(40) };
    const first = renderPost(long, settings({ preset: 'obsidian' }), [], { taken });
    const second = renderPost(long, settings({ preset: 'obsidian' }), [], { taken });
    expect(new TextEncoder().encode(first.fileName).length).toBeLessThanOrEqual(200);
    expect(second.fileName).toBe(first.fileName.replace(/\.md$/, ' 2.md'));
  });
});

describe('file names and collisions', () => {
  it('number Jekyll and Hugo collisions with -2', () => {
    for (const preset of ['jekyll', 'hugo'] as const) {
      const taken = new Set<string>();
      const first = renderPost(post, settings({ preset }), [], { taken });
      const second = renderPost(post, settings({ preset }), [], { taken });
      expect(second.path).toBe(first.path.replace(/\.md$/, '-2.md'));
    }
  });

  it('follow a file-name pattern', () => {
    const hugo = renderPost(
      post,
      settings({ preset: 'hugo', fileNamePattern: '{{ date | date: "%Y" }}/{{ title | pinyin }}' }),
    );
    expect(hugo.path).toBe(
      'content/posts/2022-lian jie 5 yi wei xin huo yue yong hu qi ye wei xin hai shi xuan ze 「Hard」 mo shi.md',
    );
  });

  it('keep Jekyll names dated even when a pattern forgets the date', () => {
    const jekyll = renderPost(post, settings({ fileNamePattern: '{{ title | slug: 20 }}' }));
    expect(jekyll.fileName).toBe('2022-01-12-lian-jie-5yi-wei-xin.md');
  });

  it('report a broken pattern by name', () => {
    expect(() => renderPost(post, settings({ fileNamePattern: '{{ titel }}' }))).toThrow(
      'File name: unknown variable "titel"',
    );
  });
});

describe('validateFileNamePattern', () => {
  it('accepts the empty pattern and good ones', () => {
    expect(validateFileNamePattern('', 'jekyll')).toEqual({ ok: true });
    expect(validateFileNamePattern('{{ date | date: "%F" }}-{{ title | slug }}', 'jekyll')).toEqual(
      {
        ok: true,
      },
    );
  });

  it('explains what is wrong', () => {
    expect(validateFileNamePattern('{{ title | slug }}', 'jekyll')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Jekyll only reads posts named YYYY-MM-DD/),
    });
    expect(validateFileNamePattern('{{ title | slug }}', 'hugo')).toEqual({ ok: true });
    expect(validateFileNamePattern('{{ nope }}', 'hugo')).toMatchObject({ ok: false });
    expect(validateFileNamePattern('{{ "" }}', 'hugo')).toMatchObject({
      ok: false,
      error: 'File name: the pattern gives an empty name',
    });
  });
});

describe('custom templates', () => {
  const custom = (template: Partial<CustomTemplate>): ExportSettings =>
    settings({ preset: 'custom', custom: { ...DEFAULT_CUSTOM_TEMPLATE, ...template } });

  it('render the default template', () => {
    const rendered = renderPost(SAMPLE_POST, custom({}));
    expect(rendered.path).toBe(renderPost(SAMPLE_POST).path);
    const { data, body } = parseFrontMatter(rendered.content);
    expect(data).toEqual({
      layout: 'post',
      title: SAMPLE_POST.title,
      date: '2022-01-12 21:56:33 +0800',
      categories: ['36ke'],
      tags: ['36氪新闻', 'enterprise software'],
      author: '石亚琼',
      source: SOURCE,
      words: 4210,
    });
    expect(body).toContain(
      `<${SOURCE}>\n\n## Highlights\n\n> 企业微信成为了这一命题的最优解。\n\nThe thesis`,
    );
    expect(body).not.toMatch(/\n\n\n/);
  });

  it('type every value and leave out empty ones', () => {
    const rendered = renderPost(
      SAMPLE_POST,
      custom({
        fields: [
          { key: 'list_from_text', value: 'clippings, {{ tags | join: ", " }}', type: 'list' },
          { key: 'list_from_list', value: '{{ tags }}', type: 'list' },
          { key: 'day', value: '{{ date | date: "%Y-%m-%d" }}', type: 'date' },
          { key: 'count', value: '{{ word_count }}', type: 'number' },
          {
            key: 'has_notes',
            value: '{% if notes.size > 0 %}true{% else %}false{% endif %}',
            type: 'boolean',
          },
          { key: 'empty_text', value: '{{ excerpt | slice: 0, 0 }}', type: 'text' },
          { key: 'image', value: '{{ image }}', type: 'text' },
          { key: 'tags_text', value: '{{ tags }}', type: 'text' },
        ],
        body: '',
      }),
    );
    expect(parseFrontMatter(rendered.content).data).toEqual({
      list_from_text: ['clippings', '36氪新闻', 'enterprise software'],
      list_from_list: ['36氪新闻', 'enterprise software'],
      day: '2022-01-12',
      count: 4210,
      has_notes: true,
      image: 'https://img.example.com/wecom.jpg',
      tags_text: '36氪新闻, enterprise software',
    });
    expect(yamlOf(rendered.content, '1.1').day).toBeInstanceOf(Date);
  });

  it('cannot inject YAML through a value', () => {
    const rendered = renderPost(
      { ...SAMPLE_POST, title: 'x\nlayout: evil\n---\nbody' },
      custom({ fields: [{ key: 'title', value: '{{ title }}: "{{ title }}"', type: 'text' }] }),
    );
    const { data } = parseFrontMatter(rendered.content);
    expect(Object.keys(data)).toEqual(['title']);
    expect(data.title).toBe('x\nlayout: evil\n---\nbody: "x\nlayout: evil\n---\nbody"');
  });

  it('put files in a templated folder, safely', () => {
    const rendered = renderPost(SAMPLE_POST, custom({ folder: '../notes/{{ site }}/./:x' }));
    expect(rendered.path.startsWith('notes/36氪/x/')).toBe(true);
    expect(renderPost(SAMPLE_POST, custom({ folder: '' })).path).not.toContain('/');
  });
});

describe('validateTemplate', () => {
  const template = (extra: Partial<CustomTemplate>): CustomTemplate => ({
    ...DEFAULT_CUSTOM_TEMPLATE,
    ...extra,
  });

  it('accepts the default template', () => {
    expect(validateTemplate(DEFAULT_CUSTOM_TEMPLATE)).toEqual({ ok: true });
  });

  it.each<[Partial<CustomTemplate>, string | RegExp]>([
    [{ body: '{{ titel }}' }, 'Body: unknown variable "titel" (line 1, column 4)'],
    [{ body: '{{ title | shout }}' }, 'Body: unknown filter "shout" (line 1, column 1)'],
    [{ body: '{% for x in tags %}' }, /^Body: tag .*for.* not closed/],
    [{ folder: '{{ sight }}' }, 'Folder: unknown variable "sight" (line 1, column 4)'],
    [
      { fields: [{ key: 'date', value: '{{ title }}', type: 'date' }] },
      /^Field "date" \(date\): gives ".+", which is not a date/,
    ],
    [
      { fields: [{ key: 'date', value: '{{ date | date: "%d %B %Y" }}', type: 'date' }] },
      /^Field "date" \(date\): gives "12 January 2022", which is not a date/,
    ],
    [
      { fields: [{ key: 'words', value: '{{ title }}', type: 'number' }] },
      /^Field "words" \(number\): gives ".+", which is not a number/,
    ],
    [
      { fields: [{ key: 'draft', value: 'maybe', type: 'boolean' }] },
      'Field "draft" (boolean): gives "maybe"; a boolean field must give true or false',
    ],
    [{ fields: [{ key: 'my key', value: 'x', type: 'text' }] }, /^Field "my key": a key starts/],
    [{ fields: [{ key: '', value: 'x', type: 'text' }] }, 'Field 1: the key is empty'],
    [
      {
        fields: [
          { key: 'a', value: 'x', type: 'text' },
          { key: 'a', value: 'y', type: 'text' },
        ],
      },
      'Field "a": the key is used twice',
    ],
    [
      { fields: [{ key: 'h', value: '{{ highlights.first }}', type: 'text' }] },
      /gives an object, not text/,
    ],
  ])('reports %j', (extra, error) => {
    const result = validateTemplate(template(extra));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
  });
});

describe('previewPost', () => {
  it('gives the post or the error', () => {
    expect(previewPost(SAMPLE_POST, settings())).toMatchObject({ ok: true });
    expect(
      previewPost(
        SAMPLE_POST,
        settings({ preset: 'custom', custom: { ...DEFAULT_CUSTOM_TEMPLATE, body: '{{ x }}' } }),
      ),
    ).toEqual({ ok: false, error: 'Body: unknown variable "x" (line 1, column 4)' });
  });
});
