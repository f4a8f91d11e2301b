import { browser } from '#imports';

/** `popup.html?tabId=N` works on tab N (tests open the popup in a tab of its own); else the active tab. */
export async function targetTabId(search: string): Promise<number | null> {
  const requested = Number(new URLSearchParams(search).get('tabId'));
  if (Number.isInteger(requested) && requested >= 0 && new URLSearchParams(search).has('tabId'))
    return requested;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}
