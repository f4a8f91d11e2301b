import { describe, expect, it } from 'vitest';
import { redactSecrets } from '@/lib/publish/redact';
import {
  EMPTY_GIT_TARGET,
  repoPath,
  repositoryOriginPattern,
  repositoryUrlProblem,
} from '@/lib/publish/git-target';

describe('repository URLs', () => {
  it('takes https anywhere and http only on this machine', () => {
    expect(repositoryUrlProblem('https://github.com/me/site.git')).toBeNull();
    expect(repositoryUrlProblem('http://127.0.0.1:8080/site.git')).toBeNull();
    expect(repositoryUrlProblem('http://localhost/site.git')).toBeNull();
    expect(repositoryUrlProblem('http://github.com/me/site.git')).toBe('insecure-url');
    expect(repositoryUrlProblem('ftp://host/site.git')).toBe('invalid-url');
    expect(repositoryUrlProblem('not a url')).toBe('invalid-url');
    // Credentials belong in the token field, never in a URL that may be shown or logged.
    expect(repositoryUrlProblem('https://me:secret@github.com/me/site.git')).toBe('invalid-url');
  });
  it('asks host access for the repository origin only', () => {
    expect(repositoryOriginPattern('https://gitlab.com/me/site.git')).toBe('https://gitlab.com/*');
    expect(repositoryOriginPattern('http://127.0.0.1:4000/site.git')).toBe('http://127.0.0.1/*');
  });
  it('puts files under the target folder', () => {
    expect(repoPath({ ...EMPTY_GIT_TARGET, folder: '/blog/' }, '_posts/a.md')).toBe(
      'blog/_posts/a.md',
    );
    expect(repoPath(EMPTY_GIT_TARGET, '_posts/a.md')).toBe('_posts/a.md');
  });
});

describe('redactSecrets', () => {
  it('removes the token, its URL-encoded form and URL credentials', () => {
    const token = 'ghp_a/b+c=secret';
    const text = `failed ${token} at https://u:${encodeURIComponent(token)}@host/x.git (${token})`;
    const out = redactSecrets(text, [token]);
    expect(out).not.toContain(token);
    expect(out).not.toContain(encodeURIComponent(token));
    expect(out).toBe('failed *** at https://***@host/x.git (***)');
  });
});
