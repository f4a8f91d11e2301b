import { browser, defineBackground } from '#imports';
import { createHandlers, dispatch } from '@/lib/messaging/handlers';
import { parseRequest } from '@/lib/messaging/protocol';
import { isExtensionPageSender } from '@/lib/messaging/sender';
import { GleanerDB } from '@/lib/storage/db';
import { clipTab } from './clip-tab';
import { downloadTextFile } from './download';

export default defineBackground(() => {
  const handlers = createHandlers({
    db: new GleanerDB(),
    extractFromTab: clipTab,
    download: downloadTextFile,
    now: () => new Date(),
  });

  // Registered synchronously at start-up so a woken worker never misses the message that woke it.
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (!isExtensionPageSender(sender, browser.runtime.id, browser.runtime.getURL('/')))
      return false;
    const request = parseRequest(message);
    if (!request) {
      sendResponse({ ok: false, error: { code: 'bad-request', message: 'Malformed message.' } });
      return false;
    }
    dispatch(handlers, request).then(sendResponse, (error: unknown) =>
      sendResponse({
        ok: false,
        error: {
          code: 'internal',
          message: error instanceof Error ? error.message : String(error),
        },
      }),
    );
    return true;
  });
});
