/**
 * `npm run bench:sync` (issue 16): a repository holding 10,000 published and synced articles
 * (the library bench's articles: each with its post and sidecar as Publish writes them, and its
 * `_gleaner/library/` record as a sync writes it), served by git's own `git http-backend` on
 * 127.0.0.1, and the real extension in Debian's headless Chromium syncing with it:
 * 1. the first sync into an empty profile (time, bytes the server sent);
 * 2. a sync after another device pushed 10 new articles (time, bytes: only what changed);
 * 3. publishing one new article into the 10k repository, 10 times (median, p95, max).
 * Bytes are counted by the server (the bodies of its answers), so they are what went over HTTP.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_EXPORT_SETTINGS } from '../lib/export/export-settings';
import type { ArticleBundle, LibraryArticle } from '../lib/library/types';
import type { Highlight } from '../lib/model';
import { publishFiles } from '../lib/publish/publish-files';
import type { PublishOutcome } from '../lib/publish/publish-queue';
import { recordContent, recordPath } from '../lib/sync/sync-files';
import type { SyncReport } from '../lib/sync/sync-with-git';
import { urlKey } from '../lib/url';
import { git, startGitServer, type GitServer } from '../tests/support/git-server';
import { loadBases, makeRecord, type Base } from './support/bench-articles';
import { profileServiceWorker } from './support/cpu-profile';
import { ask, untilIndexed } from './support/ask-background';
import { launchExtensionBrowser } from './support/extension-browser';

const COUNT = Number(process.env.BENCH_ARTICLES ?? 10_000);
const NEW_ARTICLES = 10;
const PUBLISHES = 10;
const TOKEN = 'bench-sync-token-7d2a';
const SETTINGS = { export: DEFAULT_EXPORT_SETTINGS, siteRules: [] };

type Record = ReturnType<typeof makeRecord>;

/** Article `i` as a device stores it: with its id, URL key and highlight ids. */
function bundleOf(record: Record, i: number): ArticleBundle {
  const id = `bench-${String(i).padStart(5, '0')}`;
  const article: LibraryArticle = {
    ...record.article,
    id,
    urlKey: urlKey(record.article.canonicalUrl),
  };
  const highlights: Highlight[] = record.highlights.map((h, k) => ({
    ...h,
    color: h.color ?? 'yellow',
    id: `${id}-h${k + 1}`,
    articleId: id,
  }));
  return { article, highlights };
}

/** Writes article `i`'s files into a work tree: post, sidecar (as Publish) and record (as sync). */
function writeArticle(work: string, bundle: ArticleBundle): void {
  const { request } = publishFiles(bundle, SETTINGS, { dom: false });
  const files = [
    ...request.files,
    { path: recordPath(bundle.article.id), content: recordContent(bundle) },
  ];
  for (const file of files) {
    const full = path.join(work, file.path);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, file.content);
  }
}

async function commitAndPush(work: string, message: string): Promise<void> {
  await git(['add', '-A'], work);
  await git(['commit', '--quiet', '-m', message], work);
  await git(['push', '--quiet', 'origin', 'main'], work);
}

