import { describe, expect, it, vi } from 'vitest';
import { createGitHttp } from '@/lib/publish/git-http';
import { openGitRepo } from '@/lib/publish/git-repo';
import { EMPTY_GIT_TARGET } from '@/lib/publish/git-target';

// lightning-fs takes browsers' navigator.locks when there is one; Node 20 has no navigator at all.
vi.stubGlobal('navigator', {});

const credentials = { username: 'alice', token: 'tok-1' };
const target = (url: string, branch = 'main') => ({ ...EMPTY_GIT_TARGET, url, branch });

describe('openGitRepo', () => {
  it('opens one file system per clone for the background’s life, not one per operation', () => {
    const http = createGitHttp();
    const first = openGitRepo(target('https://git.example.org/site.git'), credentials, http);
    const again = openGitRepo(target('https://git.example.org/site.git'), credentials, http);
    expect(again.fs).toBe(first.fs);
    // Each operation still gets its own isomorphic-git cache.
    expect(again.cache).not.toBe(first.cache);
    const otherBranch = openGitRepo(
      target('https://git.example.org/site.git', 'drafts'),
      credentials,
      http,
    );
    const otherRepo = openGitRepo(target('https://git.example.org/vault.git'), credentials, http);
    expect(otherBranch.fs).not.toBe(first.fs);
    expect(otherRepo.fs).not.toBe(first.fs);
  });

  it('sends the credentials with the first request, and none when there are none', () => {
    const http = createGitHttp();
    const url = 'https://git.example.org/site.git';
    expect(openGitRepo(target(url), credentials, http).headers).toEqual({
      Authorization: `Basic ${btoa('alice:tok-1')}`,
    });
    expect(openGitRepo(target(url), { username: '', token: '' }, http).headers).toEqual({});
  });
});
