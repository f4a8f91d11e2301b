// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import SiteRulesEditor, { type SiteRuleDraft } from '@/components/options/SiteRulesEditor';

const RULE: SiteRuleDraft = {
  pattern: '*.36kr.com',
  category: '36ke',
  tags: '36氪新闻, tech',
  timeZone: 'Asia/Shanghai',
  contentSelector: 'article .post-body',
  clutterSelectors: '.ad\n.share',
};

let root: HTMLElement;
let changes: SiteRuleDraft[][] = [];

beforeEach(async () => {
  root = document.createElement('div');
  document.body.append(root);
  changes = [];
  await act(() =>
    render(
      <SiteRulesEditor
        rules={[RULE]}
        error={null}
        dirty={false}
        onChange={(rules) => changes.push(rules)}
        onSave={() => undefined}
        onExport={() => undefined}
        onImport={() => undefined}
      />,
      root,
    ),
  );
});

afterEach(() => {
  render(null, root);
  root.remove();
});

const field = (testId: string) =>
  root.querySelector<HTMLInputElement | HTMLTextAreaElement>(
    `[data-testid="site-rule-${testId}"]`,
  )!;

describe('SiteRulesEditor', () => {
  it('shows every field of a rule under its label, with its test hook', () => {
    const shown = {
      pattern: RULE.pattern,
      category: RULE.category,
      tags: RULE.tags,
      timezone: RULE.timeZone,
      content: RULE.contentSelector,
      clutter: RULE.clutterSelectors,
    };
    for (const [testId, value] of Object.entries(shown)) {
      expect(field(testId).value).toBe(value);
      expect(field(testId).closest('label')?.textContent?.trim()).not.toBe('');
    }
    expect(field('timezone').getAttribute('list')).toBe('known-zones');
    expect(field('category').hasAttribute('placeholder')).toBe(false);
  });

  it('changes only the field typed in', async () => {
    const keys: Record<string, keyof SiteRuleDraft> = {
      pattern: 'pattern',
      category: 'category',
      tags: 'tags',
      timezone: 'timeZone',
      content: 'contentSelector',
      clutter: 'clutterSelectors',
    };
    for (const [testId, key] of Object.entries(keys)) {
      await act(() => {
        field(testId).value = `new ${testId}`;
        field(testId).dispatchEvent(new Event('input', { bubbles: true }));
      });
      expect(changes.at(-1)).toEqual([{ ...RULE, [key]: `new ${testId}` }]);
    }
  });
});
