/**
 * Issue 16's folder target in headless Chromium with the built extension: the folder is a real
 * `FileSystemDirectoryHandle` from the origin-private file system (no picker needed), stored where
 * the options page's "Choose folder" stores one (the library's IndexedDB, table `folders`). The
 * popup's Publish writes the post, its kept images and its sidecar at the Jekyll paths; a file the
 * user put there stays as it was; a publish after a new tag rewrites the post and sidecar only.
 */
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFrontMatter } from '@/lib/export/front-matter';
import { openPopupFor } from '@/scripts/support/extension-browser';
import { pngBytes, serveImageSites, type ImageSites } from './support/image-sites';
import { useExtensionSession } from './support/session';

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

interface FolderFile {
  base64: string;
  lastModified: number;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const USER_POST = '_posts/2020-01-01-my-own-post.md';
const USER_IMAGE = 'assets/images/logo.txt';

/** Every file under the OPFS folder `site`, by path, read from an extension page. */
function readSite(page: Page): Promise<Record<string, FolderFile>> {
  return page.evaluate(async () => {
    const files: Record<string, { base64: string; lastModified: number }> = {};
    const walk = async (folder: FileSystemDirectoryHandle, prefix: string): Promise<void> => {
      const entries = (
        folder as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }
      ).entries();
      for await (const [name, handle] of entries) {
        if (handle.kind === 'directory') {
          await walk(handle as FileSystemDirectoryHandle, `${prefix}${name}/`);
          continue;
        }
        const file = await (handle as FileSystemFileHandle).getFile();
        const bytes = new Uint8Array(await file.arrayBuffer());
        let binary = '';
        for (const byte of bytes) binary += String.fromCharCode(byte);
        files[`${prefix}${name}`] = { base64: btoa(binary), lastModified: file.lastModified };
      }
    };
    const root = await navigator.storage.getDirectory();
    await walk(await root.getDirectoryHandle('site'), '');
    return files;
  });
}

const bytesOf = (file: FolderFile | undefined) => Buffer.from(file?.base64 ?? '', 'base64');
const textOf = (file: FolderFile | undefined) => bytesOf(file).toString('utf8');

