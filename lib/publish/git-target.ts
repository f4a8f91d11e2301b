/**
 * Where "Publish" sends a post: the user's git repository (any smart-HTTP server). The token is
 * not part of the target: it is kept under its own storage key (see lib/settings/secrets.ts),
 * so that nothing that copies the target can carry it.
 */
export interface GitTarget {
  /** `https://host/owner/repo.git`; `http:` only for localhost and 127.0.0.1. */
  url: string;
  branch: string;
  /** A folder inside the repository where the site lives ('' for its root). */
  folder: string;
  authorName: string;
  authorEmail: string;
  /** The basic-auth user sent with the token (most hosts accept any name with a token). */
  username: string;
}

export interface GitCredentials {
  username: string;
  token: string;
}

export const EMPTY_GIT_TARGET: GitTarget = {
  url: '',
  branch: 'main',
  folder: '',
  authorName: 'Gleaner',
  authorEmail: 'gleaner@localhost',
  username: 'x-access-token',
};

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Why a repository URL cannot be used, or null: HTTPS only, except on this machine. */
export function repositoryUrlProblem(url: string): 'invalid-url' | 'insecure-url' | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'invalid-url';
  }
  if (parsed.username || parsed.password) return 'invalid-url';
  if (parsed.protocol === 'https:') return null;
  if (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname)) return null;
  return parsed.protocol === 'http:' ? 'insecure-url' : 'invalid-url';
}

/** The host-permission pattern for the repository's origin only, e.g. `https://git.example.org/*`. */
export function repositoryOriginPattern(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.hostname}/*`;
}

/** A path inside the repository: the target's folder, then the file's own path. */
export function repoPath(target: GitTarget, filePath: string): string {
  const folder = target.folder.replace(/^\/+|\/+$/g, '');
  return folder ? `${folder}/${filePath}` : filePath;
}
