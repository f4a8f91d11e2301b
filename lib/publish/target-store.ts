/**
 * Where exports and "Publish" go, in `storage.local`: the target (no secret in it) under one key,
 * the repository token under its own key, which backups and settings exports leave out.
 */
import { storage } from '#imports';
import { GIT_TOKEN_STORAGE_KEY } from '../settings/secrets';
import { EMPTY_GIT_TARGET, type GitCredentials, type GitTarget } from './git-target';

/** `folder`: a folder on this computer (the handle is kept in IndexedDB: lib/storage/folder-repo.ts). */
export const TARGET_KINDS = ['downloads', 'git', 'folder'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export interface PublishTarget {
  kind: TargetKind;
  git: GitTarget;
  /** Every save from the popup publishes the article too (a git target only). */
  publishOnSave: boolean;
}

const TARGET_KEY = 'local:publishTarget' as const;
const TOKEN_KEY = `local:${GIT_TOKEN_STORAGE_KEY}` as const;

export const DEFAULT_PUBLISH_TARGET: PublishTarget = {
  kind: 'downloads',
  git: EMPTY_GIT_TARGET,
  publishOnSave: false,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A stored target, completed with defaults; anything unreadable falls back to Downloads. A target
 * stored before "Publish on save" existed reads as off.
 */
export function readPublishTarget(raw: unknown): PublishTarget {
  if (!isRecord(raw)) return DEFAULT_PUBLISH_TARGET;
  const kind = TARGET_KINDS.find((k) => k === raw.kind) ?? 'downloads';
  const stored = isRecord(raw.git) ? raw.git : {};
  const git = { ...EMPTY_GIT_TARGET };
  for (const key of Object.keys(git) as (keyof GitTarget)[]) {
    const value = stored[key];
    if (typeof value === 'string') git[key] = value.trim();
  }
  return { kind, git, publishOnSave: raw.publishOnSave === true };
}

export async function loadPublishTarget(): Promise<PublishTarget> {
  return readPublishTarget(await storage.getItem<unknown>(TARGET_KEY));
}

/**
 * The target exports and publishes use: a folder target reads as Downloads where the browser cannot
 * write to a folder (Firefox), so that nothing is sent nowhere.
 */
export function activeTargetKind(target: PublishTarget, canPickFolder: boolean): TargetKind {
  return target.kind === 'folder' && !canPickFolder ? 'downloads' : target.kind;
}

/**
 * Whether a save should publish too, by the background: the setting is on and the target is a
 * repository. A folder target's publish on save is written by the popup (publishesToFolderOnSave).
 */
export function publishesOnSave(target: PublishTarget): boolean {
  return target.publishOnSave && target.kind === 'git' && Boolean(target.git.url);
}

/**
 * Whether a save from the popup writes the article to the chosen folder too: the folder's grant
 * lives with a page, so the popup that saved writes it (once the images are kept).
 */
export function publishesToFolderOnSave(target: PublishTarget, canPickFolder: boolean): boolean {
  return target.publishOnSave && activeTargetKind(target, canPickFolder) === 'folder';
}

export async function savePublishTarget(target: PublishTarget): Promise<void> {
  await storage.setItem(TARGET_KEY, readPublishTarget(target));
}

export async function saveGitToken(token: string): Promise<void> {
  await storage.setItem(TOKEN_KEY, token);
}

export async function hasGitToken(): Promise<boolean> {
  return Boolean(await storage.getItem<string>(TOKEN_KEY));
}

export async function loadGitCredentials(target: GitTarget): Promise<GitCredentials> {
  const token = (await storage.getItem<string>(TOKEN_KEY)) ?? '';
  return { username: target.username || EMPTY_GIT_TARGET.username, token };
}
