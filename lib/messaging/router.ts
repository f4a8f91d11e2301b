import type { PageSender } from './handlers';
import { parsePageRequest, parseRequest, type PageRequest, type Request } from './protocol';
import { isContentScriptSender, isExtensionPageSender, type SenderInfo } from './sender';

export type Route =
  /** One of our extension pages: any request of the protocol. */
  | { kind: 'extension-page'; request: Request }
  /** Our content script in a web page: only `page:*` requests, about that page. */
  | { kind: 'content-script'; request: PageRequest; sender: PageSender }
  /** A known sender with a message of the wrong name or shape: answered with an error. */
  | { kind: 'malformed' }
  /** Anyone else (another extension, a page without our script): not answered at all. */
  | { kind: 'ignored' };

export interface RouterSender extends SenderInfo {
  tab?: { id?: number; url?: string };
}

/** Decides who may ask what: the trust boundary between web pages and the library. */
export function routeMessage(
  message: unknown,
  sender: RouterSender,
  extensionId: string,
  extensionOrigin: string,
): Route {
  if (isExtensionPageSender(sender, extensionId, extensionOrigin)) {
    const request = parseRequest(message);
    return request ? { kind: 'extension-page', request } : { kind: 'malformed' };
  }
  const tabId = sender.tab?.id;
  const url = sender.tab?.url ?? sender.url;
  if (isContentScriptSender(sender, extensionId) && tabId !== undefined && url) {
    const request = parsePageRequest(message);
    return request
      ? { kind: 'content-script', request, sender: { tabId, url } }
      : { kind: 'malformed' };
  }
  return { kind: 'ignored' };
}
