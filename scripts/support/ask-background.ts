/** The benches' way to talk to the extension's background from one of its pages. */
import type { Page } from 'playwright-core';

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

/** Sends `message` from `page` (an extension page) and returns the answer's value, or throws. */
export async function ask<T>(page: Page, message: object): Promise<T> {
  const response = (await page.evaluate((m) => chrome.runtime.sendMessage(m), message)) as
    { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!response.ok) throw new Error(response.error.message);
  return response.value;
}

/** Waits until the background's search queue is empty; returns how long that took (ms). */
export async function untilIndexed(page: Page): Promise<number> {
  const start = performance.now();
  for (;;) {
    const { queued } = await ask<{ queued: number }>(page, { type: 'library:index-status' });
    if (queued === 0) return performance.now() - start;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
