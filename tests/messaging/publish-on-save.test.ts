/**
 * "Publish on save" in the background, against a real git server: a save publishes only when the
 * setting is on and the target is a repository, after the save's image capture, and a publish
 * that cannot reach the server waits in the queue.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImageStatus } from '@/lib/assets/image-status';
import { createHandlers, type BackgroundDeps } from '@/lib/messaging/handlers';
import { EMPTY_GIT_TARGET } from '@/lib/publish/git-target';
import {
  loadPublishTarget,
  publishesOnSave,
  readPublishTarget,
  saveGitToken,
  savePublishTarget,
} from '@/lib/publish/target-store';
import type { ImageCapture } from '@/lib/storage/article-image-capture';
import { GleanerDB } from '@/lib/storage/db';
import { listPublishQueue } from '@/lib/storage/publish-repo';
import { sampleClip } from '../support/article';
import { git, startGitServer, type GitServer } from '../support/git-server';

// lightning-fs takes browsers' navigator.locks when there is one; Node 20 has no navigator at all.
vi.stubGlobal('navigator', {});

const TOKEN = 'tok-on-save-3f9a1b27';
const DONE: ImageStatus = { state: 'done', done: 1, saved: 1, total: 1, remote: [] };

/** An image capture the test finishes by hand (`finish`), as the real one would after a save. */
function manualCapture() {
  let finish: () => void = () => undefined;
  const started = vi.fn<ImageCapture['start']>(
    () =>
      new Promise<ImageStatus>((resolve) => {
        finish = () => resolve(DONE);
      }),
  );
  const capture: ImageCapture = {
    start: started,
    status: async () => DONE,
    retry: async () => DONE,
  };
  return { capture, started, finish: () => finish() };
}

