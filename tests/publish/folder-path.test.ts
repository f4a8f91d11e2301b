import { describe, expect, it } from 'vitest';
import { folderPathParts, UnsafeFolderPathError } from '@/lib/publish/folder-path';

describe('paths inside the chosen folder', () => {
  it('splits a preset path into its folders and file name', () => {
    expect(folderPathParts('_posts/2022-01-12-slug.md')).toEqual({
      folders: ['_posts'],
      name: '2022-01-12-slug.md',
    });
    expect(folderPathParts('assets/images/slug/du-lun.png')).toEqual({
      folders: ['assets', 'images', 'slug'],
      name: 'du-lun.png',
    });
    expect(folderPathParts('index.md')).toEqual({ folders: [], name: 'index.md' });
    expect(folderPathParts('Clippings/渡轮 夜景.md')).toEqual({
      folders: ['Clippings'],
      name: '渡轮 夜景.md',
    });
    // A name that merely starts with dots is a file, not a way up.
    expect(folderPathParts('.well-known/..hidden')).toEqual({
      folders: ['.well-known'],
      name: '..hidden',
    });
  });

  it.each([
    '../outside.md',
    '_posts/../../outside.md',
    '_posts/..',
    '/etc/passwd',
    '\\server\\share\\x.md',
    'C:/Users/x.md',
    'c:x.md',
    '_posts\\..\\..\\x.md',
    './_posts/x.md',
    '_posts//x.md',
    '_posts/',
    '',
    '_posts/x\u0000.md',
  ])('refuses %j', (path) => {
    expect(() => folderPathParts(path)).toThrow(UnsafeFolderPathError);
  });

  it('names the refused path in the error', () => {
    expect(() => folderPathParts('../x.md')).toThrow(/"\.\.\/x\.md"/);
  });
});
