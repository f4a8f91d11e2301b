import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSyncHandlers } from '@/lib/messaging/sync-handlers';
import { EMPTY_GIT_TARGET } from '@/lib/publish/git-target';
import { saveGitToken, savePublishTarget } from '@/lib/publish/target-store';
import { GleanerDB } from '@/lib/storage/db';
import { readSyncInterval } from '@/lib/sync/schedule';
import { storedArticle } from '../library/support';
import { startGitServer, type GitServer } from '../support/git-server';

// lightning-fs takes browsers' navigator.locks when there is one; Node 20 has no navigator at all.
vi.stubGlobal('navigator', {});

const TOKEN = 'tok-handler-8d2c4e6f0a';

describe('library:sync', { timeout: 30_000 }, () => {
  let server: GitServer;
  let url: string;
  const db = new GleanerDB(`sync-handler-${Math.random()}`);
  const handlers = createSyncHandlers({ db, now: () => new Date('2026-12-06T12:00:00Z') });
  const sync = () => handlers['library:sync']({ type: 'library:sync' });

  beforeAll(async () => {
    server = await startGitServer({ user: 'alice', password: TOKEN });
    url = await server.createRepo(`site-${Math.random().toString(36).slice(2)}`, 'main', {
      'README.md': 'site\n',
    });
    await db.articles.add(storedArticle(1));
  });
  beforeEach(() => {
    fakeBrowser.reset();
  });
  afterAll(async () => {
    await server.close();
    await db.delete();
  });

  const useTarget = async (token: string) => {
    await savePublishTarget({
      kind: 'git',
      git: { ...EMPTY_GIT_TARGET, url, username: 'alice' },
      publishOnSave: false,
    });
    await saveGitToken(token);
  };

  it('asks for a git target when there is none', async () => {
    expect(await sync()).toMatchObject({ ok: false, error: { code: 'no-target' } });
  });

  it('says the token was refused, without the token', async () => {
    const wrong = `${TOKEN}-wrong`;
    await useTarget(wrong);
    const answer = await sync();
    expect(answer).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(JSON.stringify(answer)).not.toContain(wrong);
  });

  it('runs one sync at a time: a second request gets the running one’s answer', async () => {
    await useTarget(TOKEN);
    const [first, second] = await Promise.all([sync(), sync()]);
    expect(first).toBe(second);
    expect(first).toMatchObject({ ok: true, value: { sent: 1, received: 0, conflicts: [] } });
  });
});

describe('the sync schedule', () => {
  it('is one of the offered intervals, else off', () => {
    expect(readSyncInterval(15)).toBe(15);
    expect(readSyncInterval(7)).toBe(0);
    expect(readSyncInterval('60')).toBe(0);
    expect(readSyncInterval(undefined)).toBe(0);
  });
});