describe('publish on save', { timeout: 60_000 }, () => {
  let server: GitServer;
  let url: string;
  let repo: string;
  let db: GleanerDB;
  let deps: BackgroundDeps;

  const remoteLog = async () =>
    (await git(['log', '--format=%s', 'main'], server.repoPath(repo))).trim().split('\n');
  const useTarget = async (kind: 'git' | 'downloads', publishOnSave: boolean) => {
    await savePublishTarget({
      kind,
      git: { ...EMPTY_GIT_TARGET, url, username: 'dana' },
      publishOnSave,
    });
    await saveGitToken(TOKEN);
  };
  const save = (handlers: ReturnType<typeof createHandlers>, tags: string[], tabId?: number) =>
    handlers['article:save']({
      type: 'article:save',
      article: sampleClip(),
      tags,
      ...(tabId !== undefined ? { tabId } : {}),
    });
  const onSave = (handlers: ReturnType<typeof createHandlers>, articleId: string) =>
    handlers['publish:on-save']({ type: 'publish:on-save', articleId });

  beforeAll(async () => {
    server = await startGitServer({ user: 'dana', password: TOKEN });
  });
  beforeEach(async () => {
    fakeBrowser.reset();
    repo = `site-${Math.random().toString(36).slice(2)}`;
    url = await server.createRepo(repo, 'main', { '_config.yml': 'title: S\n' });
    db = new GleanerDB(`on-save-${Math.random()}`);
    deps = { db, extractFromTab: vi.fn(), now: () => new Date('2026-12-06T12:00:00Z') };
  });
  afterEach(async () => {
    await server.start(); // a test may have stopped it
    await db.delete();
  });
  afterAll(async () => {
    await server.close();
  });

  it('publishes nothing while the setting is off', async () => {
    await useTarget('git', false);
    const handlers = createHandlers(deps);
    const saved = await save(handlers, ['a']);
    if (!saved.ok) throw new Error(saved.error.message);
    expect(await onSave(handlers, saved.value.article.id)).toEqual({ ok: true, value: null });
    expect(await remoteLog()).toEqual(['Site']);
    expect(await listPublishQueue(db)).toEqual([]);
  });

  it('publishes nothing when the target is Downloads, even with the setting on', async () => {
    await useTarget('downloads', true);
    const handlers = createHandlers(deps);
    const saved = await save(handlers, ['a']);
    if (!saved.ok) throw new Error(saved.error.message);
    expect(await onSave(handlers, saved.value.article.id)).toEqual({ ok: true, value: null });
    expect(await remoteLog()).toEqual(['Site']);
  });

  it('publishes each save (Add, then Update after new tags), one commit each', async () => {
    await useTarget('git', true);
    const handlers = createHandlers(deps);
    const first = await save(handlers, ['a']);
    if (!first.ok) throw new Error(first.error.message);
    const id = first.value.article.id;
    expect(await onSave(handlers, id)).toMatchObject({
      ok: true,
      value: {
        outcome: { status: 'published', action: 'add', articleId: id },
        postPath: expect.stringMatching(/^_posts\/2022-01-12-.+\.md$/),
      },
    });
    await save(handlers, ['a', 'b']);
    expect(await onSave(handlers, id)).toMatchObject({
      ok: true,
      value: { outcome: { status: 'published', action: 'update' } },
    });
    const title = sampleClip().title;
    expect(await remoteLog()).toEqual([`Update "${title}"`, `Add "${title}"`, 'Site']);
    const files = (await git(['show', '--name-only', '--format=', 'main'], server.repoPath(repo)))
      .trim()
      .split('\n')
      .sort();
    expect(files).toEqual([
      expect.stringMatching(/^_gleaner\/_posts\/2022-01-12-.+\.json$/),
      expect.stringMatching(/^_posts\/2022-01-12-.+\.md$/),
    ]);
    const post = await git(['show', `main:${files[1]}`], server.repoPath(repo));
    expect(post).toMatch(/tags:\n\s+- "?a"?\n\s+- "?b"?/);
  });

  it('waits for the image capture: the commit carries what it stored', async () => {
    await useTarget('git', true);
    const manual = manualCapture();
    const handlers = createHandlers({ ...deps, imageCapture: manual.capture });
    const saved = await save(handlers, [], 7);
    if (!saved.ok) throw new Error(saved.error.message);
    const id = saved.value.article.id;
    expect(manual.started).toHaveBeenCalledWith(saved.value.article, 7);
    let answered = false;
    const answer = onSave(handlers, id).then((value) => {
      answered = true;
      return value;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(answered).toBe(false);
    expect(await remoteLog()).toEqual(['Site']);
    // What the capture leaves on the article, then the capture ends.
    const images = [{ url: 'https://img.example/a.png', alt: 'a', hash: 'f00d' }];
    await db.articles.update(id, { images });
    manual.finish();
    expect(await answer).toMatchObject({ ok: true, value: { outcome: { status: 'published' } } });
    const sidecarPath = (
      await git(['show', '--name-only', '--format=', 'main'], server.repoPath(repo))
    )
      .trim()
      .split('\n')
      .find((path) => path.startsWith('_gleaner/'))!;
    const sidecar = JSON.parse(
      await git(['show', `main:${sidecarPath}`], server.repoPath(repo)),
    ) as {
      article: { images?: unknown };
    };
    expect(sidecar.article.images).toEqual(images);
  });

  it('does not wait for a capture longer than it is told to', async () => {
    await useTarget('git', true);
    const manual = manualCapture(); // never finished
    const handlers = createHandlers({ ...deps, imageCapture: manual.capture, captureWaitMs: 50 });
    const saved = await save(handlers, [], 7);
    if (!saved.ok) throw new Error(saved.error.message);
    expect(await onSave(handlers, saved.value.article.id)).toMatchObject({
      ok: true,
      value: { outcome: { status: 'published', action: 'add' } },
    });
  });

  it('queues the publish while the server cannot be reached', async () => {
    await useTarget('git', true);
    const handlers = createHandlers(deps);
    await server.stop();
    const saved = await save(handlers, ['offline']);
    if (!saved.ok) throw new Error(saved.error.message);
    expect(await onSave(handlers, saved.value.article.id)).toMatchObject({
      ok: true,
      value: { outcome: { status: 'queued', code: 'unreachable' } },
    });
    const queue = await listPublishQueue(db);
    expect(queue.map((item) => [item.articleId, item.title])).toEqual([
      [saved.value.article.id, sampleClip().title],
    ]);
    await server.start();
    expect(await handlers['publish:run']({ type: 'publish:run' })).toMatchObject({
      ok: true,
      value: [{ status: 'published', action: 'add' }],
    });
    expect(await remoteLog()).toEqual([`Add "${sampleClip().title}"`, 'Site']);
  });

  it('answers null for an article no save published', async () => {
    await useTarget('git', true);
    expect(await onSave(createHandlers(deps), 'never-saved')).toEqual({ ok: true, value: null });
  });
});

describe('the "Publish on save" setting', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is off by default and for a target stored before it existed', async () => {
    expect((await loadPublishTarget()).publishOnSave).toBe(false);
    const old = { kind: 'git', git: { url: 'https://git.example/site.git', branch: 'main' } };
    expect(readPublishTarget(old)).toMatchObject({ kind: 'git', publishOnSave: false });
    expect(readPublishTarget({ ...old, publishOnSave: 'yes' }).publishOnSave).toBe(false);
  });

  it('is kept when saved, and means something only with a git target that has a URL', async () => {
    const git = { ...EMPTY_GIT_TARGET, url: 'https://git.example/site.git' };
    await savePublishTarget({ kind: 'git', git, publishOnSave: true });
    const stored = await loadPublishTarget();
    expect(stored.publishOnSave).toBe(true);
    expect(publishesOnSave(stored)).toBe(true);
    expect(publishesOnSave({ ...stored, kind: 'downloads' })).toBe(false);
    expect(publishesOnSave({ ...stored, git: EMPTY_GIT_TARGET })).toBe(false);
    expect(publishesOnSave({ ...stored, publishOnSave: false })).toBe(false);
  });
});
