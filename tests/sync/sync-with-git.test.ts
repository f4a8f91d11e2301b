/**
 * Two devices syncing one library through a real git server (git http-backend), each with its
 * own database and its own local clone, as two browsers would.
 */
import { randomBytes } from 'node:crypto';
import LightningFS from '@isomorphic-git/lightning-fs';
import gitObjects from 'isomorphic-git';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_EXPORT_SETTINGS } from '@/lib/export/export-settings';
import { renderLibraryPost } from '@/lib/library/library-post';
import type { ArticleBundle } from '@/lib/library/types';
import { createGitHttp } from '@/lib/publish/git-http';
import { openGitRepo } from '@/lib/publish/git-repo';
import { EMPTY_GIT_TARGET, type GitTarget } from '@/lib/publish/git-target';
import { publishToGit } from '@/lib/publish/publish-to-git';
import { GleanerDB } from '@/lib/storage/db';
import {
  addHighlight,
  deleteHighlight,
  restoreHighlight,
  updateHighlight,
} from '@/lib/storage/highlights-repo';
import {
  deleteArticles,
  getBundles,
  restoreBundles,
  retagArticles,
} from '@/lib/storage/library-repo';
import { syncWithGit } from '@/lib/sync/sync-with-git';
import { storedArticle, storedHighlight } from '../library/support';
import { git, startGitServer, type GitServer } from '../support/git-server';

// lightning-fs takes browsers' navigator.locks when there is one; Node 20 has no navigator at all.
vi.stubGlobal('navigator', {});

const TOKEN = 'tok-sync-5e1d0c7a9b';

interface Device {
  db: GleanerDB;
  sync(at: string): ReturnType<typeof syncWithGit>;
}

/**
 * A device: its own library and clone, syncing with the target as `target()` gives it when the
 * sync runs (the suites set theirs in beforeAll). Its database goes into `dbs` for the clean-up.
 */
function syncDevice(name: string, target: () => GitTarget, dbs: GleanerDB[]): Device {
  const db = new GleanerDB(`sync-${name}-${Math.random()}`);
  dbs.push(db);
  const fs = new LightningFS(`sync-fs-${name}-${Math.random()}`, { wipe: true });
  return {
    db,
    sync: (at) =>
      syncWithGit({
        db,
        repo: openGitRepo(target(), { username: 'alice', token: TOKEN }, createGitHttp(), fs),
        now: () => new Date(at),
      }),
  };
}

async function library(db: GleanerDB): Promise<ArticleBundle[]> {
  const ids = (await db.articles.toCollection().primaryKeys()).sort();
  return (await getBundles(db, ids)).map(({ article, highlights }) => {
    const { images, ...rest } = article;
    void images;
    return {
      article: rest,
      highlights: [...highlights].sort((a, b) => a.id.localeCompare(b.id)),
    };
  });
}

