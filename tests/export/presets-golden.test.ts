// @vitest-environment jsdom
/**
 * Golden files: fixture page → extract → PostData (tags, a placed highlight with a note, an orphan)
 * → each preset and one custom template. `UPDATE_GOLDEN=1 npx vitest run
 * tests/export/presets-golden.test.ts` rewrites tests/fixtures/expected/presets/; review the diff.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EXPORT_SETTINGS,
  effectiveHighlightSyntax,
  type CustomTemplate,
  type ExportSettings,
  type PresetId,
} from '@/lib/export/export-settings';
import { renderPost } from '@/lib/export/render-post';
import { extract, postDataOf } from '../sites/post-data';

const DIR = 'tests/fixtures/expected/presets';
const SAVED_AT = '2026-11-25T10:00:00+00:00';

const PAGES = [
  { page: 'eastmoney-36kr-wecom', tags: ['36氪新闻', 'enterprise software'] },
  { page: 'harbor-ferry-news', tags: ['transport', 'city life', '城市'] },
];

/** A custom template that uses most variables and every filter we add. */
export const GOLDEN_TEMPLATE: CustomTemplate = {
  folder: 'Reading/{{ site | default: "web" | slug }}',
  fields: [
    { key: 'title', value: '{{ title }}', type: 'text' },
    { key: 'slug', value: '{{ title | slug: 40 }}', type: 'text' },
    { key: 'spoken', value: '{{ title | pinyin | truncate: 30 }}', type: 'text' },
    { key: 'published', value: '{{ published | date: "%Y-%m-%d" }}', type: 'date' },
    {
      key: 'saved',
      value: '{{ saved | date: "%Y-%m-%dT%H:%M:%S%:z", "Asia/Shanghai" }}',
      type: 'date',
    },
    { key: 'tags', value: 'clippings, {{ tags | join: ", " | lower }}', type: 'list' },
    { key: 'categories', value: '{{ categories }}', type: 'list' },
    { key: 'words', value: '{{ word_count }}', type: 'number' },
    {
      key: 'has_notes',
      value: '{% if notes.size > 0 %}true{% else %}false{% endif %}',
      type: 'boolean',
    },
    { key: 'site', value: '{{ site | upper }}', type: 'text' },
    { key: 'author', value: '{{ author }}', type: 'text' },
  ],
  body: [
    '# {{ title }}',
    '',
    '{% if excerpt %}{{ excerpt | blockquote }}{% endif %}',
    '',
    '{{ content }}',
    '',
    'Source: <{{ canonical }}>, read on {{ saved | date: "%-d %B %Y" }}.',
    '',
    '{% for h in highlights -%}',
    '- {{ h.quote | truncate: 40 }}{% if h.note != "" %} — {{ h.note }}{% endif %}{% unless h.placed %} (no longer in the text){% endunless %}',
    '{% endfor %}',
  ].join('\n'),
  imageFolder: 'assets/{{ title | slug: 30 }}',
};

const CASES = PAGES.flatMap(({ page, tags }) =>
  (['jekyll', 'hugo', 'obsidian', 'custom'] as PresetId[]).map((preset) => ({
    page,
    tags,
    preset,
  })),
);

function settingsFor(preset: PresetId): ExportSettings {
  return { ...DEFAULT_EXPORT_SETTINGS, preset, custom: GOLDEN_TEMPLATE };
}

function pageArticle(page: string) {
  const url = `http://127.0.0.1:8000/pages/${page}.html`;
  return extract(readFileSync(`tests/fixtures/pages/${page}.html`, 'utf8'), url);
}

function golden(file: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(file, actual);
  }
  if (!existsSync(file)) throw new Error(`No golden file ${file}: run with UPDATE_GOLDEN=1`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

function renderCase({ page, tags, preset }: (typeof CASES)[number]) {
  const settings = settingsFor(preset);
  const data = postDataOf(pageArticle(page), {
    tags,
    savedAt: SAVED_AT,
    syntax: effectiveHighlightSyntax(settings),
    highlights: true,
  });
  return { data, post: renderPost(data, settings) };
}

describe('preset golden files', () => {
  it.each(CASES)('$page as $preset', (testCase) => {
    const { data, post } = renderCase(testCase);
    expect(data.highlights.some((highlight) => highlight.placed)).toBe(true);
    golden(`${DIR}/${testCase.page}.${testCase.preset}.md`, post.content);
  });

  it('puts each file where its preset says', () => {
    const paths = Object.fromEntries(
      CASES.map((testCase) => [
        `${testCase.page}.${testCase.preset}`,
        renderCase(testCase).post.path,
      ]),
    );
    golden(`${DIR}/paths.json`, `${JSON.stringify(paths, null, 2)}\n`);
  });

  it.each(PAGES)(
    '$page as jekyll without highlights is the pipeline golden file',
    ({ page, tags }) => {
      const data = postDataOf(pageArticle(page), {
        tags: tags.slice(0, page === 'harbor-ferry-news' ? 2 : 1),
        savedAt: SAVED_AT,
        syntax: 'mark',
      });
      expect(renderPost(data).content).toBe(
        readFileSync(`tests/fixtures/expected/${page}.md`, 'utf8'),
      );
    },
  );
});
