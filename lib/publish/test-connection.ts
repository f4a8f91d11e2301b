/**
 * "Test connection": asks the server for its branches the way a push does (receive-pack, which
 * needs write access) and says precisely what is wrong.
 */
import './node-globals';
import git, { type HttpClient } from 'isomorphic-git';
import { classifyGitError, type GitFailureCode } from './git-errors';
import { repositoryUrlProblem, type GitCredentials, type GitTarget } from './git-target';

export type ConnectionResult =
  { ok: true; branches: string[] } | { ok: false; code: GitFailureCode; branches?: string[] };

export async function testConnection(
  target: GitTarget,
  credentials: GitCredentials,
  http: HttpClient,
): Promise<ConnectionResult> {
  const problem = repositoryUrlProblem(target.url);
  if (problem) return { ok: false, code: problem };
  try {
    const info = await git.getRemoteInfo2({
      http,
      url: target.url,
      forPush: true,
      // Pushes speak protocol v1 (git's http-backend answers receive-pack in v0 form to a v2 request).
      protocolVersion: 1,
      onAuth: () => ({ username: credentials.username, password: credentials.token }),
    });
    const branches = (info.refs ?? [])
      .map((r) => r.ref)
      .filter((ref) => ref.startsWith('refs/heads/'))
      .map((ref) => ref.slice('refs/heads/'.length));
    if (!branches.includes(target.branch)) return { ok: false, code: 'branch-missing', branches };
    return { ok: true, branches };
  } catch (error) {
    return { ok: false, code: classifyGitError(error) };
  }
}