describe('syncWithGit', { timeout: 60_000 }, () => {
  let server: GitServer;
  let target: GitTarget;
  const devices: GleanerDB[] = [];

  const device = (name: string) => syncDevice(name, () => target, devices);
  const remoteFiles = async () =>
    (await git(['ls-tree', '-r', '--name-only', 'main'], server.repoPath('site')))
      .trim()
      .split('\n');

  beforeAll(async () => {
    server = await startGitServer({ user: 'alice', password: TOKEN });
    const url = await server.createRepo('site', 'main', { '_config.yml': 'title: Site\n' });
    target = { ...EMPTY_GIT_TARGET, url, branch: 'main', folder: 'blog', authorName: 'Reader' };
  });
  afterAll(async () => {
    await server.close();
    for (const db of devices) await db.delete();
  });

  const a = device('a');
  const b = device('b');

  it('sends one device’s library and gives it to the other, ids and all', async () => {
    await a.db.articles.bulkAdd([1, 2, 3].map((n) => storedArticle(n)));
    await a.db.highlights.bulkAdd([
      storedHighlight('a-1', 1),
      storedHighlight('a-1', 2),
      storedHighlight('a-2', 1),
      storedHighlight('a-3', 1),
    ]);
    const sent = await a.sync('2026-12-06T10:00:00Z');
    expect(sent).toMatchObject({ received: 0, sent: 3, conflicts: [], skipped: 0 });
    expect(sent.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(await remoteFiles()).toEqual([
      '_config.yml',
      'blog/_gleaner/library/a-1.json',
      'blog/_gleaner/library/a-2.json',
      'blog/_gleaner/library/a-3.json',
    ]);

    const got = await b.sync('2026-12-06T10:01:00Z');
    expect(got).toMatchObject({ received: 3, sent: 0, commit: null, conflicts: [] });
    expect(await library(b.db)).toEqual(await library(a.db));
  });

  it('reads nothing and sends nothing when nothing changed', async () => {
    const before = server.requests.length;
    const reads = vi.spyOn(gitObjects, 'readBlob');
    // Nor does it read the library's articles: their versions come from the updatedAt index.
    const articlesRead: string[] = [];
    const onRead = (article: { id: string }) => {
      articlesRead.push(article.id);
      return article;
    };
    a.db.articles.hook('reading', onRead);
    const again = await a.sync('2026-12-06T10:02:00Z');
    a.db.articles.hook('reading').unsubscribe(onRead);
    expect(again).toMatchObject({ received: 0, sent: 0, commit: null });
    expect(reads).not.toHaveBeenCalled();
    expect(articlesRead).toEqual([]);
    reads.mockRestore();
    // One fetch (its ref advertisement and pack request), no push.
    expect(server.requests.slice(before).some((r) => r.path.endsWith('git-receive-pack'))).toBe(
      false,
    );
  });

  it('merges changes made offline on both sides, in either order, and keeps deletions', async () => {
    // A: a tag on 1, and 3 deleted.
    await retagArticles(a.db, ['a-1'], { add: ['from-a'], remove: [] }, '2026-12-06T11:00:00Z');
    await deleteArticles(a.db, ['a-3'], new Date('2026-12-06T11:01:00Z'));
    // B: a highlight on 2, and the note of 1's first highlight edited.
    await addHighlight(
      b.db,
      {
        articleId: 'a-2',
        quote: 'quote 5',
        note: 'new on B',
        color: 'green',
        articleSelectors: storedHighlight('a-2', 5).articleSelectors,
        pageSelectors: [],
      },
      '2026-12-06T11:02:00Z',
      () => 'b-h5',
    );
    await updateHighlight(b.db, 'a-1-h1', { note: 'edited on B' }, '2026-12-06T11:03:00Z');

    // B first this time, then A, then B again to take A's merge.
    await b.sync('2026-12-06T12:00:00Z');
    const reads = vi.spyOn(gitObjects, 'readBlob');
    const onA = await a.sync('2026-12-06T12:01:00Z');
    // Only the two records B changed are read, not the third one.
    expect(reads).toHaveBeenCalledTimes(2);
    reads.mockRestore();
    expect(onA.conflicts).toEqual([]);
    await b.sync('2026-12-06T12:02:00Z');

    const libraryA = await library(a.db);
    expect(await library(b.db)).toEqual(libraryA);
    expect(libraryA.map((x) => x.article.id)).toEqual(['a-1', 'a-2']);
    const [one, two] = libraryA;
    expect(one?.article.tags).toEqual(['t1', 'from-a']);
    expect(one?.highlights.find((h) => h.id === 'a-1-h1')?.note).toBe('edited on B');
    expect(two?.highlights.map((h) => h.id)).toEqual(['a-2-h1', 'b-h5']);
    expect(await b.db.tombstones.get('a-3')).toMatchObject({ kind: 'article' });

    const files = await remoteFiles();
    expect(files).toContain('blog/_gleaner/deleted/a-3.json');
    expect(files).not.toContain('blog/_gleaner/library/a-3.json');
    // Nothing left to do on either side: the two hold the same library as the repository.
    expect(await a.sync('2026-12-06T12:03:00Z')).toMatchObject({ sent: 0, commit: null });
    expect(await b.sync('2026-12-06T12:04:00Z')).toMatchObject({ sent: 0, commit: null });
  });

  it('converges with A syncing first too, and a deleted highlight stays deleted', async () => {
    // A: the note of 2's first highlight edited; B: that highlight deleted, and a tag off 2.
    await updateHighlight(a.db, 'a-2-h1', { note: 'edited on A' }, '2026-12-06T13:00:00Z');
    await deleteHighlight(b.db, 'a-2-h1', new Date('2026-12-06T13:01:00Z'));
    await retagArticles(b.db, ['a-2'], { add: [], remove: ['t2'] }, '2026-12-06T13:02:00Z');

    await a.sync('2026-12-06T14:00:00Z');
    await b.sync('2026-12-06T14:01:00Z');
    await a.sync('2026-12-06T14:02:00Z');

    const libraryA = await library(a.db);
    expect(await library(b.db)).toEqual(libraryA);
    const two = libraryA.find((x) => x.article.id === 'a-2');
    expect(two?.highlights.map((h) => h.id)).toEqual(['b-h5']);
    expect(two?.article.tags).toEqual([]);
    expect(await a.db.tombstones.get('a-2-h1')).toMatchObject({ kind: 'highlight' });
  });

  it('fetches only what changed since its last sync', async () => {
    const uploads = (from: number) =>
      server.requests
        .slice(from)
        .filter((r) => r.path.endsWith('git-upload-pack'))
        .reduce((sum, r) => sum + r.bytes, 0);
    // Texts that do not compress away: what a fetch of them costs shows in bytes.
    await a.db.articles.bulkAdd(
      Array.from({ length: 60 }, (_, i) =>
        storedArticle(100 + i, { text: randomBytes(2_000).toString('hex') }),
      ),
    );
    await a.sync('2026-12-06T15:00:00Z');
    const c = device('c');
    let from = server.requests.length;
    await c.sync('2026-12-06T15:01:00Z');
    const first = uploads(from);
    await a.db.articles.add(storedArticle(200));
    await a.sync('2026-12-06T15:02:00Z');
    from = server.requests.length;
    expect(await c.sync('2026-12-06T15:03:00Z')).toMatchObject({ received: 1 });
    const next = uploads(from);
    expect(first).toBeGreaterThan(100_000);
    expect(next).toBeLessThan(first / 20);
  });

  it('sends an edit made in the second it last synced in (times have whole seconds)', async () => {
    const second = '2026-12-06T16:00:00+00:00';
    await a.db.articles.add(storedArticle(300, { updatedAt: second }));
    expect(await a.sync('2026-12-06T16:00:00.300Z')).toMatchObject({ sent: 1 });
    // A retag later in the same second: its time is the one the sync saw.
    await a.db.articles.update('a-300', { tags: ['racy'], updatedAt: second });
    expect(await a.sync('2026-12-06T16:00:00.800Z')).toMatchObject({ sent: 1 });
    const record = await git(
      ['show', 'main:blog/_gleaner/library/a-300.json'],
      server.repoPath('site'),
    );
    expect(JSON.parse(record).article.tags).toEqual(['racy']);
    // Once the second is over, the version is kept and nothing more is read or sent.
    expect(await a.sync('2026-12-06T16:00:01.500Z')).toMatchObject({ sent: 0 });
  });

  it('never writes the token into the repository', async () => {
    const everything = await git(['log', '-p', '--all'], server.repoPath('site'));
    expect(everything).not.toContain(TOKEN);
  });
});

describe('syncWithGit and what Publish wrote', { timeout: 60_000 }, () => {
  let server: GitServer;
  let target: GitTarget;
  const db = new GleanerDB(`sync-published-${Math.random()}`);
  const fs = new LightningFS(`sync-published-fs-${Math.random()}`, { wipe: true });
  const sync = (at: string) =>
    syncWithGit({
      db,
      repo: openGitRepo(target, { username: 'alice', token: TOKEN }, createGitHttp(), fs),
      now: () => new Date(at),
    });

  beforeAll(async () => {
    server = await startGitServer({ user: 'alice', password: TOKEN });
    const url = await server.createRepo('site', 'main', { '_config.yml': 'title: Site\n' });
    target = { ...EMPTY_GIT_TARGET, url, branch: 'main', authorName: 'Reader' };
  });
  afterAll(async () => {
    await server.close();
    await db.delete();
  });

  it('takes in an article another device published, its Markdown read from the post', async () => {
    const markdown = 'The night ferry restarts on Monday with three electric boats. '
      .repeat(3)
      .trim();
    const article = storedArticle(7, { markdown, text: markdown, tags: ['ferries'] });
    // (No highlight: marking one in the post needs a DOM, which this Node test has not.)
    const bundle = { article, highlights: [] };
    const files = renderLibraryPost(
      bundle,
      { export: DEFAULT_EXPORT_SETTINGS, siteRules: [] },
      new Set(),
    );
    expect(JSON.parse(files.sidecarContent).markdownInBody).toBeDefined();
    await publishToGit(openGitRepo(target, { username: 'alice', token: TOKEN }, createGitHttp()), {
      title: article.title,
      files: [
        { path: files.postPath, content: files.postContent },
        { path: files.sidecarPath, content: files.sidecarContent },
      ],
      lastPublished: {},
      now: new Date('2026-12-06T09:00:00Z'),
    });

    const got = await sync('2026-12-06T10:00:00Z');
    expect(got).toMatchObject({ received: 1, conflicts: [] });
    expect(await library(db)).toEqual([bundle]);

    // Deleted here: its post and sidecar leave the repository with its record; the tombstone stays.
    await deleteArticles(db, ['a-7'], new Date('2026-12-06T11:00:00Z'));
    await sync('2026-12-06T11:01:00Z');
    const remoteFiles = (
      await git(['ls-tree', '-r', '--name-only', 'main'], server.repoPath('site'))
    )
      .trim()
      .split('\n');
    expect(remoteFiles).toEqual(['_config.yml', '_gleaner/deleted/a-7.json']);
  });

  it('lists a file it cannot read instead of dropping it silently', async () => {
    const dir = `${server.root}/../broken-${Math.random().toString(36).slice(2)}`;
    await git(['clone', '--quiet', server.repoPath('site'), dir]);
    await git(['-c', 'user.name=x', '-c', 'user.email=x@x', 'checkout', '-q', 'main'], dir);
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(`${dir}/_gleaner/library`, { recursive: true });
    writeFileSync(`${dir}/_gleaner/library/broken.json`, '{ not json');
    await git(['add', '.'], dir);
    await git(['-c', 'user.name=x', '-c', 'user.email=x@x', 'commit', '-qm', 'broken'], dir);
    await git(['push', '-q', 'origin', 'main'], dir);
    const got = await sync('2026-12-06T12:00:00Z');
    expect(got.conflicts).toEqual([
      { kind: 'unreadable', path: '_gleaner/library/broken.json', reason: 'The file is not JSON' },
    ]);
  });
});

describe('syncWithGit and one page saved on two devices', { timeout: 60_000 }, () => {
  let server: GitServer;
  let target: GitTarget;
  const dbs: GleanerDB[] = [];
  const device = (name: string) => syncDevice(`twice-${name}`, () => target, dbs);

  beforeAll(async () => {
    server = await startGitServer({ user: 'alice', password: TOKEN });
    const url = await server.createRepo('site', 'main', { '_config.yml': 'title: Site\n' });
    target = { ...EMPTY_GIT_TARGET, url, branch: 'main', authorName: 'Reader' };
  });
  afterAll(async () => {
    await server.close();
    for (const db of dbs) await db.delete();
  });

  it('merges the two into one article on both devices, for good', async () => {
    const c = device('c');
    const d = device('d');
    await c.db.articles.add(
      storedArticle(1, { id: 'on-c', tags: ['c'], updatedAt: '2026-12-06T09:00:00Z' }),
    );
    await c.db.highlights.add(storedHighlight('on-c', 1));
    await d.db.articles.add(
      storedArticle(1, { id: 'on-d', tags: ['d'], updatedAt: '2026-12-06T09:30:00Z' }),
    );
    await d.db.highlights.add(storedHighlight('on-d', 2));
    await c.sync('2026-12-06T10:00:00Z');
    const first = await d.sync('2026-12-06T10:01:00Z');
    expect(first.conflicts).toEqual([]);
    const onD = await library(d.db);
    expect(onD.map((x) => x.article.id)).toEqual(['on-c']);
    expect(onD[0]?.article.tags).toEqual(['d']);
    expect(onD[0]?.highlights.map((h) => [h.id, h.articleId])).toEqual([
      ['on-c-h1', 'on-c'],
      ['on-d-h2', 'on-c'],
    ]);
    expect(await d.db.tombstones.get('on-d')).toMatchObject({ mergedInto: 'on-c' });
    expect(
      (await git(['ls-tree', '-r', '--name-only', 'main'], server.repoPath('site')))
        .trim()
        .split('\n'),
    ).toEqual(['_config.yml', '_gleaner/deleted/on-d.json', '_gleaner/library/on-c.json']);

    expect(await c.sync('2026-12-06T10:02:00Z')).toMatchObject({ conflicts: [], received: 1 });
    expect(await library(c.db)).toEqual(onD);
    // Settled: neither brings the other id back, nothing more to send.
    expect(await d.sync('2026-12-06T10:03:00Z')).toMatchObject({ sent: 0, commit: null });
    expect(await c.sync('2026-12-06T10:04:00Z')).toMatchObject({ sent: 0, commit: null });
    expect(await library(c.db)).toEqual(await library(d.db));
  });
});

describe('syncWithGit and a restored article', { timeout: 60_000 }, () => {
  let server: GitServer;
  let target: GitTarget;
  const dbs: GleanerDB[] = [];
  const device = (name: string) => syncDevice(`restore-${name}`, () => target, dbs);
  const files = async () =>
    (await git(['ls-tree', '-r', '--name-only', 'main'], server.repoPath('site')))
      .trim()
      .split('\n');

  beforeAll(async () => {
    server = await startGitServer({ user: 'alice', password: TOKEN });
    const url = await server.createRepo('site', 'main', { '_config.yml': 'title: Site\n' });
    target = { ...EMPTY_GIT_TARGET, url, branch: 'main', authorName: 'Reader' };
  });
  afterAll(async () => {
    await server.close();
    for (const db of dbs) await db.delete();
  });

  it('stays restored after its deletion was synced, on both devices', async () => {
    const a = device('a');
    const b = device('b');
    await a.db.articles.add(storedArticle(1));
    await a.db.highlights.add(storedHighlight('a-1', 1));
    await a.sync('2026-12-06T10:00:00Z');
    await b.sync('2026-12-06T10:01:00Z');

    // A deletes it; both sync: it is gone from B too, and its tombstone is in the repository.
    const bundles = await deleteArticles(a.db, ['a-1'], new Date('2026-12-06T11:00:00Z'));
    await a.sync('2026-12-06T11:01:00Z');
    await b.sync('2026-12-06T11:02:00Z');
    expect(await library(b.db)).toEqual([]);
    expect(await files()).toContain('_gleaner/deleted/a-1.json');

    // A undoes the delete (its clock now reads earlier than the deletion: the restore still wins).
    await restoreBundles(a.db, bundles, '2026-12-06T10:30:00Z');
    expect(await a.sync('2026-12-06T11:03:00Z')).toMatchObject({ conflicts: [], sent: 2 });
    expect(await library(a.db)).toHaveLength(1);
    expect(await files()).toEqual(['_config.yml', '_gleaner/library/a-1.json']);
    expect(await b.sync('2026-12-06T11:04:00Z')).toMatchObject({ conflicts: [], received: 1 });
    expect(await library(b.db)).toEqual(await library(a.db));
    expect((await library(b.db))[0]?.highlights.map((h) => h.id)).toEqual(['a-1-h1']);
    expect(await b.db.tombstones.count()).toBe(0);
    expect(await a.sync('2026-12-06T11:05:00Z')).toMatchObject({ sent: 0, commit: null });

    // Deleted again on B after the restore: the new deletion wins everywhere.
    await deleteArticles(b.db, ['a-1'], new Date('2026-12-06T12:00:00Z'));
    await b.sync('2026-12-06T12:01:00Z');
    await a.sync('2026-12-06T12:02:00Z');
    expect(await library(a.db)).toEqual([]);
    expect(await files()).toEqual(['_config.yml', '_gleaner/deleted/a-1.json']);
  });

  it('keeps a restored highlight after its deletion was synced', async () => {
    const a = device('ha');
    const b = device('hb');
    await a.db.articles.add(storedArticle(2));
    await a.db.highlights.bulkAdd([storedHighlight('a-2', 1), storedHighlight('a-2', 2)]);
    await a.sync('2026-12-06T13:00:00Z');
    await b.sync('2026-12-06T13:01:00Z');
    const gone = await deleteHighlight(a.db, 'a-2-h1', new Date('2026-12-06T13:02:00Z'));
    await a.sync('2026-12-06T13:03:00Z');
    await b.sync('2026-12-06T13:04:00Z');
    expect((await library(b.db))[0]?.highlights.map((h) => h.id)).toEqual(['a-2-h2']);
    await restoreHighlight(a.db, gone!, new Date('2026-12-06T13:05:00Z'));
    await a.sync('2026-12-06T13:06:00Z');
    await b.sync('2026-12-06T13:07:00Z');
    expect((await library(b.db))[0]?.highlights.map((h) => h.id)).toEqual(['a-2-h1', 'a-2-h2']);
    expect(await library(b.db)).toEqual(await library(a.db));
    expect(await files()).not.toContain('_gleaner/deleted/a-2-h1.json');
  });
});
