/** "Test connection" against a real git server: each thing that can be wrong is named. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitHttp } from '@/lib/publish/git-http';
import { EMPTY_GIT_TARGET, type GitTarget } from '@/lib/publish/git-target';
import { testConnection } from '@/lib/publish/test-connection';
import { startGitServer, type GitServer } from '../support/git-server';

const TOKEN = 'tok-connection-5521';

describe('testConnection', { timeout: 20_000 }, () => {
  let server: GitServer;
  let target: GitTarget;
  const creds = { username: 'bob', token: TOKEN };
  beforeAll(async () => {
    server = await startGitServer({ user: 'bob', password: TOKEN });
    const url = await server.createRepo('site', 'main', { 'index.md': 'hi\n' });
    target = { ...EMPTY_GIT_TARGET, url, branch: 'main' };
  });
  afterAll(() => server.close());

  const check = (changes: Partial<GitTarget>, credentials = creds) =>
    testConnection({ ...target, ...changes }, credentials, createGitHttp());

  it('succeeds and lists the branches', async () => {
    expect(await check({})).toEqual({ ok: true, branches: ['main'] });
  });
  it('names a missing branch', async () => {
    expect(await check({ branch: 'gh-pages' })).toEqual({
      ok: false,
      code: 'branch-missing',
      branches: ['main'],
    });
  });
  it('names a wrong token (401)', async () => {
    expect(await check({}, { username: 'bob', token: 'nope-nope' })).toEqual({
      ok: false,
      code: 'unauthorized',
    });
  });
  it('names a repository that does not exist (404)', async () => {
    expect(await check({ url: `${server.origin}/missing.git` })).toEqual({
      ok: false,
      code: 'not-found',
    });
  });
  it('names a web page that is not a git server', async () => {
    expect(await check({ url: `${server.origin}/login/site.git` })).toEqual({
      ok: false,
      code: 'not-git',
    });
  });
  it('names an unreachable server', async () => {
    expect(await check({ url: 'http://127.0.0.1:9/site.git' })).toEqual({
      ok: false,
      code: 'unreachable',
    });
  });
  it('refuses plain http except on this machine', async () => {
    expect(await check({ url: 'http://git.example.org/site.git' })).toEqual({
      ok: false,
      code: 'insecure-url',
    });
  });
});
