/** The test git server is real git: the git CLI clones and pushes through it, with basic auth. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, startGitServer, type GitServer } from '../support/git-server';

describe('test git server (git http-backend)', { timeout: 30_000 }, () => {
  let server: GitServer;
  const work = mkdtempSync(path.join(tmpdir(), 'gleaner-git-server-test-'));
  beforeAll(async () => {
    server = await startGitServer({ user: 'alice', password: 's3cret' });
  });
  afterAll(async () => {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('clones and pushes with the right password', async () => {
    const url = await server.createRepo('site', 'main', { '_config.yml': 'title: Site\n' });
    const authed = url.replace('http://', 'http://alice:s3cret@');
    const clone = path.join(work, 'clone');
    await git(['clone', '--quiet', authed, clone]);
    expect(readFileSync(path.join(clone, '_config.yml'), 'utf8')).toBe('title: Site\n');
    writeFileSync(path.join(clone, 'a.md'), 'hello\n');
    await git(['add', 'a.md'], clone);
    await git(['commit', '--quiet', '-m', 'Add a'], clone);
    await git(['push', '--quiet', 'origin', 'main'], clone);
    const log = await git(['log', '--format=%s', 'main'], server.repoPath('site'));
    expect(log.trim().split('\n')).toEqual(['Add a', 'Site']);
  });

  it('refuses a wrong password with 401', async () => {
    const url = await server.createRepo('closed', 'main', { 'x.md': 'x' });
    const wrong = url.replace('http://', 'http://alice:wrong@');
    await expect(git(['-c', 'credential.helper=', 'ls-remote', wrong])).rejects.toThrow(
      /401|Authentication/,
    );
    expect(server.requests.some((r) => r.status === 401)).toBe(true);
  });
});
