/**
 * What went wrong talking to a repository, in words a user can act on. Transient failures
 * (the server cannot be reached or fails) leave a publish queued; the others need the user.
 */
export type GitFailureCode =
  | 'invalid-url'
  | 'insecure-url'
  | 'unreachable'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'branch-missing'
  | 'not-git'
  | 'redirected'
  | 'too-large'
  | 'server-error'
  | 'rejected'
  | 'unknown';

export interface GitFailure {
  code: GitFailureCode;
  /** Redacted: never holds the token. */
  detail: string;
}

/** Failures that may go away by themselves: the publish stays queued and is tried again. */
export function isTransient(code: GitFailureCode): boolean {
  return code === 'unreachable' || code === 'server-error';
}

/** Thrown by our HTTP client for answers that are not what a git server sends. */
export class GitTransportError extends Error {
  constructor(
    readonly code: GitFailureCode,
    message: string,
  ) {
    super(message);
    this.name = 'GitTransportError';
  }
}

interface IsoGitError {
  code?: string;
  message?: string;
  data?: { statusCode?: number; what?: string };
}

/** Maps an error thrown by isomorphic-git or by fetch to a failure code. */
export function classifyGitError(error: unknown): GitFailureCode {
  if (error instanceof GitTransportError) return error.code;
  // fetch rejects with a TypeError when the host is down, refuses, or CORS blocks the answer.
  if (error instanceof TypeError) return 'unreachable';
  const e = (typeof error === 'object' && error !== null ? error : {}) as IsoGitError;
  switch (e.code) {
    case 'HttpError': {
      const status = e.data?.statusCode ?? 0;
      if (status === 401) return 'unauthorized';
      if (status === 403) return 'forbidden';
      if (status === 404) return 'not-found';
      if (status >= 500) return 'server-error';
      return 'not-git';
    }
    case 'SmartHttpError':
    case 'ParseError':
    case 'UnknownTransportError':
      return 'not-git';
    case 'NotFoundError':
      return 'branch-missing';
    case 'PushRejectedError':
      return 'rejected';
    case 'UrlParseError':
      return 'invalid-url';
    default:
      return 'unknown';
  }
}
