/** The minimum of `runtime.MessageSender` that the trust check reads. */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: unknown;
}

/**
 * Only our own extension pages (popup, library, options) may ask for privileged work: a message
 * from a content script comes with a web page's URL, and one from another extension with its id.
 */
export function isExtensionPageSender(
  sender: SenderInfo,
  extensionId: string,
  extensionOrigin: string,
): boolean {
  if (sender.id !== extensionId) return false;
  if (!sender.url) return false;
  return originOf(sender.url) !== null && originOf(sender.url) === originOf(extensionOrigin);
}

/** `URL.origin` is "null" for non-web schemes such as chrome-extension:, so build it ourselves. */
function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : null;
  } catch {
    return null;
  }
}

/** Our own content script in a web page's tab: our id, a tab, and an http(s) page. */
export function isContentScriptSender(sender: SenderInfo, extensionId: string): boolean {
  if (sender.id !== extensionId || !sender.tab || !sender.url) return false;
  return /^https?:\/\//i.test(sender.url);
}
