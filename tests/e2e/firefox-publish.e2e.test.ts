/**
 * Publish to a git repository from the Firefox MV3 build in Firefox ESR, against a git server that
 * sends no CORS headers (as GitHub and GitLab do not). The Chromium test (publish-git.e2e) has its
 * server allow the extension's origin instead, since headless Chromium cannot answer the host
 * permission prompt; a Firefox profile can hold the grant before start-up
 * (extension-preferences.json), so here the real path runs: the repository's origin granted, and
 * nothing else.
 *
 * With the grant, "Test connection" connects and the library's "Publish" pushes one commit (post
 * and sidecar) that Jekyll builds. A profile without it is refused by the browser: the test says
 * the server cannot be reached and that Gleaner may not reach that origin yet, the publish stays
 * queued, and the server never sees the token.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFrontMatter } from '@/lib/export/front-matter';
import { repositoryOriginPattern } from '@/lib/publish/git-target';
import {
  launchFirefoxWithExtension,
  type FirefoxExtensionBrowser,
} from '@/scripts/support/firefox-browser';
import { serveFolder, type StaticServer } from '@/scripts/support/static-server';
import { buildJekyll, jekyllSite } from '../sites/generators';
import { git, startGitServer, type GitServer } from '../support/git-server';
import { poll, saveByShortcut } from './support/firefox-steps';

const TOKEN = 'ff-e2e-token-5d03a8c7e1';
const TITLE = 'Night ferries return to the harbour after a decade';

describe('Firefox ESR: publish to a git server without CORS headers', () => {
  let fixtures: StaticServer;
  let server: GitServer;
  const work = mkdtempSync(path.join(tmpdir(), 'gleaner-firefox-publish-'));
  /** Console messages of the add-on's pages, and all Firefox printed (the background's too). */
  const logs: string[] = [];

  const remoteLog = async () =>
    (await git(['log', '--format=%s', 'main'], server.repoPath('site'))).trim().split('\n');
  const repoUrl = () => `${server.origin}/site.git`;

  /** An add-on page whose console and errors this test keeps (to look for the token). */
  const openPage = async (firefox: FirefoxExtensionBrowser, file: string) => {
    const page = await firefox.openExtensionPage(file);
    page.on('console', (message) => logs.push(message.text()));
    page.on('pageerror', (error) => logs.push(String(error)));
    return page;
  };

  /** Types into a field of the options page as a user does (replacing what it held). */
  const fill = (page: Page, testId: string, value: string) =>
    page.locator(`[data-testid=${testId}]`).fill(value);

  /** Fills the git target in the options page, presses "Test connection" and answers the status. */
  const configureAndTest = async (firefox: FirefoxExtensionBrowser, expected: RegExp) => {
    const options = await openPage(firefox, 'options.html');
    await options.waitForSelector('[data-testid=target-select]');
    await options.select('[data-testid=target-select]', 'git');
    await fill(options, 'git-url', repoUrl());
    await fill(options, 'git-branch', 'main');
    await fill(options, 'git-username', 'reader');
    await fill(options, 'git-token', TOKEN);
    await fill(options, 'git-author-name', 'Reader');
    await fill(options, 'git-author-email', 'reader@example.org');
    const stored = () =>
      options.evaluate(() =>
        (
          globalThis as unknown as {
            browser: { storage: { local: { get(): Promise<object> } } };
          }
        ).browser.storage.local.get(),
      );
    // Everything typed is stored (the background reads it from there) before the test runs.
    await poll(stored, (all) => JSON.stringify(all).includes('reader@example.org'));
    await (await options.waitForSelector('[data-testid=git-test]'))!.click();
    const status = () =>
      options.$eval('[data-testid=git-status]', (line) => line.textContent ?? '');
    const shown = await poll(status, (text) => expected.test(text), 30_000);
    expect(shown).toMatch(expected);
    await options.evaluate(() => console.log('gleaner-console-probe'));
    return options;
  };

  /** Selects the saved article in the library, presses "Publish" and answers the notice. */
  const publishFromLibrary = async (firefox: FirefoxExtensionBrowser, expected: string) => {
    const library = await openPage(firefox, 'library.html');
    const selected = await poll(
      () =>
        library.evaluate((wanted) => {
          const row = [...document.querySelectorAll('[data-testid=article-row]')].find(
            (candidate) =>
              candidate.querySelector('[data-testid=row-title]')?.textContent === wanted,
          );
          const box = row?.querySelector<HTMLInputElement>('[data-testid=row-select]');
          if (!box) return false;
          if (!box.checked) box.click();
          return box.checked;
        }, TITLE),
      (checked) => checked,
    );
    expect(selected).toBe(true);
    await (await library.waitForSelector('[data-testid=bulk-publish]'))!.click();
    const notice = () =>
      library.evaluate(() => document.querySelector('[data-testid=notice]')?.textContent ?? '');
    expect(await poll(notice, (text) => text.includes(expected), 90_000)).toContain(expected);
    return library;
  };

  beforeAll(async () => {
    fixtures = await serveFolder('tests/fixtures');
    // No `corsOrigin`: the server answers no browser origin, like GitHub.
    server = await startGitServer({ user: 'reader', password: TOKEN });
    await server.createRepo('site', 'main', jekyllSite('Asia/Shanghai'));
  });

  afterAll(async () => {
    await server?.close();
    await fixtures?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it(
    'with only the repository’s origin granted, connects and publishes one commit Jekyll builds',
    { timeout: 240_000 },
    async () => {
      // What "Test connection" asks for; Firefox match patterns carry no port.
      const origin = repositoryOriginPattern(repoUrl());
      expect(origin).toBe('http://127.0.0.1/*');
      const firefox = await launchFirefoxWithExtension({
        profileDir: path.join(work, 'granted-profile'),
        grantHostAccess: [origin],
        systemAccess: true,
        consoleOutput: true,
      });
      try {
        const options = await configureAndTest(
          firefox,
          /^Connected: branch main is there and the token may push\.$/,
        );
        await saveByShortcut(firefox, fixtures.url('pages/harbor-ferry-news.html'));
        const before = await remoteLog();
        const library = await publishFromLibrary(firefox, 'Published 1, queued 0, failed 0.');
        expect(await remoteLog()).toEqual([`Add "${TITLE}"`, ...before]);

        const dir = path.join(work, 'clone');
        const url = `${server.origin.replace('http://', `http://reader:${TOKEN}@`)}/site.git`;
        await git(['clone', '--quiet', url, dir]);
        const changed = (await git(['show', '--name-only', '--format=', 'HEAD'], dir))
          .trim()
          .split('\n')
          .sort();
        expect(changed).toHaveLength(2);
        const post = changed.find((file) => file.startsWith('_posts/'))!;
        expect(post).toMatch(/^_posts\/\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.md$/);
        expect(changed).toEqual([`_gleaner/${post.replace(/\.md$/, '.json')}`, post]);
        expect(parseFrontMatter(readFileSync(path.join(dir, post), 'utf8')).data).toMatchObject({
          layout: 'post',
          title: TITLE,
        });
        const sidecar = JSON.parse(
          readFileSync(path.join(dir, '_gleaner', post.replace(/\.md$/, '.json')), 'utf8'),
        ) as { article: { title: string } };
        expect(sidecar.article.title).toBe(TITLE);

        const built = buildJekyll(dir);
        expect(built.status, built.output).toBe(0);
        const slug = post.slice('_posts/2000-01-01-'.length, -'.md'.length);
        const sitePage = (
          readdirSync(path.join(dir, '_site'), { recursive: true }) as string[]
        ).find((file) => file.endsWith(`${slug}.html`));
        expect(sitePage, 'the post has a page in _site').toBeDefined();
        expect(readFileSync(path.join(dir, '_site', sitePage!), 'utf8')).toContain(
          `<h1 id="title">${TITLE}</h1>`,
        );

        for (const page of [options, library]) expect(await page.content()).not.toContain(TOKEN);
      } finally {
        logs.push(firefox.output());
        await firefox.close();
      }
    },
  );

  it(
    'without the grant, the browser blocks it: the test says so, and nothing reaches the repository',
    { timeout: 240_000 },
    async () => {
      const firefox = await launchFirefoxWithExtension({
        profileDir: path.join(work, 'bare-profile'),
        grantHostAccess: false,
        systemAccess: true,
        consoleOutput: true,
      });
      try {
        const before = await remoteLog();
        const asked = server.requests.length;
        const options = await configureAndTest(
          firefox,
          /Gleaner may not reach http:\/\/127\.0\.0\.1:\d+ yet/,
        );
        expect(await options.$eval('[data-testid=git-status]', (line) => line.textContent)).toBe(
          `The server cannot be reached (offline, down, or it refuses this extension). ` +
            `Gleaner may not reach ${server.origin} yet: allow it when the browser asks.`,
        );

        await saveByShortcut(firefox, fixtures.url('pages/harbor-ferry-news.html'));
        const library = await publishFromLibrary(firefox, 'Published 0, queued 1, failed 0.');
        expect(await remoteLog()).toEqual(before);
        // Firefox let out only what carries no credentials: Test connection's anonymous first
        // request (its 401 hidden from the add-on), and the publish's CORS preflight (a request
        // with credentials asks first; the server's answer names no extension, so it stops there).
        const seen = server.requests.slice(asked);
        expect(seen.length).toBeGreaterThan(0);
        expect(seen.filter((r) => r.credentials)).toEqual([]);
        for (const request of seen)
          expect(['GET /site.git/info/refs 401', 'OPTIONS /site.git/info/refs 204']).toContain(
            `${request.method} ${request.path} ${request.status}`,
          );

        for (const page of [options, library]) expect(await page.content()).not.toContain(TOKEN);
      } finally {
        logs.push(firefox.output());
        await firefox.close();
      }
    },
  );

  it('never lets the token into a commit, a page or a log', async () => {
    expect(await git(['log', '-p', '--all'], server.repoPath('site'))).not.toContain(TOKEN);
    // The capture works: each browser's output holds what its options page logged.
    expect(logs.join('\n').match(/console\.log: "gleaner-console-probe"/g)).toHaveLength(2);
    expect(logs.filter((line) => line.includes(TOKEN))).toEqual([]);
  });
});
