import { browser } from '#imports';

const ORIGINS = ['<all_urls>'];

export function revisitEnabled(): Promise<boolean> {
  return browser.permissions.contains({ origins: ORIGINS });
}

/** Asks for (or gives back) the host access that lets highlights come back on revisit. */
export async function setRevisit(enabled: boolean): Promise<boolean> {
  if (enabled) return browser.permissions.request({ origins: ORIGINS });
  await browser.permissions.remove({ origins: ORIGINS });
  return false;
}
