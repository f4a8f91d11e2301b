import { describe, expect, it } from 'vitest';
import {
  exactUrlCondition,
  exactUrlRegex,
  refererRule,
  withRefererRule,
  type RefererRule,
  type SessionRules,
} from '@/lib/assets/referer-rule';

const ARTICLE = 'https://news.example.cn/2026/12/06/story.html';
const EXTENSION = 'abcdefghijklmnopabcdefghijklmnop';

describe('refererRule', () => {
  it('sets the article as Referer for that exact image, asked by the extension from no tab', () => {
    const image = 'https://mmbiz.qpic.cn/mmbiz_jpg/abc/640?wx_fmt=jpeg&from=appmsg';
    expect(
      refererRule({ id: 7, imageUrl: image, articleUrl: ARTICLE, extensionHost: EXTENSION }),
    ).toEqual({
      id: 7,
      priority: 1,
      action: {
        type: 'modifyHeaders',
        requestHeaders: [{ header: 'referer', operation: 'set', value: ARTICLE }],
      },
      condition: {
        urlFilter: `|${image}|`,
        isUrlFilterCaseSensitive: true,
        initiatorDomains: [EXTENSION],
        tabIds: [-1],
        resourceTypes: ['xmlhttprequest', 'other'],
      },
    });
  });
});

describe('exactUrlCondition', () => {
  it('anchors a URL filter at both ends when the URL holds none of its wildcards', () => {
    expect(exactUrlCondition('https://a.cn/p.jpg?w=640&q=(80)')).toEqual({
      urlFilter: '|https://a.cn/p.jpg?w=640&q=(80)|',
      isUrlFilterCaseSensitive: true,
    });
  });

  it.each(['https://a.cn/x*y.jpg', 'https://a.cn/x.jpg?a=^b', 'https://a.cn/x.jpg?a|b'])(
    'uses an escaped regex for %s, whose characters a URL filter reads as wildcards',
    (url) => {
      const condition = exactUrlCondition(url);
      expect(condition).toEqual({ regexFilter: exactUrlRegex(url) });
    },
  );
});

describe('exactUrlRegex', () => {
  const url = 'https://img.example.cn/a.b/c+d(1)[2]{3}$4^5|6\\7*8?x=.&y=9';
  const regex = new RegExp(exactUrlRegex(url));

  it('matches the URL itself', () => {
    expect(regex.test(url)).toBe(true);
  });

  it.each([
    ['another character where a dot is', url.replace('a.b', 'aXb')],
    ['a longer URL', `${url}0`],
    ['the URL inside another', `https://evil.example/?u=${url}`],
    ['one repeat more of a character before +', url.replace('c+d', 'ccd')],
  ])('does not match %s', (_, other) => {
    expect(regex.test(other)).toBe(false);
  });
});

describe('withRefererRule', () => {
  function recordingRules() {
    const updates: { addRules?: RefererRule[]; removeRuleIds?: number[] }[] = [];
    const active = new Map<number, RefererRule>();
    const rules: SessionRules = {
      async updateSessionRules(update) {
        updates.push(update);
        for (const id of update.removeRuleIds ?? []) active.delete(id);
        for (const rule of update.addRules ?? []) active.set(rule.id, rule);
      },
    };
    return { rules, updates, active };
  }
  const rule = { imageUrl: 'https://a.cn/1.jpg', articleUrl: ARTICLE, extensionHost: EXTENSION };

  it('holds the rule while the fetch runs and removes it after', async () => {
    const { rules, updates, active } = recordingRules();
    const during = await withRefererRule(rules, rule, async () => [...active.values()]);
    expect(during).toHaveLength(1);
    expect(during[0]?.condition).toMatchObject({ urlFilter: '|https://a.cn/1.jpg|' });
    expect(active.size).toBe(0);
    const id = during[0]!.id;
    // Added in one update with the removal of a stale rule of that id, removed by id after.
    expect(updates).toEqual([
      { removeRuleIds: [id], addRules: [during[0]] },
      { removeRuleIds: [id] },
    ]);
  });

  it('removes the rule when the fetch fails too', async () => {
    const { rules, active } = recordingRules();
    await expect(
      withRefererRule(rules, rule, async () => {
        throw new Error('network down');
      }),
    ).rejects.toThrow('network down');
    expect(active.size).toBe(0);
  });

  it('gives fetches running at once rules of their own', async () => {
    const { rules, active } = recordingRules();
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const both = Promise.all(
      ['https://a.cn/1.jpg', 'https://a.cn/2.jpg'].map((imageUrl) =>
        withRefererRule(rules, { ...rule, imageUrl }, () => gate),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(active.size).toBe(2);
    release();
    await both;
    expect(active.size).toBe(0);
  });
});
