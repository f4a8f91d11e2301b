/**
 * One E2E file's session: the fixture pages served on 127.0.0.1, the shipped build in Chromium with
 * a temporary profile (and a downloads folder), all closed and deleted after the file's tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { launchExtensionBrowser, type ExtensionBrowser } from '@/scripts/support/extension-browser';
import { serveFolder, type StaticServer } from '@/scripts/support/static-server';

export interface ExtensionSession {
  /** Set before the file's first test. */
  browser: ExtensionBrowser;
  server: StaticServer;
  /** The temporary folder of the session (deleted afterwards). */
  work: string;
  /** Where the browser saves downloads. */
  downloadsDir: string;
}

/** `lang`: the browser's language (it picks the extension's messages); en-US by default. */
export function useExtensionSession(
  name = 'e2e',
  options: { lang?: string } = {},
): ExtensionSession {
  const work = mkdtempSync(path.join(tmpdir(), `gleaner-${name}-`));
  const session = { work, downloadsDir: path.join(work, 'downloads') } as ExtensionSession;
  beforeAll(async () => {
    session.server = await serveFolder('tests/fixtures');
    session.browser = await launchExtensionBrowser({
      profileDir: path.join(work, 'profile'),
      downloadsDir: session.downloadsDir,
      lang: options.lang,
    });
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.close();
    rmSync(work, { recursive: true, force: true });
  });
  return session;
}
