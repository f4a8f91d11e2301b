/** A git failure in the user's language: what is wrong, and what to do. */
import { t, type MessageKey } from '../i18n';
import { UnsafeFolderPathError } from './folder-path';
import type { GitFailureCode } from './git-errors';

const MESSAGES: Record<Exclude<GitFailureCode, 'branch-missing' | 'unknown'>, MessageKey> = {
  'invalid-url': 'git_error_invalid_url',
  'insecure-url': 'git_error_insecure_url',
  unreachable: 'git_error_unreachable',
  unauthorized: 'git_error_unauthorized',
  forbidden: 'git_error_forbidden',
  'not-found': 'git_error_not_found',
  'not-git': 'git_error_not_git',
  redirected: 'git_error_redirected',
  'too-large': 'git_error_too_large',
  'server-error': 'git_error_server_error',
  rejected: 'git_error_rejected',
};

/** `detail` is already redacted (see redact.ts). */
export function gitFailureMessage(
  code: GitFailureCode,
  extra: { branches?: readonly string[]; detail?: string } = {},
): string {
  if (code === 'branch-missing')
    return t('git_error_branch_missing', (extra.branches ?? []).join(', ') || '—');
  if (code === 'unknown') return t('git_error_unknown', extra.detail ?? '');
  return t(MESSAGES[code]);
}

/** Why a publish to a folder wrote nothing (or stopped), in the user's language. */
export function folderFailureMessage(error: unknown): string {
  if (error instanceof UnsafeFolderPathError) return t('folder_error_unsafe_path', error.path);
  return t('publish_failed', error instanceof Error ? error.message : String(error));
}
