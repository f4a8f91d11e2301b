/**
 * Publish to a git repository from the real extension in headless Chromium, against a real git
 * server (git http-backend behind basic auth). Headless Chromium cannot click the host permission
 * prompt, so the server answers with CORS headers for the extension's origin instead (README).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '@/lib/export/front-matter';
import { openPopupFor } from '@/scripts/support/extension-browser';
import { git, gitBytes, startGitServer, type GitServer } from '../support/git-server';
import { pngBytes, serveImageSites } from './support/image-sites';
import { buildJekyll, jekyllSite } from '../sites/generators';
import { useExtensionSession } from './support/session';

const TOKEN = 'e2e-token-9b7f2d41c6';
const TITLE = '连接5亿微信活跃用户 企业微信还是选择「Hard」模式';
declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const QUOTE = '百果园已经用企业微信管理了旗下 5000 家门店';

describe('publish to a git repository', () => {
  const session = useExtensionSession('publish-git');
  let server: GitServer;
  let options: Page;
  let popup: Page;
  const logs: string[] = [];
  let clones = 0;

  const remoteLog = async () =>
    (await git(['log', '--format=%s', 'main'], server.repoPath('site'))).trim().split('\n');
  const clone = async () => {
    const dir = path.join(session.work, `clone-${clones++}`);
    const url = `${server.origin.replace('http://', `http://reader:${TOKEN}@`)}/site.git`;
    await git(['clone', '--quiet', url, dir]);
    return dir;
  };
  const extensionPage = async (name: string) => {
    const page = await session.browser.context.newPage();
    page.on('console', (message) => logs.push(message.text()));
    page.on('pageerror', (error) => logs.push(String(error)));
    await page.goto(`chrome-extension://${session.browser.extensionId}/${name}.html`);
    return page;
  };
  const pageUrl = () => session.server.url('pages/eastmoney-36kr-wecom.html');
  const publishStatus = () => popup.getByTestId('publish-status').textContent();
  const addTag = async (tag: string) => {
    await popup.getByTestId('tag-input').fill(tag);
    await popup.getByTestId('tag-input').press('Enter');
    await popup.getByTestId('save-button').click();
    // Saved when the library holds the tag (the status line already said "Saved" before).
    const savedTags = () =>
      popup.evaluate(async () => {
        const request = { type: 'library:entries', offset: 0, limit: 10, withText: false };
        const answer = (await chrome.runtime.sendMessage(request)) as {
          ok: boolean;
          value: { entries: { card: { tags: string[] } }[] };
        };
        return answer.ok ? (answer.value.entries[0]?.card.tags ?? []) : [];
      });
    await expect.poll(savedTags).toContain(tag);
  };

  it(
    'is configured through the options page and says the connection works',
    { timeout: 180_000 },
    async () => {
      server = await startGitServer({
        user: 'reader',
        password: TOKEN,
        corsOrigin: `chrome-extension://${session.browser.extensionId}`,
      });
      await server.createRepo('site', 'main', jekyllSite('Asia/Shanghai'));
      (await session.browser.worker()).on('console', (message) => logs.push(message.text()));

      options = await extensionPage('options');
      await options.getByTestId('target-select').selectOption('git');
      await options.getByTestId('git-url').fill(`${server.origin}/site.git`);
      await options.getByTestId('git-branch').fill('main');
      await options.getByTestId('git-folder').fill('');
      await options.getByTestId('git-username').fill('reader');
      await options.getByTestId('git-token').fill(TOKEN);
      await options.getByTestId('git-author-name').fill('Reader');
      await options.getByTestId('git-author-email').fill('reader@example.org');
      await options.getByTestId('git-branch').fill('gh-pages');
      await options.getByTestId('git-test').click();
      await expect
        .poll(() => options.getByTestId('git-status').textContent(), { timeout: 30_000 })
        .toContain('branch does not exist in the repository (branches: main)');
      await options.getByTestId('git-branch').fill('main');
      await options.getByTestId('git-test').click();
      await expect
        .poll(() => options.getByTestId('git-status').textContent(), { timeout: 30_000 })
        .toBe('Connected: branch main is there and the token may push.');
    },
  );

  it(
    'publishes the clipped, tagged, highlighted article in one commit that Jekyll builds',
    { timeout: 180_000 },
    async () => {
      const page = await session.browser.context.newPage();
      await page.goto(pageUrl());
      popup = await openPopupFor(session.browser, page);
      popup.on('console', (message) => logs.push(message.text()));
      await expect
        .poll(() => popup.getByTestId('clip-title').textContent(), { timeout: 30_000 })
        .toBe(TITLE);
      await addTag('36氪新闻');
      await popup.evaluate((wanted) => {
        const preview = document.querySelector('[data-testid="article-preview"]')!;
        const walker = document.createTreeWalker(preview, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.nodeValue?.indexOf(wanted) ?? -1;
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + wanted.length);
          window.getSelection()!.removeAllRanges();
          window.getSelection()!.addRange(range);
          preview.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
          return;
        }
        throw new Error('not in the preview');
      }, QUOTE);
      await popup.getByTestId('preview-highlight-button').click();
      await expect.poll(() => popup.getByTestId('highlight-item').count()).toBe(1);

      const before = await remoteLog();
      await popup.getByTestId('publish-button').click();
      await expect
        .poll(publishStatus, { timeout: 60_000 })
        .toMatch(/^Published: added _posts\/2022-01-12-[a-z0-9-]+\.md\.$/);
      expect(await remoteLog()).toEqual([`Add "${TITLE}"`, ...before]);

      const dir = await clone();
      const posts = readdirSync(path.join(dir, '_posts'));
      expect(posts).toHaveLength(1);
      expect(posts[0]).toMatch(/^2022-01-12-[a-z0-9-]+\.md$/);
      const post = readFileSync(path.join(dir, '_posts', posts[0]!), 'utf8');
      const { data } = parseFrontMatter(post);
      expect(data).toMatchObject({
        layout: 'post',
        title: TITLE,
        date: '2022-01-12 21:56:33 +0800',
      });
      expect(data.tags).toEqual(['36氪新闻']);
      const sidecar = JSON.parse(
        readFileSync(
          path.join(dir, '_gleaner/_posts', posts[0]!.replace(/\.md$/, '.json')),
          'utf8',
        ),
      ) as { article: { title: string; tags: string[] }; highlights: { quote: string }[] };
      expect(sidecar.article.title).toBe(TITLE);
      expect(sidecar.highlights.map((h) => h.quote)).toEqual([QUOTE]);
      // The commit holds the post and its sidecar, nothing else.
      const changed = (await git(['show', '--name-only', '--format=', 'HEAD'], dir))
        .trim()
        .split('\n');
      expect(changed.sort()).toEqual([
        `_gleaner/_posts/${posts[0]!.replace(/\.md$/, '.json')}`,
        `_posts/${posts[0]}`,
      ]);

      const built = buildJekyll(dir);
      expect(built.status, built.output).toBe(0);
      const sitePage = (readdirSync(path.join(dir, '_site'), { recursive: true }) as string[]).find(
        (file) => file.endsWith(`${posts[0]!.slice(11, -3)}.html`),
      );
      expect(sitePage, 'the post has a page in _site').toBeDefined();
      const html = readFileSync(path.join(dir, '_site', sitePage!), 'utf8');
      expect(html).toContain(`<h1 id="title">${TITLE}</h1>`);
      expect(html).toContain(QUOTE);
    },
  );

  it(
    'publishes again after a new tag: one more commit, the post updated',
    { timeout: 180_000 },
    async () => {
      await addTag('企业微信');
      const before = await remoteLog();
      await popup.getByTestId('publish-button').click();
      await expect.poll(publishStatus, { timeout: 60_000 }).toMatch(/^Published: updated _posts\//);
      expect(await remoteLog()).toEqual([`Update "${TITLE}"`, ...before]);
      const dir = await clone();
      const post = readFileSync(
        path.join(dir, '_posts', readdirSync(path.join(dir, '_posts'))[0]!),
        'utf8',
      );
      expect(parseFrontMatter(post).data.tags).toEqual(['36氪新闻', '企业微信']);
    },
  );

  it('says a wrong token is refused, and queues nothing', { timeout: 180_000 }, async () => {
    await options.getByTestId('git-token').fill('wrong-token-0000');
    await options.getByTestId('git-test').click();
    await expect
      .poll(() => options.getByTestId('git-status').textContent(), { timeout: 30_000 })
      .toContain('The server refused the token (401)');
    const before = await remoteLog();
    await addTag('wrong-token');
    await popup.getByTestId('publish-button').click();
    await expect
      .poll(publishStatus, { timeout: 60_000 })
      .toBe(
        'Not published: The server refused the token (401): check the token and the user name.',
      );
    const library = await extensionPage('library');
    await expect
      .poll(() => library.getByTestId('library-count').getAttribute('data-ready'))
      .toBe('true');
    expect(await library.getByTestId('queue-item').count()).toBe(0);
    await library.close();
    expect(await remoteLog()).toEqual(before);
    await options.getByTestId('git-token').fill(TOKEN);
  });

  it(
    'queues while the server is down and publishes once when it is back',
    { timeout: 180_000 },
    async () => {
      const before = await remoteLog();
      await server.stop();
      await addTag('offline');
      await popup.getByTestId('publish-button').click();
      await expect
        .poll(publishStatus, { timeout: 60_000 })
        .toContain('Not sent yet: The server cannot be reached');
      const library = await extensionPage('library');
      await expect
        .poll(() => library.getByTestId('queue-item').count(), { timeout: 20_000 })
        .toBe(1);
      expect(await library.getByTestId('queue-item').textContent()).toContain(TITLE);

      await server.start();
      await library.getByTestId('publish-now').click();
      await expect
        .poll(() => library.getByTestId('publish-queue-status').textContent(), { timeout: 60_000 })
        .toBe('Published 1; 0 still waiting.');
      expect(await library.getByTestId('queue-item').count()).toBe(0);
      expect(await remoteLog()).toEqual([`Update "${TITLE}"`, ...before]);
      const dir = await clone();
      const post = readFileSync(
        path.join(dir, '_posts', readdirSync(path.join(dir, '_posts'))[0]!),
        'utf8',
      );
      expect(parseFrontMatter(post).data.tags).toContain('offline');
      // Once: nothing is left to send, and the repository does not move again.
      const answer = await library.evaluate(() =>
        chrome.runtime.sendMessage({ type: 'publish:run' }),
      );
      expect(answer).toEqual({ ok: true, value: [] });
      expect(await remoteLog()).toEqual([`Update "${TITLE}"`, ...before]);
    },
  );

  it(
    'keeps a post someone edited in the repository and reports the conflict',
    { timeout: 180_000 },
    async () => {
      const dir = await clone();
      const [name] = readdirSync(path.join(dir, '_posts'));
      const edited = path.join(dir, '_posts', name!);
      writeFileSync(edited, `${readFileSync(edited, 'utf8')}\nA line written by hand.\n`);
      await git(['commit', '--quiet', '-am', 'Edit by hand'], dir);
      await git(['push', '--quiet', 'origin', 'main'], dir);
      await addTag('after-edit');
      await popup.getByTestId('publish-button').click();
      await expect
        .poll(publishStatus, { timeout: 60_000 })
        .toBe(`Kept _posts/${name} as edited in the repository (not overwritten).`);
      const now = await git(['show', `main:_posts/${name}`], server.repoPath('site'));
      expect(now).toContain('A line written by hand.');
      expect(parseFrontMatter(now).data.tags).not.toContain('after-edit');
      // The sidecar, which nobody edited, carries the new tag.
      const sidecar = await git(
        ['show', `main:_gleaner/_posts/${name!.replace(/\.md$/, '.json')}`],
        server.repoPath('site'),
      );
      expect((JSON.parse(sidecar) as { article: { tags: string[] } }).article.tags).toContain(
        'after-edit',
      );
    },
  );

  /** Clips a fixture page in the popup and saves it (the selection of `selector` when given). */
  const savePage = async (name: string, selector?: string) => {
    const page = await session.browser.context.newPage();
    await page.goto(session.server.url(`pages/${name}`));
    if (selector) {
      await page.evaluate((css) => {
        const range = document.createRange();
        range.selectNodeContents(document.querySelector(css)!);
        window.getSelection()!.removeAllRanges();
        window.getSelection()!.addRange(range);
      }, selector);
    }
    const saving = await openPopupFor(session.browser, page);
    saving.on('console', (message) => logs.push(message.text()));
    if (selector) await saving.getByTestId('clip-selection-button').click({ timeout: 20_000 });
    await saving.getByTestId('clip-title').waitFor({ timeout: 20_000 });
    const title = (await saving.getByTestId('clip-title').textContent())!.trim();
    await saving.getByTestId('save-button').click();
    await expect
      .poll(() => saving.getByTestId('status').textContent())
      .toContain('Saved to your library');
    return { page, popup: saving, title };
  };
  /** The files a commit of the site's repository changed. */
  const changedIn = async (commit: string) =>
    (await git(['show', '--name-only', '--format=', commit], server.repoPath('site')))
      .trim()
      .split('\n')
      .sort();
  let harbor: Awaited<ReturnType<typeof savePage>>;

  it(
    'publishes the articles selected in the library: one commit each, with post and sidecar',
    { timeout: 180_000 },
    async () => {
      harbor = await savePage('harbor-ferry-news.html');
      const digest = await savePage('link-list.html', '#note');
      await digest.popup.close();
      await digest.page.close();
      expect(harbor.title).not.toBe(digest.title);
      const before = await remoteLog();

      const library = await extensionPage('library');
      await expect
        .poll(() => library.getByTestId('library-count').getAttribute('data-ready'))
        .toBe('true');
      await expect.poll(() => library.getByTestId('article-row').count()).toBe(3);
      for (const title of [harbor.title, digest.title]) {
        await library
          .getByTestId('article-row')
          .filter({ hasText: title })
          .getByTestId('row-select')
          .check();
      }
      await expect.poll(() => library.getByTestId('selection-count').textContent()).toContain('2');
      await library.getByTestId('bulk-publish').click();
      await expect
        .poll(() => library.getByTestId('notice').textContent(), { timeout: 90_000 })
        .toContain('Published 2, queued 0, failed 0.');
      expect(await library.getByTestId('queue-item').count()).toBe(0);

      const log = await remoteLog();
      expect(log.slice(2)).toEqual(before);
      expect(log.slice(0, 2).sort()).toEqual(
        [`Add "${harbor.title}"`, `Add "${digest.title}"`].sort(),
      );
      for (const commit of ['main', 'main~1']) {
        const files = await changedIn(commit);
        expect(files).toHaveLength(2);
        const post = files.find((file) => file.startsWith('_posts/'))!;
        expect(post).toMatch(/^_posts\/\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.md$/);
        expect(files).toEqual([`_gleaner/${post.replace(/\.md$/, '.json')}`, post]);
        const sidecar = JSON.parse(
          await git(
            ['show', `${commit}:_gleaner/${post.replace(/\.md$/, '.json')}`],
            server.repoPath('site'),
          ),
        ) as { article: { title: string } };
        const subject = (
          await git(['log', '-1', '--format=%s', commit], server.repoPath('site'))
        ).trim();
        expect(subject).toBe(`Add "${sidecar.article.title}"`);
      }
      await library.close();
    },
  );

  it(
    'publishes on save once the option is on: a new tag saved in the popup is one more commit',
    { timeout: 180_000 },
    async () => {
      await options.getByTestId('publish-on-save').check();
      await expect.poll(() => options.getByTestId('publish-on-save').isChecked()).toBe(true);
      const before = await remoteLog();
      // A popup opened after the change knows the setting.
      await harbor.popup.close();
      const popupNow = await openPopupFor(session.browser, harbor.page);
      popupNow.on('console', (message) => logs.push(message.text()));
      await expect
        .poll(() => popupNow.getByTestId('status').textContent(), { timeout: 20_000 })
        .toContain('Saved');
      await popupNow.getByTestId('tag-input').fill('ferries');
      await popupNow.getByTestId('tag-input').press('Enter');
      await popupNow.getByTestId('save-button').click();
      await expect
        .poll(() => popupNow.getByTestId('publish-status').textContent(), { timeout: 90_000 })
        .toMatch(/^Published: updated _posts\/[^ ]+\.md\.$/);
      expect(await remoteLog()).toEqual([`Update "${harbor.title}"`, ...before]);
      const files = await changedIn('main');
      const post = files.find((file) => file.startsWith('_posts/'))!;
      expect(files).toEqual([`_gleaner/${post.replace(/\.md$/, '.json')}`, post]);
      const content = await git(['show', `main:${post}`], server.repoPath('site'));
      expect(parseFrontMatter(content).data.tags).toEqual(['ferries']);
      expect(await popupNow.getByTestId('publish-button').isVisible()).toBe(true);
      await popupNow.close();
      await harbor.page.close();
    },
  );

  it(
    'publishes the kept pictures in the same commit: Jekyll serves them from the site',
    { timeout: 180_000 },
    async () => {
      const sites = await serveImageSites();
      try {
        await options.getByTestId('save-images').check();
        await expect.poll(() => options.getByTestId('save-images').isChecked()).toBe(true);
        const before = await remoteLog();
        const page = await session.browser.context.newPage();
        await page.goto(sites.articleUrl(1));
        const saving = await openPopupFor(session.browser, page);
        saving.on('console', (message) => logs.push(message.text()));
        await saving.getByTestId('save-button').click({ timeout: 20_000 });
        await expect
          .poll(() => saving.getByTestId('image-status').textContent(), { timeout: 30_000 })
          .toBe('4 of 5 images saved');
        // Publish on save (on since the test before) waits for the pictures, then commits.
        await expect
          .poll(() => saving.getByTestId('publish-status').textContent(), { timeout: 90_000 })
          .toMatch(/^Published: added _posts\/[^ ]+\.md\.$/);
        expect(await remoteLog()).toEqual(['Add "Ferries at night"', ...before]);

        const files = await changedIn('main');
        const post = files.find((file) => file.startsWith('_posts/'))!;
        const pictures = files.filter((file) => file.startsWith('assets/images/'));
        expect(files).toEqual(
          [`_gleaner/${post.replace(/\.md$/, '.json')}`, post, ...pictures].sort(),
        );
        // The four kept pictures, byte for byte; the missing one stays a remote link.
        const hashes = await Promise.all(
          pictures.map(async (file) =>
            sha256(await gitBytes(['show', `main:${file}`], server.repoPath('site'))),
          ),
        );
        expect(hashes.sort()).toEqual(
          (['cdn', 'lazy', 'large', 'hotlink'] as const)
            .map((name) => sha256(pngBytes(name)))
            .sort(),
        );
        const content = await git(['show', `main:${post}`], server.repoPath('site'));
        expect(content).toContain(sites.imageUrl('missing'));

        await sites.close();
        const dir = await clone();
        const built = buildJekyll(dir);
        expect(built.status, built.output).toBe(0);
        const slug = post.slice('_posts/2000-01-01-'.length, -'.md'.length);
        const sitePage = (
          readdirSync(path.join(dir, '_site'), { recursive: true }) as string[]
        ).find((file) => file.endsWith(`${slug}.html`));
        expect(sitePage, 'the post has a page in _site').toBeDefined();
        const html = readFileSync(path.join(dir, '_site', sitePage!), 'utf8');
        const sources = [...html.matchAll(/<img[^>]+src="([^"]+)"/g)].map((m) => m[1]!);
        const local = sources.filter((src) => !src.startsWith('http'));
        expect(local).toHaveLength(4);
        for (const src of local) {
          const file = path.join(
            dir,
            '_site',
            decodeURI(new URL(src, `http://site/${sitePage}`).pathname),
          );
          expect(existsSync(file), `${src} resolves to a file of _site`).toBe(true);
        }
        await saving.close();
        await page.close();
      } finally {
        await sites.close();
      }
    },
  );

  it('never lets the token into a commit, a page, or a log', { timeout: 60_000 }, async () => {
    const history = await git(['log', '-p', '--all'], server.repoPath('site'));
    expect(history).not.toContain(TOKEN);
    for (const page of [popup, options]) expect(await page.content()).not.toContain(TOKEN);
    expect(logs.filter((line) => line.includes(TOKEN))).toEqual([]);
    await server.close();
  });
});
