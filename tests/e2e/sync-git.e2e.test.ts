/**
 * Library sync between two browser profiles through one git repository (issue 16), each the real
 * extension in headless Chromium, against a real git server (git http-backend behind basic auth,
 * answering the extension's origin with CORS: headless Chromium cannot grant host access).
 * Articles, tags, highlights and notes are made through the background's own protocol; syncing
 * goes through the library page's Sync button.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ArticleBundle } from '@/lib/library/types';
import type { ExtractedArticle, Highlight } from '@/lib/model';
import { git, startGitServer, type GitServer } from '../support/git-server';
import { useExtensionSession, type ExtensionSession } from './support/session';

const TOKEN = 'e2e-sync-token-4c1f9a27d8';
declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

function clip(n: number, title: string, text: string): ExtractedArticle {
  const url = `https://news.example/${n}`;
  return {
    title,
    byline: null,
    siteName: 'News Example',
    language: n === 2 ? 'zh-CN' : 'en',
    url,
    canonicalUrl: url,
    published: `2026-12-0${n}T08:00:00+08:00`,
    excerpt: null,
    leadImage: null,
    keywords: [],
    html: `<p>${text}</p>`,
    markdown: text,
    text,
    wordCount: text.split(/\s+/).length,
    source: 'article',
  };
}

const ARTICLES = [
  clip(
    1,
    'Night ferries return',
    'For the first time in ten years passengers cross after midnight.',
  ),
  clip(2, '连接5亿微信活跃用户', '百果园已经用企业微信管理了旗下 5000 家门店'),
  clip(3, 'Harbour fog warning', 'The harbour master has warned that fog may cancel crossings.'),
];

describe('library sync through a git repository, two profiles', () => {
  const a = useExtensionSession('sync-a');
  const b = useExtensionSession('sync-b');
  let server: GitServer;
  const pages = new Map<ExtensionSession, Page>();
  const logs: string[] = [];

  const page = (session: ExtensionSession) => pages.get(session)!;
  const ask = async <T>(session: ExtensionSession, request: object): Promise<T> => {
    const answer = (await page(session).evaluate(
      (r) => chrome.runtime.sendMessage(r),
      request,
    )) as { ok: boolean; value: T; error?: { message: string } };
    if (!answer.ok) throw new Error(answer.error?.message ?? 'request failed');
    return answer.value;
  };
  const library = async (session: ExtensionSession): Promise<ArticleBundle[]> => {
    const { entries } = await ask<{ entries: { card: { id: string } }[] }>(session, {
      type: 'library:entries',
      offset: 0,
      limit: 100,
      withText: false,
    });
    const ids = entries.map((e) => e.card.id).sort();
    const bundles = await ask<ArticleBundle[]>(session, { type: 'library:bundles', ids });
    return bundles.map((x) => ({
      article: x.article,
      highlights: [...x.highlights].sort((p, q) => p.id.localeCompare(q.id)),
    }));
  };
  const sync = async (session: ExtensionSession): Promise<string> => {
    const p = page(session);
    const status = p.getByTestId('sync-status');
    const runs = Number(await status.getAttribute('data-runs'));
    await p.getByTestId('sync-button').click();
    await expect
      .poll(async () => Number(await status.getAttribute('data-runs')), { timeout: 60_000 })
      .toBe(runs + 1);
    return (await status.textContent()) ?? '';
  };
  const highlight = (session: ExtensionSession, articleId: string, quote: string, note: string) =>
    ask<Highlight>(session, {
      type: 'highlight:create',
      articleId,
      quote,
      note,
      color: 'yellow',
      articleSelectors: [{ type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' }],
    });

  it('configures both profiles for the same repository', { timeout: 180_000 }, async () => {
    const origin = `chrome-extension://${a.browser.extensionId}`;
    // One build, one extension id in both profiles.
    expect(b.browser.extensionId).toBe(a.browser.extensionId);
    server = await startGitServer({ user: 'reader', password: TOKEN, corsOrigin: origin });
    await server.createRepo('site', 'main', { '_config.yml': 'title: Site\n' });
    for (const session of [a, b]) {
      const options = await session.browser.context.newPage();
      await options.goto(`${origin}/options.html`);
      await options.getByTestId('target-select').selectOption('git');
      await options.getByTestId('git-url').fill(`${server.origin}/site.git`);
      await options.getByTestId('git-branch').fill('main');
      await options.getByTestId('git-username').fill('reader');
      await options.getByTestId('git-token').fill(TOKEN);
      await options.getByTestId('git-author-name').fill('Reader');
      await options.getByTestId('git-test').click();
      await expect
        .poll(() => options.getByTestId('git-status').textContent(), { timeout: 30_000 })
        .toBe('Connected: branch main is there and the token may push.');
      // A's library also syncs by itself every 15 minutes (a browser alarm).
      if (session === a) await options.getByTestId('sync-interval').selectOption('15');
      await options.close();
      const libraryPage = await session.browser.context.newPage();
      libraryPage.on('console', (message) => logs.push(message.text()));
      libraryPage.on('pageerror', (error) => logs.push(String(error)));
      await libraryPage.goto(`${origin}/library.html`);
      pages.set(session, libraryPage);
    }
  });

  it('schedules the chosen sync as an alarm, and none where none was chosen', async () => {
    const alarm = async (session: ExtensionSession) =>
      (await session.browser.worker()).evaluate(async () => {
        const found = await (
          globalThis as unknown as {
            chrome: {
              alarms: { get(name: string): Promise<{ periodInMinutes?: number } | undefined> };
            };
          }
        ).chrome.alarms.get('gleaner-library-sync');
        return found?.periodInMinutes ?? null;
      });
    await expect.poll(() => alarm(a)).toBe(15);
    expect(await alarm(b)).toBeNull();
  });

  it(
    'gives B the three articles A saved, with tags, highlights and notes, ids and all',
    { timeout: 180_000 },
    async () => {
      for (const [index, article] of ARTICLES.entries()) {
        const saved = await ask<{ article: { id: string } }>(a, {
          type: 'article:save',
          article,
          tags: [`tag-${index + 1}`, 'shared'],
        });
        const first = article.text.split(' ').slice(0, 3).join(' ');
        await highlight(a, saved.article.id, first, `note on ${index + 1}`);
      }
      expect(await sync(a)).toBe('Synced: 0 received, 3 sent.');
      expect(await sync(b)).toBe('Synced: 3 received, 0 sent.');
      const onA = await library(a);
      expect(onA).toHaveLength(3);
      expect(onA.every((x) => x.highlights.length === 1 && x.highlights[0]!.note)).toBe(true);
      expect(await library(b)).toEqual(onA);
      // The list of B's library page shows them.
      await expect
        .poll(() => page(b).getByTestId('library-count').textContent(), { timeout: 30_000 })
        .toContain('3');
    },
  );

  it(
    'merges what both changed offline, in either order, and the deleted article stays deleted',
    { timeout: 240_000 },
    async () => {
      const before = await library(a);
      const byTitle = (title: string) => before.find((x) => x.article.title === title)!;
      const ferries = byTitle('Night ferries return');
      const wechat = byTitle('连接5亿微信活跃用户');
      const fog = byTitle('Harbour fog warning');
      // A: a tag on the ferries, and the fog article deleted.
      await ask(a, {
        type: 'library:retag',
        ids: [ferries.article.id],
        add: ['from-a'],
        remove: [],
      });
      await ask(a, { type: 'library:delete', ids: [fog.article.id] });
      // B: a highlight on the WeChat article, and the ferries' note edited.
      await highlight(b, wechat.article.id, '5000 家门店', 'added on B');
      await ask(b, {
        type: 'highlight:update',
        id: ferries.highlights[0]!.id,
        note: 'edited on B',
      });

      // B syncs first, then A, then B again to take what A merged.
      expect(await sync(b)).toBe('Synced: 0 received, 2 sent.');
      // A merges B's two records (the ferries' merge goes back with A's tombstone of the fog).
      expect(await sync(a)).toBe('Synced: 2 received, 2 sent.');
      // B takes the merged ferries and deletes the fog article.
      expect(await sync(b)).toBe('Synced: 2 received, 0 sent.');

      const onA = await library(a);
      const onB = await library(b);
      expect(onB).toEqual(onA);
      expect(onA.map((x) => x.article.title).sort()).toEqual([
        'Night ferries return',
        '连接5亿微信活跃用户',
      ]);
      const ferriesNow = onA.find((x) => x.article.id === ferries.article.id)!;
      expect(ferriesNow.article.tags).toEqual(['tag-1', 'shared', 'from-a']);
      expect(ferriesNow.highlights.map((h) => h.note)).toEqual(['edited on B']);
      const wechatNow = onA.find((x) => x.article.id === wechat.article.id)!;
      expect(wechatNow.highlights.map((h) => h.note).sort()).toEqual(['added on B', 'note on 2']);

      // Once more on both: nothing to send, nothing comes back.
      expect(await sync(a)).toBe('Synced: 0 received, 0 sent.');
      expect(await sync(b)).toBe('Synced: 0 received, 0 sent.');
      expect((await library(b)).some((x) => x.article.id === fog.article.id)).toBe(false);

      const files = (await git(['ls-tree', '-r', '--name-only', 'main'], server.repoPath('site')))
        .trim()
        .split('\n');
      expect(files).toContain(`_gleaner/deleted/${fog.article.id}.json`);
      expect(files).not.toContain(`_gleaner/library/${fog.article.id}.json`);
      // The token is in no commit, and in nothing the pages or the worker logged.
      expect(await git(['log', '-p', '--all'], server.repoPath('site'))).not.toContain(TOKEN);
      expect(logs.join('\n')).not.toContain(TOKEN);
    },
  );

  it('closes the server', async () => {
    await server.close();
  });
});
