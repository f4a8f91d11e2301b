// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { useState } from 'preact/hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import TagEditor from '@/components/TagEditor';

let root: HTMLElement;
let latest: string[] = [];

function Harness({ initial = [] as string[] }) {
  const [tags, setTags] = useState(initial);
  const onChange = (next: string[]) => {
    latest = next;
    setTags(next);
  };
  return (
    <TagEditor
      tags={tags}
      knownTags={['technology', 'tencent', '36氪新闻']}
      keywords={['企业微信', '腾讯']}
      onChange={onChange}
    />
  );
}

const input = () => root.querySelector<HTMLInputElement>('[data-testid="tag-input"]')!;
const all = (testId: string) => [
  ...root.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`),
];

async function type(value: string) {
  await act(() => {
    input().value = value;
    input().dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function press(key: string) {
  await act(() => {
    input().dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  });
}

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  latest = [];
});

afterEach(() => {
  render(null, root);
  root.remove();
});

describe('TagEditor', () => {
  it('adds a tag on Enter', async () => {
    await act(() => render(<Harness />, root));
    await type('36氪新闻');
    await press('Enter');
    expect(latest).toEqual(['36氪新闻']);
    expect(input().value).toBe('');
  });

  it('adds tags on a comma, ASCII or full-width, and keeps what follows', async () => {
    await act(() => render(<Harness />, root));
    await type('news, 科技，ma');
    expect(latest).toEqual(['news', '科技']);
    expect(input().value).toBe('ma');
  });

  it('removes a tag on click', async () => {
    await act(() => render(<Harness initial={['a', 'b']} />, root));
    await act(() => all('tag-chip')[0]!.click());
    expect(latest).toEqual(['b']);
  });

  it('does not add a duplicate, whatever its case', async () => {
    await act(() => render(<Harness initial={['News']} />, root));
    await type('news');
    await press('Enter');
    expect(latest).toEqual(['News']);
  });

  it('completes from the library with the arrow keys', async () => {
    await act(() => render(<Harness />, root));
    await type('te');
    expect(all('tag-match').map((el) => el.textContent)).toEqual(['technology', 'tencent']);
    await press('ArrowDown');
    await press('ArrowDown');
    await press('Enter');
    expect(latest).toEqual(['tencent']);
  });

  it('offers the page keywords as one-click suggestions', async () => {
    await act(() => render(<Harness />, root));
    await act(() => all('tag-suggestion')[0]!.click());
    expect(latest).toEqual(['企业微信']);
    expect(all('tag-suggestion').map((el) => el.textContent)).toEqual(['+ 腾讯']);
  });
});
