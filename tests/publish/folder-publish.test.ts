/**
 * The folder target's checks that need no real folder: the grant (a stored handle's permission
 * lapses after a browser restart, which headless Chromium cannot reproduce with the origin-private
 * file system, whose handles are always granted: so a handle answering like a lapsed one stands in
 * here), and the file list (the same as a git publish's). The writing itself is tested in Chromium
 * against a real folder handle: tests/e2e/publish-folder.e2e.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canPickFolder, hasFolderAccess, openPublishFolder } from '@/lib/publish/folder-publish';
import { publishFileBytes } from '@/lib/publish/publish-file-bytes';
import { folderFailureMessage } from '@/lib/publish/failure-message';
import { UnsafeFolderPathError } from '@/lib/publish/folder-path';
import { activeTargetKind, readPublishTarget } from '@/lib/publish/target-store';
import { GleanerDB } from '@/lib/storage/db';
import { keepImage } from '@/lib/storage/images-repo';

/** A handle whose grant is `state` until `requestPermission` answers `answer`. */
function handleWith(state: PermissionState, answer: PermissionState = state) {
  const asked: string[] = [];
  const handle = {
    name: 'site',
    kind: 'directory',
    queryPermission: async ({ mode }: { mode?: string } = {}) => {
      asked.push(`query:${mode}`);
      return state;
    },
    requestPermission: async ({ mode }: { mode?: string } = {}) => {
      asked.push(`request:${mode}`);
      state = answer;
      return answer;
    },
  } as unknown as FileSystemDirectoryHandle;
  return { handle, asked };
}

describe('the grant to write to the chosen folder', () => {
  it('writes at once when granted, without asking', async () => {
    const { handle, asked } = handleWith('granted');
    expect(await hasFolderAccess(handle, true)).toBe(true);
    expect(asked).toEqual(['query:readwrite']);
  });

  it('when lapsed, asks only when allowed to (a click), read-write', async () => {
    const lapsed = handleWith('prompt', 'granted');
    expect(await hasFolderAccess(lapsed.handle, false)).toBe(false);
    expect(lapsed.asked).toEqual(['query:readwrite']);
    expect(await hasFolderAccess(lapsed.handle, true)).toBe(true);
    expect(lapsed.asked).toEqual(['query:readwrite', 'query:readwrite', 'request:readwrite']);
  });

  it('refused, or asked without a click: no access', async () => {
    expect(await hasFolderAccess(handleWith('prompt', 'denied').handle, true)).toBe(false);
    const noGesture = {
      name: 'site',
      queryPermission: async () => 'prompt',
      requestPermission: async () => {
        throw new DOMException('User activation is required', 'SecurityError');
      },
    } as unknown as FileSystemDirectoryHandle;
    expect(await hasFolderAccess(noGesture, true)).toBe(false);
  });
});

describe('the stored folder', () => {
  let db: GleanerDB;
  beforeEach(() => {
    db = new GleanerDB(`folder-${Math.random()}`);
  });
  afterEach(async () => {
    await db.delete();
  });

  it('says when none was chosen, or when its grant lapsed (nothing written)', async () => {
    expect(await openPublishFolder(db, { ask: false })).toEqual({ status: 'no-folder' });
    // fake-indexeddb cannot clone a handle's functions: the row is put as a browser would read it back.
    const { handle } = handleWith('prompt');
    db.folders.hook('reading', (row) => ({ ...row, handle }));
    await db.folders.put({
      id: 'publish',
      handle: { name: 'site' } as FileSystemDirectoryHandle,
      chosenAt: '2026-12-06T10:00:00Z',
    });
    expect(await openPublishFolder(db, { ask: false })).toEqual({
      status: 'no-access',
      name: 'site',
    });
  });

  it('the file list is the git publish one: texts first, then each kept image by hash', async () => {
    const png = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);
    await keepImage(db, 'a1', {
      hash: 'h1',
      blob: new Blob([png], { type: 'image/png' }),
      type: 'image/png',
    });
    const files = await publishFileBytes(db, {
      files: [
        { path: '_posts/2022-01-12-a.md', content: 'post\n' },
        { path: '_gleaner/_posts/2022-01-12-a.json', content: '{}' },
      ],
      images: [
        { path: 'assets/images/a/pic.png', hash: 'h1' },
        { path: 'assets/images/a/gone.png', hash: 'released-and-collected' },
      ],
    });
    expect(files).toEqual([
      { path: '_posts/2022-01-12-a.md', content: 'post\n' },
      { path: '_gleaner/_posts/2022-01-12-a.json', content: '{}' },
      { path: 'assets/images/a/pic.png', content: png },
    ]);
  });
});

describe('where the folder target is offered', () => {
  it('needs the folder picker (Chromium); a folder target reads as Downloads without it', () => {
    expect(canPickFolder({ showDirectoryPicker() {} })).toBe(true);
    expect(canPickFolder({})).toBe(false);
    const target = readPublishTarget({ kind: 'folder' });
    expect(target.kind).toBe('folder');
    expect(activeTargetKind(target, true)).toBe('folder');
    expect(activeTargetKind(target, false)).toBe('downloads');
    expect(activeTargetKind(readPublishTarget({ kind: 'git' }), false)).toBe('git');
  });

  it('names a refused path in the status line', () => {
    expect(folderFailureMessage(new UnsafeFolderPathError('../x.md'))).toBe(
      'Not published: the path ../x.md would leave the folder.',
    );
  });
});