describe('publish to a local folder', () => {
  const session = useExtensionSession('publish-folder');
  let sites: ImageSites;
  let options: Page;
  let popup: Page;
  const logs: string[] = [];
  beforeAll(async () => {
    sites = await serveImageSites();
  });
  afterAll(async () => {
    await sites?.close();
  });

  const publishStatus = () => popup.getByTestId('publish-status').textContent();

  it(
    'is chosen in the options: the stored folder handle is shown by name',
    { timeout: 120_000 },
    async () => {
      options = await session.browser.context.newPage();
      options.on('pageerror', (error) => logs.push(String(error)));
      await options.goto(`chrome-extension://${session.browser.extensionId}/options.html`);
      await options.getByTestId('save-images').check();
      await options.getByTestId('target-select').selectOption('folder');
      await expect
        .poll(() => options.getByTestId('folder-name').textContent())
        .toBe('none chosen yet');
      expect(await options.getByTestId('folder-unsupported').count()).toBe(0);

      // The user's site, with files of their own; the folder handle goes where "Choose folder"
      // puts the picked one (headless Chromium has no folder dialog to click).
      await options.evaluate(
        async ({ userPost, userImage }) => {
          const root = await navigator.storage.getDirectory();
          const site = await root.getDirectoryHandle('site', { create: true });
          const put = async (path: string, text: string) => {
            const parts = path.split('/');
            let folder = site;
            for (const name of parts.slice(0, -1)) {
              folder = await folder.getDirectoryHandle(name, { create: true });
            }
            const file = await folder.getFileHandle(parts[parts.length - 1] ?? '', {
              create: true,
            });
            const writable = await file.createWritable();
            await writable.write(text);
            await writable.close();
          };
          await put(userPost, '---\ntitle: Mine\n---\nMy own words.\n');
          await put(userImage, 'not ours\n');
          await new Promise<void>((resolve, reject) => {
            const open = indexedDB.open('gleaner');
            open.onerror = () => reject(open.error ?? new Error('open failed'));
            open.onsuccess = () => {
              const tx = open.result.transaction('folders', 'readwrite');
              tx.objectStore('folders').put({
                id: 'publish',
                handle: site,
                chosenAt: new Date().toISOString(),
              });
              tx.oncomplete = () => {
                open.result.close();
                resolve();
              };
              tx.onerror = () => reject(tx.error ?? new Error('put failed'));
            };
          });
        },
        { userPost: USER_POST, userImage: USER_IMAGE },
      );
      await options.reload();
      await expect.poll(() => options.getByTestId('folder-name').textContent()).toBe('site');
      expect(await options.getByTestId('target-select').inputValue()).toBe('folder');
      // The origin's own folder is always writable: no grant to ask for.
      expect(await options.getByTestId('folder-grant').count()).toBe(0);
    },
  );

  let firstPublish: Record<string, FolderFile>;
  let postPath: string;

  it(
    'writes the post, its kept images and its sidecar at the Jekyll paths, leaving the user’s files',
    { timeout: 120_000 },
    async () => {
      const before = await readSite(options);
      const page = await session.browser.context.newPage();
      await page.goto(sites.articleUrl(1));
      popup = await openPopupFor(session.browser, page);
      popup.on('pageerror', (error) => logs.push(String(error)));
      await popup.getByTestId('save-button').waitFor({ timeout: 20_000 });
      await popup.getByTestId('save-button').click();
      await expect
        .poll(() => popup.getByTestId('image-status').textContent(), { timeout: 30_000 })
        .toBe('4 of 5 images saved');
      // The popup re-reads the saved article once its images are kept; then publish.
      await popup.getByTestId('publish-button').click();
      await expect
        .poll(publishStatus, { timeout: 30_000 })
        .toMatch(
          /^Published: written to “site”: _posts\/\d{4}-\d{2}-\d{2}-ferries-at-night\.md\.$/,
        );
      postPath = (await publishStatus())!.match(/(_posts\/\S+\.md)\.$/)![1]!;

      firstPublish = await readSite(options);
      // Jekyll's image folder is named like the post file: <yyyy-mm-dd>-<slug>.
      const folder = postPath.slice('_posts/'.length, -'.md'.length);
      const sidecarPath = `_gleaner/${postPath.replace(/\.md$/, '.json')}`;
      const images = Object.keys(firstPublish).filter((p) =>
        p.startsWith(`assets/images/${folder}/`),
      );
      expect(Object.keys(firstPublish).sort()).toEqual(
        [USER_POST, USER_IMAGE, postPath, sidecarPath, ...images].sort(),
      );
      // The four kept images, byte for byte, in the post's image folder.
      expect(images).toHaveLength(4);
      expect(images.map((p) => sha256(bytesOf(firstPublish[p]))).sort()).toEqual(
        (['cdn', 'lazy', 'large', 'hotlink'] as const).map((n) => sha256(pngBytes(n))).sort(),
      );
      for (const image of images) expect(image).toMatch(/\.png$/);
      // The post links them where they are, as the Jekyll export does.
      const post = textOf(firstPublish[postPath]);
      expect(parseFrontMatter(post).data).toMatchObject({ title: 'Ferries at night' });
      for (const image of images) expect(post).toContain(`/${image}`);
      expect(post).toContain(sites.imageUrl('missing'));
      const sidecar = JSON.parse(textOf(firstPublish[sidecarPath])) as {
        article: { title: string };
        imagePaths?: Record<string, string>;
      };
      expect(sidecar.article.title).toBe('Ferries at night');
      // The user's files are as they were.
      for (const own of [USER_POST, USER_IMAGE]) expect(firstPublish[own]).toEqual(before[own]);
      expect(logs).toEqual([]);
    },
  );

  it(
    'a publish after a new tag rewrites its own post (and sidecar) only',
    { timeout: 120_000 },
    async () => {
      await popup.getByTestId('tag-input').fill('harbour');
      await popup.getByTestId('tag-input').press('Enter');
      await popup.getByTestId('save-button').click();
      const savedTags = () =>
        popup.evaluate(async () => {
          const request = { type: 'library:entries', offset: 0, limit: 10, withText: false };
          const answer = (await chrome.runtime.sendMessage(request)) as {
            ok: boolean;
            value: { entries: { card: { tags: string[] } }[] };
          };
          return answer.ok ? (answer.value.entries[0]?.card.tags ?? []) : [];
        });
      await expect.poll(savedTags).toContain('harbour');
      await expect
        .poll(() => popup.getByTestId('image-status').textContent(), { timeout: 30_000 })
        .toBe('4 of 5 images saved');
      await popup.getByTestId('publish-button').click();
      const postTags = async () =>
        parseFrontMatter(textOf((await readSite(options))[postPath])).data.tags;
      await expect.poll(postTags, { timeout: 30_000 }).toEqual(['harbour']);
      await expect
        .poll(publishStatus, { timeout: 30_000 })
        .toBe(`Published: written to “site”: ${postPath}.`);

      const second = await readSite(options);
      expect(Object.keys(second).sort()).toEqual(Object.keys(firstPublish).sort());
      const sidecarPath = `_gleaner/${postPath.replace(/\.md$/, '.json')}`;
      const rewritten = Object.keys(second).filter(
        (p) => JSON.stringify(second[p]) !== JSON.stringify(firstPublish[p]),
      );
      expect(rewritten.sort()).toEqual([sidecarPath, postPath].sort());

      // Nothing changed since: a third publish writes nothing.
      await popup.getByTestId('publish-button').click();
      await expect.poll(publishStatus).toBe('Already published: nothing changed.');
      expect(await readSite(options)).toEqual(second);
      expect(logs).toEqual([]);
    },
  );

  it(
    'with "Publish on save" on, a save writes the post without pressing Publish',
    { timeout: 120_000 },
    async () => {
      await options.getByTestId('publish-on-save').check();
      await expect.poll(() => options.getByTestId('publish-on-save').isChecked()).toBe(true);
      await popup.reload(); // the popup reads the target when it opens
      await popup.getByTestId('tag-input').fill('night');
      await popup.getByTestId('tag-input').press('Enter');
      await popup.getByTestId('save-button').click();
      const postTags = async () =>
        parseFrontMatter(textOf((await readSite(options))[postPath])).data.tags;
      await expect.poll(postTags, { timeout: 30_000 }).toEqual(['harbour', 'night']);
      await expect
        .poll(publishStatus, { timeout: 30_000 })
        .toBe(`Published: written to “site”: ${postPath}.`);
      const after = await readSite(options);
      for (const own of [USER_POST, USER_IMAGE]) expect(after[own]).toEqual(firstPublish[own]);
    },
  );

  it(
    'the library’s "Publish selected" writes the same files (a deleted post comes back)',
    { timeout: 120_000 },
    async () => {
      const before = await readSite(options);
      await options.evaluate(async (post) => {
        const root = await navigator.storage.getDirectory();
        const posts = await (await root.getDirectoryHandle('site')).getDirectoryHandle('_posts');
        await posts.removeEntry(post.slice('_posts/'.length));
      }, postPath);
      const library = await session.browser.context.newPage();
      library.on('pageerror', (error) => logs.push(String(error)));
      await library.goto(`chrome-extension://${session.browser.extensionId}/library.html`);
      await expect
        .poll(() => library.getByTestId('library-count').getAttribute('data-ready'))
        .toBe('true');
      await library.getByTestId('article-row').getByTestId('row-select').check();
      await library.getByTestId('bulk-publish').click();
      await expect
        .poll(() => library.getByTestId('notice').textContent(), { timeout: 30_000 })
        .toContain('Published 1, queued 0, failed 0.');
      const after = await readSite(options);
      expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
      expect(after[postPath]?.base64).toBe(before[postPath]?.base64);
      const unchanged = Object.keys(after).filter((p) => p !== postPath);
      for (const file of unchanged) expect(after[file]).toEqual(before[file]);
      expect(logs).toEqual([]);
    },
  );
});
