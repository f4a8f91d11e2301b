import { browser, defineBackground } from '#imports';
import {
  createHandlers,
  createPageHandlers,
  dispatch,
  dispatchPage,
} from '@/lib/messaging/handlers';
import { routeMessage } from '@/lib/messaging/router';
import { GleanerDB } from '@/lib/storage/db';
import { clipTab } from './clip-tab';
import { createContextMenus, listenToContextMenus, onContextMenuClicked } from './context-menus';
import { highlightSelectionInTab, syncRevisitScript } from './highlighter';

const BAD_REQUEST = { ok: false, error: { code: 'bad-request', message: 'Malformed message.' } };

function internalError(error: unknown) {
  return {
    ok: false,
    error: { code: 'internal', message: error instanceof Error ? error.message : String(error) },
  };
}

export default defineBackground(() => {
  const deps = { db: new GleanerDB(), extractFromTab: clipTab, now: () => new Date() };
  const handlers = createHandlers(deps);
  const pageHandlers = createPageHandlers(deps);

  // Listeners are registered synchronously at start-up so a woken worker never misses the event that woke it.
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const route = routeMessage(message, sender, browser.runtime.id, browser.runtime.getURL('/'));
    if (route.kind === 'ignored') return false;
    if (route.kind === 'malformed') {
      sendResponse(BAD_REQUEST);
      return false;
    }
    const answer =
      route.kind === 'extension-page'
        ? dispatch(handlers, route.request)
        : dispatchPage(pageHandlers, route.request, route.sender);
    answer.then(sendResponse, (error: unknown) => sendResponse(internalError(error)));
    return true;
  });

  listenToContextMenus();
  // Reachable only from DevTools: lets E2E press a menu item that headless Chromium cannot show.
  Object.assign(globalThis, { gleanerDevtools: { onContextMenuClicked } });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'highlight-selection' && tab?.id !== undefined)
      void highlightSelectionInTab(tab.id);
  });
  browser.permissions.onAdded.addListener(() => void syncRevisitScript());
  browser.permissions.onRemoved.addListener(() => void syncRevisitScript());
  browser.runtime.onInstalled.addListener(() => {
    createContextMenus();
    void syncRevisitScript();
  });
});