/** Runs `work`, returning how long it took and the bytes the server sent meanwhile. */
async function metered<T>(server: GitServer, work: () => Promise<T>) {
  const from = server.requests.length;
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  const answers = server.requests.slice(from);
  const bytes = answers.reduce((sum, r) => sum + r.bytes, 0);
  const serverMs = answers.reduce((sum, r) => sum + r.ms, 0);
  return { value, ms, bytes, serverMs, requests: answers.length };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const size = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${(bytes / 1024).toFixed(1)} KB`;
const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' / ');

async function main() {
  console.log(`machine: ${cpus().length} cores, load average ${load()} (1/5/15 min) at the start`);
  const { bases } = await loadBases();
  const byLang = { en: [] as number[], zh: [] as number[] };
  bases.forEach((b: Base, i) => byLang[b.lang].push(i));
  const total = COUNT + NEW_ARTICLES + PUBLISHES;
  const record = (i: number) => makeRecord(bases, byLang, i, total);

  const dir = mkdtempSync(path.join(tmpdir(), 'gleaner-bench-sync-'));
  const server = await startGitServer({ user: 'reader', password: TOKEN });
  try {
    // ── the 10k repository: written with the extension's own renderers, committed with git ──
    const built = performance.now();
    await server.createRepo('site', 'main', { '_config.yml': 'title: Site\n' });
    const work = path.join(dir, 'device-b');
    await git(['clone', '--quiet', server.repoPath('site'), work]);
    await git(['config', 'user.name', 'Other Device'], work);
    await git(['config', 'user.email', 'other@example.org'], work);
    let highlights = 0;
    for (let i = 0; i < COUNT; i++) {
      const bundle = bundleOf(record(i), i);
      highlights += bundle.highlights.length;
      writeArticle(work, bundle);
    }
    await commitAndPush(work, `Publish and sync ${COUNT} articles`);
    const objects = await git(['count-objects', '-vH'], server.repoPath('site'));
    const packSize = /size-pack: (.+)/.exec(objects)?.[1] ?? '?';
    console.log(
      `repository: ${COUNT.toLocaleString()} articles (${highlights.toLocaleString()} highlights), ` +
        `${(COUNT * 3).toLocaleString()} files (post, sidecar, library record each), ` +
        `pack ${packSize}, built in ${seconds(performance.now() - built)}`,
    );

    // ── the extension, set up for the repository as a user does in the options ──
    const browser = await launchExtensionBrowser({ profileDir: path.join(dir, 'profile') });
    try {
      const origin = `chrome-extension://${browser.extensionId}`;
      server.setCorsOrigin(origin);
      await browser.context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
      const options = await browser.context.newPage();
      await options.goto(`${origin}/options.html`);
      await options.getByTestId('target-select').selectOption('git');
      await options.getByTestId('git-url').fill(`${server.origin}/site.git`);
      await options.getByTestId('git-branch').fill('main');
      await options.getByTestId('git-username').fill('reader');
      await options.getByTestId('git-token').fill(TOKEN);
      await options.getByTestId('git-author-name').fill('Reader');
      await options.getByTestId('git-test').click();
      await options
        .getByTestId('git-status')
        .filter({ hasText: 'Connected' })
        .waitFor({ timeout: 60_000 });
      await options.close();
      const page = await browser.context.newPage();
      await page.goto(`${origin}/library.html`);
      const sync = () => metered(server, () => ask<SyncReport>(page, { type: 'library:sync' }));

      // 1. First sync into the empty profile.
      console.log(`first sync starting; load average ${load()}`);
      const first = await sync();
      const { total: entries } = await ask<{ total: number | null }>(page, {
        type: 'library:entries',
        offset: 0,
        limit: 1,
        withText: false,
        withTotal: true,
      });
      console.log(
        `first sync into an empty profile: ${seconds(first.ms)}, ${size(first.bytes)} fetched ` +
          `(${first.requests} requests); received ${first.value.received.toLocaleString()}, ` +
          `sent ${first.value.sent}, conflicts ${first.value.conflicts.length}; library holds ${entries}`,
      );

      // The background indexes what the sync wrote; the next syncs are measured on a library at
      // rest, as a user's scheduled sync finds it.
      const indexed = await untilIndexed(page);
      console.log(`search index caught up ${seconds(indexed)} after the first sync`);

      // 2. Another device pushes 10 new articles; this profile syncs them in.
      for (let i = COUNT; i < COUNT + NEW_ARTICLES; i++) writeArticle(work, bundleOf(record(i), i));
      await git(['pull', '--quiet', '--rebase', 'origin', 'main'], work);
      await commitAndPush(work, `Publish and sync ${NEW_ARTICLES} articles`);
      const next = await sync();
      console.log(
        `sync bringing ${NEW_ARTICLES} new articles: ${seconds(next.ms)}, ${size(next.bytes)} fetched ` +
          `(${next.requests} requests; ${((next.bytes / first.bytes) * 100).toFixed(2)} % of the first ` +
          `sync's bytes, ${((next.ms / first.ms) * 100).toFixed(1)} % of its time); ` +
          `received ${next.value.received}, sent ${next.value.sent}`,
      );
      await untilIndexed(page);
      const idle = await sync();
      console.log(
        `sync with nothing new: ${seconds(idle.ms)}, ${size(idle.bytes)} fetched; ` +
          `received ${idle.value.received}, sent ${idle.value.sent}`,
      );

      // 3. Publish one new article into the 10k repository, ten times.
      const times: number[] = [];
      const bytes: number[] = [];
      const serverTimes: number[] = [];
      const profiler =
        process.env.BENCH_PROFILE === 'publish'
          ? await profileServiceWorker(browser.context)
          : null;
      for (let k = 0; k < PUBLISHES; k++) {
        const i = COUNT + NEW_ARTICLES + k;
        const { article } = bundleOf(record(i), i);
        const { id, urlKey: key, tags, savedAt, updatedAt, ...extracted } = article;
        void [id, key, savedAt, updatedAt];
        const saved = await ask<{ article: LibraryArticle }>(page, {
          type: 'article:save',
          article: extracted,
          tags,
        });
        const { request } = publishFiles({ article: saved.article, highlights: [] }, SETTINGS, {
          dom: false,
        });
        const run = await metered(server, () =>
          ask<PublishOutcome>(page, { type: 'publish:article', ...request }),
        );
        if (run.value.status !== 'published' || run.value.action !== 'add' || !run.value.commit)
          throw new Error(`publish ${k + 1} did not add a post: ${JSON.stringify(run.value)}`);
        times.push(run.ms);
        bytes.push(run.bytes);
        serverTimes.push(run.serverMs);
      }
      if (profiler) {
        console.log('service worker, self time during the publishes:');
        for (const { frame, ms } of await profiler.stop(30))
          console.log(`  ${String(ms).padStart(6)} ms  ${frame}`);
      }
      const median = percentile(times, 50);
      console.log(
        `publish one article into the ${COUNT.toLocaleString()}-article repository (${PUBLISHES} runs): ` +
          `median ${seconds(median)}, p95 ${seconds(percentile(times, 95))}, max ${seconds(Math.max(...times))}; ` +
          `median ${size(percentile(bytes, 50))} fetched, the server's share ${seconds(percentile(serverTimes, 50))} ` +
          `— goal < 2 s: ${median < 2000 ? 'met' : 'MISSED'}`,
      );
      console.log(`load average at the end: ${load()}`);
    } finally {
      await browser.close();
    }
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
