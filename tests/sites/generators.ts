/** Minimal Jekyll and Hugo sites around exported posts, built with Debian's `jekyll` and `hugo`. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface BuildResult {
  status: number | null;
  /** stdout and stderr, colour codes removed. */
  output: string;
}

export function writeTree(root: string, files: Readonly<Record<string, string>>): void {
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

function run(command: string, args: string[], cwd: string): BuildResult {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    // A clean environment: the machine's TZ must not matter (the site config says which zone).
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, LANG: 'C.UTF-8' },
  });
  if (result.error) throw result.error;
  // eslint-disable-next-line no-control-regex -- colour escapes are what we strip
  const output = `${result.stdout}\n${result.stderr}`.replace(/\u001b\[[0-9;]*m/g, '');
  return { status: result.status, output };
}

/** A Jekyll site whose post layout prints what the test reads back. */
export function jekyllSite(timeZone: string): Record<string, string> {
  return {
    '_config.yml': `title: Gleaner export check\ntimezone: ${timeZone}\nmarkdown: kramdown\n`,
    '_layouts/post.html': [
      '<!doctype html><html><head><meta charset="utf-8"><title>{{ page.title | escape }}</title></head><body>',
      '<h1 id="title">{{ page.title | escape }}</h1>',
      `<time id="date" datetime="{{ page.date | date: '%Y-%m-%dT%H:%M:%S%:z' }}"></time>`,
      '<ul id="categories">{% for c in page.categories %}<li>{{ c | escape }}</li>{% endfor %}</ul>',
      '<ul id="tags">{% for t in page.tags %}<li>{{ t | escape }}</li>{% endfor %}</ul>',
      '<article>{{ content }}</article>',
      '</body></html>',
      '',
    ].join('\n'),
  };
}

export function buildJekyll(root: string): BuildResult {
  return run(
    'jekyll',
    ['build', '--source', root, '--destination', path.join(root, '_site')],
    root,
  );
}

/** What `jekyll build` prints on a clean build; anything else is a warning or an error. */
export const JEKYLL_CLEAN_LINE =
  /^\s*(?:Configuration file: .*|Source: .*|Destination: .*|Incremental build: disabled.*|Generating\.\.\.\s*|done in [\d.]+ seconds\.|Auto-regeneration: disabled.*)?$/;

/** A Hugo site whose home page lists every post with its title, date and tags. */
export function hugoSite(timeZone: string): Record<string, string> {
  const item = [
    '<li data-path="{{ .File.Path }}" data-url="{{ .RelPermalink }}">',
    '<span class="title">{{ .Title }}</span>',
    '<time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}"></time>',
    '{{ range .Params.tags }}<span class="tag">{{ . }}</span>{{ end }}',
    '{{ range .Params.categories }}<span class="category">{{ . }}</span>{{ end }}',
    '</li>',
  ].join('');
  return {
    'config.yaml': [
      'baseURL: http://example.invalid/',
      'title: Gleaner export check',
      `timeZone: ${timeZone}`,
      'disableKinds: [RSS, sitemap, robotsTXT, 404]',
      'markup:',
      '  goldmark:',
      '    renderer:',
      '      unsafe: true',
      '',
    ].join('\n'),
    'layouts/index.html': `<ul id="posts">{{ range where .Site.RegularPages "Section" "posts" }}${item}{{ end }}</ul>\n`,
    'layouts/_default/list.html': '<ul>{{ range .Pages }}<li>{{ .Title }}</li>{{ end }}</ul>\n',
    'layouts/_default/single.html': `<h1>{{ .Title }}</h1><ul>${item}</ul>{{ .Content }}\n`,
  };
}

export function buildHugo(root: string): BuildResult {
  return run(
    'hugo',
    [
      '--source',
      root,
      '--destination',
      path.join(root, 'public'),
      '--panicOnWarning',
      '--printPathWarnings',
    ],
    root,
  );
}
