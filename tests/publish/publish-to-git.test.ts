/**
 * Publishing against a real git server (git http-backend) with isomorphic-git over Node's fetch
 * and lightning-fs on IndexedDB (fake-indexeddb), as the extension's background does it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import LightningFS from '@isomorphic-git/lightning-fs';
import type { HttpClient } from 'isomorphic-git';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { classifyGitError } from '@/lib/publish/git-errors';
import { createGitHttp } from '@/lib/publish/git-http';
import { openGitRepo } from '@/lib/publish/git-repo';
import { ObjectBytesCache, withObjectCache } from '@/lib/publish/object-cache-fs';
import { EMPTY_GIT_TARGET, type GitTarget } from '@/lib/publish/git-target';
import { publishToGit } from '@/lib/publish/publish-to-git';
import { git, startGitServer, type GitServer } from '../support/git-server';

// lightning-fs takes browsers' navigator.locks when there is one; Node 20 has no navigator at all.
vi.stubGlobal('navigator', {});

const TOKEN = 'tok-3f9a8c21d7e4b6';
const POST = '_posts/2022-01-12-wecom.md';
const SIDECAR = '_gleaner/_posts/2022-01-12-wecom.json';
const files = (post: string, sidecar: string) => [
  { path: POST, content: post },
  { path: SIDECAR, content: sidecar },
];

describe('publishToGit', { timeout: 30_000 }, () => {
  let server: GitServer;
  let url: string;
  let target: GitTarget;
  const work = mkdtempSync(path.join(tmpdir(), 'gleaner-publish-test-'));
  let clones = 0;

  const repoFor = (http: HttpClient = createGitHttp(), token = TOKEN) =>
    openGitRepo(
      target,
      { username: 'alice', token },
      http,
      new LightningFS(`publish-test-${Math.random()}`, { wipe: true }),
    );
  const remoteLog = async () =>
    (await git(['log', '--format=%s', 'main'], server.repoPath('site'))).trim().split('\n');
  const remoteFile = (file: string) => git(['show', `main:${file}`], server.repoPath('site'));
  const freshClone = async () => {
    const dir = path.join(work, `clone-${clones++}`);
    await git(['clone', '--quiet', url.replace('http://', `http://alice:${TOKEN}@`), dir]);
    return dir;
  };

  beforeAll(async () => {
    server = await startGitServer({ user: 'alice', password: TOKEN });
    url = await server.createRepo('site', 'main', { '_config.yml': 'title: Site\n' });
    target = { ...EMPTY_GIT_TARGET, url, branch: 'main', authorName: 'Reader' };
  });
  afterAll(async () => {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  });

  let published: Record<string, string> = {};

  it('adds the post and its sidecar in one commit', async () => {
    const built = await publishToGit(repoFor(), {
      title: '连接5亿微信活跃用户',
      files: files('post v1\n', '{"v":1}'),
      lastPublished: {},
      now: new Date('2026-12-06T10:00:00Z'),
    });
    expect(built.action).toBe('add');
    expect(built.conflicts).toEqual([]);
    expect(await remoteLog()).toEqual(['Add "连接5亿微信活跃用户"', 'Site']);
    expect(await remoteFile(POST)).toBe('post v1\n');
    expect(await remoteFile(SIDECAR)).toBe('{"v":1}');
    expect(await remoteFile('_config.yml')).toBe('title: Site\n');
    const oid = (await git(['rev-parse', `main:${POST}`], server.repoPath('site'))).trim();
    expect(built.blobs[POST]).toBe(oid);
    published = built.blobs;
  });

  it('updates in one more commit, and makes none when nothing changed', async () => {
    const repo = repoFor();
    const input = {
      title: '连接5亿微信活跃用户',
      files: files('post v2\n', '{"v":2}'),
      lastPublished: published,
      now: new Date(),
    };
    const built = await publishToGit(repo, input);
    expect(built.action).toBe('update');
    expect(await remoteLog()).toEqual([
      'Update "连接5亿微信活跃用户"',
      'Add "连接5亿微信活跃用户"',
      'Site',
    ]);
    published = built.blobs;
    const again = await publishToGit(repo, { ...input, lastPublished: published });
    expect(again.commit).toBeNull();
    expect((await remoteLog()).length).toBe(3);
  });

  it('builds on top when the remote moved, keeping the other commit', async () => {
    const clone = await freshClone();
    writeFileSync(path.join(clone, 'about.md'), 'About\n');
    await git(['add', 'about.md'], clone);
    await git(['commit', '--quiet', '-m', 'About page'], clone);
    await git(['push', '--quiet', 'origin', 'main'], clone);
    const built = await publishToGit(repoFor(), {
      title: 'T',
      files: files('post v3\n', '{"v":3}'),
      lastPublished: published,
      now: new Date(),
    });
    published = built.blobs;
    expect((await remoteLog()).slice(0, 2)).toEqual(['Update "T"', 'About page']);
    expect(await remoteFile('about.md')).toBe('About\n');
  });

  it('fetches again and rebuilds when someone pushes between its fetch and its push', async () => {
    const base = createGitHttp();
    let raced = false;
    const racing: HttpClient = {
      async request(request) {
        if (!raced && request.url.includes('service=git-receive-pack')) {
          raced = true;
          const clone = await freshClone();
          writeFileSync(path.join(clone, 'race.md'), 'race\n');
          await git(['add', 'race.md'], clone);
          await git(['commit', '--quiet', '-m', 'Racing commit'], clone);
          await git(['push', '--quiet', 'origin', 'main'], clone);
        }
        return base.request(request);
      },
    };
    const built = await publishToGit(repoFor(racing), {
      title: 'T',
      files: files('post v4\n', '{"v":4}'),
      lastPublished: published,
      now: new Date(),
    });
    published = built.blobs;
    expect(raced).toBe(true);
    expect((await remoteLog()).slice(0, 2)).toEqual(['Update "T"', 'Racing commit']);
    expect(await remoteFile('race.md')).toBe('race\n');
    expect(await remoteFile(POST)).toBe('post v4\n');
  });

  it('keeps a post the user edited in the repository and reports the conflict', async () => {
    const clone = await freshClone();
    writeFileSync(path.join(clone, POST), 'edited by hand\n');
    await git(['commit', '--quiet', '-am', 'Fix a typo'], clone);
    await git(['push', '--quiet', 'origin', 'main'], clone);
    const built = await publishToGit(repoFor(), {
      title: 'T',
      files: files('post v5\n', '{"v":5}'),
      lastPublished: published,
      now: new Date(),
    });
    expect(built.conflicts.map((c) => c.path)).toEqual([POST]);
    expect(built.written).toEqual([SIDECAR]);
    expect(await remoteFile(POST)).toBe('edited by hand\n');
    expect(await remoteFile(SIDECAR)).toBe('{"v":5}');
    expect(readFileSync(path.join(clone, POST), 'utf8')).toBe('edited by hand\n');
  });

  it('refuses a wrong token with "unauthorized" and pushes nothing', async () => {
    const before = await remoteLog();
    const error = await publishToGit(repoFor(createGitHttp(), 'wrong-token-123'), {
      title: 'T',
      files: files('post v6\n', '{"v":6}'),
      lastPublished: published,
      now: new Date(),
    }).catch((e: unknown) => e);
    expect(classifyGitError(error)).toBe('unauthorized');
    expect(String((error as Error).message)).not.toContain(TOKEN);
    expect(await remoteLog()).toEqual(before);
  });

  it('never loads the clone’s first pack again: its commit and trees were kept loose', async () => {
    const nestedUrl = await server.createRepo('nested', 'main', {
      '_config.yml': 'title: Site\n',
      'assets/css/site.css': 'body {}\n',
    });
    const nested = { ...target, url: nestedUrl };
    const fs = new LightningFS(`publish-test-${Math.random()}`, { wipe: true });
    // A fresh repo object each time: a fresh isomorphic-git cache, as each publish has.
    const repo = () =>
      openGitRepo(nested, { username: 'alice', token: TOKEN }, createGitHttp(), fs);
    await publishToGit(repo(), {
      title: 'One',
      files: [{ path: '_posts/one.md', content: 'one\n' }],
      lastPublished: {},
      now: new Date(),
    });
    const [firstPack] = (await fs.promises.readdir('/repo/.git/objects/pack')).filter((f) =>
      f.endsWith('.pack'),
    );
    expect(firstPack).toBeDefined();
    // Someone else moves the branch: the next publish fetches their commit in a pack of its own.
    const clone = path.join(work, `clone-${clones++}`);
    await git(['clone', '--quiet', nestedUrl.replace('http://', `http://alice:${TOKEN}@`), clone]);
    writeFileSync(path.join(clone, '_config.yml'), 'title: Site, renamed\n');
    await git(['commit', '--quiet', '-am', 'Rename'], clone);
    await git(['push', '--quiet', 'origin', 'main'], clone);

    const packsRead: string[] = [];
    const files = new Proxy(fs.promises, {
      get(target, name) {
        const value = Reflect.get(target, name) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (name === 'readFile' && String(args[0]).endsWith('.pack'))
            packsRead.push(String(args[0]).split('/').pop()!);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const watched = () =>
      openGitRepo(nested, { username: 'alice', token: TOKEN }, createGitHttp(), {
        promises: files,
      } as unknown as LightningFS);
    const built = await publishToGit(watched(), {
      title: 'Two',
      files: [{ path: '_posts/two.md', content: 'two\n' }],
      lastPublished: {},
      now: new Date(),
    });
    expect(built.action).toBe('add');
    expect(await git(['show', 'main:assets/css/site.css'], server.repoPath('nested'))).toBe(
      'body {}\n',
    );
    expect(await git(['show', 'main:_posts/two.md'], server.repoPath('nested'))).toBe('two\n');
    expect(packsRead).not.toContain(firstPack);
  });

  it('publishes from the clone’s tip in two requests, and fetches when the branch moved', async () => {
    const tipUrl = await server.createRepo('tip', 'main', { '_config.yml': 'title: Site\n' });
    const tipTarget = { ...target, url: tipUrl };
    // The extension's own file system: lightning-fs with loose objects read through a cache.
    const fs = withObjectCache(
      new LightningFS(`publish-test-${Math.random()}`, { wipe: true }),
      new ObjectBytesCache(8 * 1024 * 1024),
    );
    const repo = () =>
      openGitRepo(tipTarget, { username: 'alice', token: TOKEN }, createGitHttp(), fs);
    const log = async () =>
      (await git(['log', '--format=%s', 'main'], server.repoPath('tip'))).trim().split('\n');
    const publish = (name: string) =>
      publishToGit(repo(), {
        title: name,
        files: [{ path: `_posts/${name}.md`, content: `${name}\n` }],
        lastPublished: {},
        now: new Date(),
      });
    await publish('one');
    const before = server.requests.length;
    await publish('two');
    // The push's two requests: the clone's tip was still the server's, so no fetch.
    expect(server.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /tip.git/info/refs',
      'POST /tip.git/git-receive-pack',
    ]);
    expect(await log()).toEqual(['Add "two"', 'Add "one"', 'Site']);

    // Another device pushes: the push from the stale tip is called off, and the post is built
    // again on top of their commit.
    const clone = path.join(work, `clone-${clones++}`);
    await git(['clone', '--quiet', tipUrl.replace('http://', `http://alice:${TOKEN}@`), clone]);
    writeFileSync(path.join(clone, 'about.md'), 'About\n');
    await git(['add', 'about.md'], clone);
    await git(['commit', '--quiet', '-m', 'About page'], clone);
    await git(['push', '--quiet', 'origin', 'main'], clone);
    const built = await publish('three');
    expect(built.action).toBe('add');
    expect(await log()).toEqual(['Add "three"', 'About page', 'Add "two"', 'Add "one"', 'Site']);
    expect(await git(['show', 'main:about.md'], server.repoPath('tip'))).toBe('About\n');
    expect(await git(['show', 'main:_posts/two.md'], server.repoPath('tip'))).toBe('two\n');
  });

  it('publishes to a branch whose name has a slash, from the clone’s tip', async () => {
    const slashUrl = await server.createRepo('slash', 'drafts/daily', { 'a.md': 'a\n' });
    const fs = new LightningFS(`publish-test-${Math.random()}`, { wipe: true });
    const repo = () =>
      openGitRepo(
        { ...target, url: slashUrl, branch: 'drafts/daily' },
        { username: 'alice', token: TOKEN },
        createGitHttp(),
        fs,
      );
    for (const name of ['one', 'two'])
      await publishToGit(repo(), {
        title: name,
        files: [{ path: `_posts/${name}.md`, content: `${name}\n` }],
        lastPublished: {},
        now: new Date(),
      });
    expect(
      (await git(['log', '--format=%s', 'drafts/daily'], server.repoPath('slash'))).trim(),
    ).toBe('Add "two"\nAdd "one"\nSite');
  });

  it('reports a push the server refuses (a hook), and leaves the branch as it was', async () => {
    const hookedUrl = await server.createRepo('hooked', 'main', { '_config.yml': 'title: Site\n' });
    const hook = path.join(server.repoPath('hooked'), 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\necho "posts are reviewed first" >&2\nexit 1\n', {
      mode: 0o755,
    });
    const error = await publishToGit(
      openGitRepo(
        { ...target, url: hookedUrl },
        { username: 'alice', token: TOKEN },
        createGitHttp(),
        new LightningFS(`publish-test-${Math.random()}`, { wipe: true }),
      ),
      {
        title: 'Held',
        files: [{ path: '_posts/held.md', content: 'held\n' }],
        lastPublished: {},
        now: new Date(),
      },
    ).catch((e: unknown) => e);
    expect(classifyGitError(error)).toBe('rejected');
    expect(String((error as Error).message)).toMatch(/refused the push: pre-receive hook declined/);
    expect((await git(['log', '--format=%s', 'main'], server.repoPath('hooked'))).trim()).toBe(
      'Site',
    );
  });

  it('says "unreachable" when the server is down', async () => {
    await server.stop();
    try {
      const error = await publishToGit(repoFor(), {
        title: 'T',
        files: files('post v7\n', '{"v":7}'),
        lastPublished: published,
        now: new Date(),
      }).catch((e: unknown) => e);
      expect(classifyGitError(error)).toBe('unreachable');
    } finally {
      await server.start();
    }
  });
});
