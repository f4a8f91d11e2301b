/**
 * The queue against a real git server: a publish waits while the server is down (persisted in
 * IndexedDB), is sent once when it is back, and a wrong token fails without anything pushed.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createGitHttp } from '@/lib/publish/git-http';
import { EMPTY_GIT_TARGET, type GitTarget } from '@/lib/publish/git-target';
import { createSerialQueue, drainPublishQueue } from '@/lib/publish/publish-queue';
import { GleanerDB } from '@/lib/storage/db';
import { keepImage } from '@/lib/storage/images-repo';
import { enqueuePublish, listPublishQueue } from '@/lib/storage/publish-repo';
import type { QueuedPublish } from '@/lib/storage/publish-records';
import { git, gitBytes, startGitServer, type GitServer } from '../support/git-server';

// lightning-fs takes browsers' navigator.locks when there is one; Node 20 has no navigator at all.
vi.stubGlobal('navigator', {});

const TOKEN = 'tok-queue-77a1c9';

const item = (articleId: string, version: number): QueuedPublish => ({
  id: `${articleId}-${version}`,
  articleId,
  title: `Article ${articleId}`,
  files: [
    { path: `_posts/2022-01-12-${articleId}.md`, content: `v${version}\n` },
    { path: `_gleaner/_posts/2022-01-12-${articleId}.json`, content: `{"v":${version}}` },
  ],
  queuedAt: new Date(2026, 11, 6, 10, version).toISOString(),
  attempts: 0,
  lastError: null,
});

describe('publish queue', { timeout: 60_000 }, () => {
  let server: GitServer;
  let target: GitTarget;
  let db: GleanerDB;
  let token = TOKEN;
  const deps = () => ({
    db,
    gitTarget: async () => ({ target, credentials: { username: 'carol', token } }),
    http: createGitHttp(),
    now: () => new Date(),
  });
  const remoteLog = async () =>
    (await git(['log', '--format=%s', 'main'], server.repoPath('site'))).trim().split('\n');

  beforeAll(async () => {
    server = await startGitServer({ user: 'carol', password: TOKEN });
    const url = await server.createRepo('site', 'main', { '_config.yml': 'title: S\n' });
    target = { ...EMPTY_GIT_TARGET, url, folder: 'blog' };
    db = new GleanerDB(`queue-${Math.random()}`);
  });
  afterAll(async () => {
    await db.delete();
    await server.close();
  });

  it('keeps a publish queued while the server is down and sends it once when it is back', async () => {
    await server.stop();
    await enqueuePublish(db, item('a', 1));
    const down = await drainPublishQueue(deps());
    expect(down).toMatchObject([{ status: 'queued', code: 'unreachable', articleId: 'a' }]);
    expect(await listPublishQueue(db)).toMatchObject([
      { id: 'a-1', attempts: 1, lastError: 'unreachable' },
    ]);
    // A newer publish of the same article replaces the waiting one.
    await enqueuePublish(db, item('a', 2));
    expect((await listPublishQueue(db)).map((q) => q.id)).toEqual(['a-2']);

    await server.start();
    const run = createSerialQueue(deps());
    const [first, second] = await Promise.all([run(), run()]);
    expect(first).toMatchObject([{ status: 'published', action: 'add', articleId: 'a' }]);
    expect(second).toEqual([]);
    expect(await listPublishQueue(db)).toEqual([]);
    expect(await remoteLog()).toEqual(['Add "Article a"', 'Site']);
    expect(await git(['show', 'main:blog/_posts/2022-01-12-a.md'], server.repoPath('site'))).toBe(
      'v2\n',
    );
  });

  it('fails a wrong token without queueing or pushing anything, and never shows the token', async () => {
    token = 'wrong-token-for-queue';
    await enqueuePublish(db, item('b', 1));
    const outcomes = await drainPublishQueue(deps());
    expect(outcomes).toMatchObject([{ status: 'failed', code: 'unauthorized', articleId: 'b' }]);
    expect(JSON.stringify(outcomes)).not.toContain(token);
    expect(await listPublishQueue(db)).toEqual([]);
    expect(await remoteLog()).toEqual(['Add "Article a"', 'Site']);
    token = TOKEN;
  });

  it('puts the kept images in the same commit, byte for byte, read from the library', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 255]);
    const hash = 'c'.repeat(64);
    await keepImage(db, 'c', {
      hash,
      blob: new Blob([png], { type: 'image/png' }),
      type: 'image/png',
    });
    await enqueuePublish(db, {
      ...item('c', 1),
      images: [
        { path: 'assets/images/c/photo.png', hash },
        // Let go of since it was queued (its article deleted): not sent, nothing fails.
        { path: 'assets/images/c/gone.png', hash: 'd'.repeat(64) },
      ],
    });
    expect(await drainPublishQueue(deps())).toMatchObject([{ status: 'published', action: 'add' }]);
    expect(await remoteLog()).toEqual(['Add "Article c"', 'Add "Article a"', 'Site']);
    const files = (
      await git(['ls-tree', '-r', '--name-only', 'main'], server.repoPath('site'))
    ).split('\n');
    expect(files).toContain('blog/assets/images/c/photo.png');
    expect(files).not.toContain('blog/assets/images/c/gone.png');
    const bytes = await gitBytes(
      ['show', 'main:blog/assets/images/c/photo.png'],
      server.repoPath('site'),
    );
    expect([...bytes]).toEqual([...png]);
  });
});
