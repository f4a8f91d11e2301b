import { describe, expect, it } from 'vitest';
import {
  describeTemplateError,
  evaluateTemplate,
  renderTemplate,
} from '@/lib/export/template-engine';

const scope = {
  title: '连接5亿微信活跃用户 企业微信还是选择「Hard」模式',
  date: '2022-01-12T21:56:33+08:00',
  published: null,
  tags: ['36氪新闻', 'machine learning'],
  word_count: 4210,
  highlights: [{ quote: 'a\nb', note: '', color: 'yellow', placed: true }],
};

describe('filters', () => {
  it.each([
    [
      '{{ title | slug }}',
      'lian-jie-5yi-wei-xin-huo-yue-yong-hu-qi-ye-wei-xin-hai-shi-xuan-ze-hard-mo-shi',
    ],
    ['{{ title | slug: 12 }}', 'lian-jie-5yi'],
    ['{{ "36氪" | pinyin }}', '36 ke'],
    ['{{ title | pinyin | truncate: 12 }}', 'lian jie ...'],
    ['{{ date | date: "%Y-%m-%d %H:%M:%S %z" }}', '2022-01-12 21:56:33 +0800'],
    ['{{ date | date: "%Y-%m-%d %H:%M", "America/New_York" }}', '2022-01-12 08:56'],
    ['{{ date | date: "%Z", "Asia/Tokyo" }}', 'Asia/Tokyo'],
    ['{{ date | date }}', '2022-01-12T21:56:33+08:00'],
    ['[{{ published | date: "%Y" }}]', '[]'],
    ['{{ "Hard Mode" | lower }} {{ "Hard Mode" | upper }}', 'hard mode HARD MODE'],
    ['{{ tags | join: ", " }}', '36氪新闻, machine learning'],
    ['{{ title | truncate: 10 }}', '连接5亿微信活...'],
    ['{{ highlights.first.quote | blockquote }}', '> a\n> b'],
    ['{{ word_count | plus: 1 }}', '4211'],
    ['{% if published %}yes{% else %}no{% endif %}', 'no'],
  ])('%s', (template, expected) => {
    expect(renderTemplate(template, scope)).toBe(expected);
  });
});

describe('errors read as sentences with a position', () => {
  it.each([
    ['{{ titel }}', 'unknown variable "titel" (line 1, column 4)'],
    ['x\n{{ title | shout }}', 'unknown filter "shout" (line 2, column 1)'],
    ['{{ title', 'output "{{ title" not closed (line 1, column 1)'],
    ['{% include "header" %}', 'includes and layouts are not available (line 1, column 1)'],
    ['{{ date | date: "%Q" }}', /^Unknown date format directive "%Q"/],
    ['{{ title | date }}', /is not a date-time with an offset/],
    ['{{ date | date: "%Y", "Mars/X" }}', /unknown time zone "Mars\/X"/],
    ['{{ title | slug: 0 }}', /slug: the length/],
  ])('%j', (template, expected) => {
    expect(() => renderTemplate(template, scope)).toThrow(expected);
  });

  it('stops a runaway loop', () => {
    expect(() =>
      renderTemplate(
        '{% assign s = "x" %}{% for i in (1..64) %}{% assign s = s | append: s %}{% endfor %}',
        scope,
      ),
    ).toThrow(/limit exceeded/);
  });

  it('passes through messages it does not know', () => {
    expect(describeTemplateError(new Error('something odd'))).toBe('something odd');
  });
});

describe('evaluateTemplate', () => {
  it('keeps a list a list when the template is one output', () => {
    expect(evaluateTemplate('{{ tags }}', scope)).toEqual(['36氪新闻', 'machine learning']);
    expect(evaluateTemplate(' {{ tags | slice: 1 }} ', scope)).toEqual(['machine learning']);
    expect(evaluateTemplate('{{ word_count }}', scope)).toBe(4210);
  });

  it('renders text otherwise', () => {
    expect(evaluateTemplate('clippings, {{ tags | join: ", " }}', scope)).toBe(
      'clippings, 36氪新闻, machine learning',
    );
    expect(evaluateTemplate('{{ title | slug: 4 }}-{{ word_count }}', scope)).toBe('lian-4210');
  });

  it('reports errors in single outputs too', () => {
    expect(() => evaluateTemplate('{{ tagz }}', scope)).toThrow('unknown variable "tagz"');
    expect(() => evaluateTemplate('{{ tags | nope }}', scope)).toThrow('unknown filter "nope"');
  });
});
