import { describe, expect, it } from 'vitest';
import { withRepoLock } from '@/lib/publish/git-repo';

const site = { url: 'https://git.example/site.git', branch: 'main' };
const other = { url: 'https://git.example/other.git', branch: 'main' };
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('withRepoLock', () => {
  it('runs work on one clone one after another, and a failure does not block the next', async () => {
    const events: string[] = [];
    const work =
      (name: string, fail = false) =>
      async () => {
        events.push(`${name} start`);
        await tick();
        events.push(`${name} end`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      withRepoLock(site, work('publish', true)),
      withRepoLock(site, work('sync')),
    ]);
    expect(events).toEqual(['publish start', 'publish end', 'sync start', 'sync end']);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
  });

  it('lets two repositories work at once', async () => {
    const events: string[] = [];
    const work = (name: string) => async () => {
      events.push(`${name} start`);
      await tick();
      events.push(`${name} end`);
    };
    await Promise.all([withRepoLock(site, work('site')), withRepoLock(other, work('other'))]);
    expect(events.slice(0, 2)).toEqual(['site start', 'other start']);
  });
});
