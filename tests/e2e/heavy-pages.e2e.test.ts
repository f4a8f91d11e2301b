import { describe, expect, it } from 'vitest';
import { openPopupFor } from '@/scripts/support/extension-browser';
import { useExtensionSession } from './support/session';

const SENTENCE =
  'The council met again on Tuesday to argue about the harbour budget and the ferry timetable. ';

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
}

const HEAVY_PAGES: Record<string, () => string> = {
  // 20 MB of HTML: tens of thousands of paragraphs.
  'twenty-megabytes': () =>
    page(
      'Twenty megabytes',
      `<article>${`<p>${SENTENCE.repeat(5)}</p>`.repeat(Math.ceil(20e6 / 470))}</article>`,
    ),
  // Elements nested 10,000 deep around the story.
  'deep-nesting': () =>
    page(
      'Deep nesting',
      `${'<div>'.repeat(10_000)}<article>${`<p>${SENTENCE.repeat(3)}</p>`.repeat(20)}</article>${'</div>'.repeat(10_000)}`,
    ),
  // 200,000 elements.
  'two-hundred-thousand-elements': () =>
    page(
      'Many elements',
      `<article><p>${SENTENCE.repeat(4)}</p>${'<span>x </span>'.repeat(200_000)}</article>`,
    ),
  // One paragraph of 5 MB.
  'five-megabyte-paragraph': () =>
    page(
      'One long paragraph',
      `<article><p>${SENTENCE.repeat(Math.ceil(5e6 / SENTENCE.length))}</p></article>`,
    ),
};

describe('heavy pages finish or fail with a message, and the popup never hangs', () => {
  const session = useExtensionSession();

  it.each(Object.keys(HEAVY_PAGES))('%s', async (name) => {
    const url = `heavy/${name}.html`;
    session.server.override(url, HEAVY_PAGES[name]!());
    const tab = await session.browser.context.newPage();
    await tab.goto(session.server.url(url), { timeout: 60_000 });
    const started = Date.now();
    const popup = await openPopupFor(session.browser, tab);
    // The popup answers while the page is being read.
    const responsive = Date.now();
    expect(await popup.evaluate(() => document.readyState)).toBe('complete');
    expect(Date.now() - responsive).toBeLessThan(2_000);
    await expect
      .poll(
        async () =>
          (await popup.getByTestId('clip-title').count()) > 0 ||
          !(await popup.getByTestId('status').textContent())?.startsWith('Reading'),
        { timeout: 45_000, interval: 250 },
      )
      .toBe(true);
    const elapsed = Date.now() - started;
    const status = (await popup.getByTestId('status').textContent()) ?? '';
    const clipped = (await popup.getByTestId('clip-title').count()) > 0;
    console.log(`${name}: ${clipped ? 'clipped' : `message "${status}"`} in ${elapsed} ms`);
    expect(clipped || status.length > 10).toBe(true);
    await popup.close();
    await tab.close();
    session.server.override(url, null);
  });
});
