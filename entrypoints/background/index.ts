import { browser, defineBackground } from '#imports';
import {
  createHandlers,
  createPageHandlers,
  dispatch,
  dispatchPage,
} from '@/lib/messaging/handlers';
import { routeMessage } from '@/lib/messaging/router';
import { createLibraryMenu, listenToLibraryMenu } from '@/lib/library/open-library';
import { createImageCapture } from '@/lib/storage/article-image-capture';
import { GleanerDB } from '@/lib/storage/db';
import { createIndexRunner } from '@/lib/storage/search-indexer';
import { loadSettings } from '@/lib/settings/store';
import { loadSyncInterval, SYNC_ALARM, watchSyncInterval } from '@/lib/sync/schedule';
import { clipTab } from './clip-tab';
import { fetchImageDirect, fetchImageInTab, hasHostAccess } from './fetch-image';
import { createContextMenus, listenToContextMenus, onContextMenuClicked } from './context-menus';
import { syncRevisitScript } from './highlighter';
import { runCommand } from './shortcuts';

const BAD_REQUEST = { ok: false, error: { code: 'bad-request', message: 'Malformed message.' } };

function internalError(error: unknown) {
  return {
    ok: false,
    error: { code: 'internal', message: error instanceof Error ? error.message : String(error) },
  };
}

export default defineBackground(() => {
  const db = new GleanerDB();
  const indexer = createIndexRunner(db, (error) => console.warn('Gleaner: indexing failed', error));
  const now = () => new Date();
  const imageCapture = createImageCapture({
    db,
    enabled: async () => (await loadSettings()).images.save,
    fetchImage: fetchImageInTab,
    fetchDirect: fetchImageDirect,
    hasHostAccess,
    now,
  });
  const deps = {
    db,
    extractFromTab: clipTab,
    now,
    kickIndexer: () => void indexer.kick(),
    holdIndexer: (ms: number) => indexer.hold(ms),
    imageCapture,
  };
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
    // Whatever the request wrote waits in the search queue: index it now.
    const index = () => void indexer.kick();
    answer.then(index, index);
    return true;
  });

  // A queue left by a worker that stopped, or an index to build after an upgrade.
  void indexer.kick();
  listenToContextMenus(handlers);
  listenToLibraryMenu();
  // Reachable only from DevTools: lets E2E press a menu item or a shortcut that headless Chromium
  // cannot show or send.
  Object.assign(globalThis, {
    gleanerDevtools: {
      onContextMenuClicked: (info: { menuItemId: string }, tab?: { id?: number }) =>
        onContextMenuClicked(handlers, info, tab),
      onCommand: (command: string, tab?: { id?: number }) => runCommand(handlers, command, tab),
    },
  });
  browser.commands.onCommand.addListener((command, tab) => {
    void runCommand(handlers, command, tab).catch((error: unknown) =>
      console.warn('Gleaner: shortcut failed', error),
    );
  });
  browser.permissions.onAdded.addListener(() => void syncRevisitScript());
  browser.permissions.onRemoved.addListener(() => void syncRevisitScript());
  // Publishes that waited for the repository (offline, server down) go out at the next start.
  browser.runtime.onStartup.addListener(() => {
    void handlers['publish:run']({ type: 'publish:run' }).catch((error: unknown) =>
      console.warn('Gleaner: queued publishes not sent', error),
    );
  });
  // The library's scheduled sync (off unless chosen in the options; nothing without a git target).
  const scheduleSync = async (minutes: number) => {
    await browser.alarms.clear(SYNC_ALARM);
    if (minutes > 0) await browser.alarms.create(SYNC_ALARM, { periodInMinutes: minutes });
  };
  void loadSyncInterval().then(scheduleSync);
  watchSyncInterval((minutes) => void scheduleSync(minutes));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== SYNC_ALARM) return;
    void handlers['library:sync']({ type: 'library:sync' }).then((answer) => {
      if (!answer.ok && answer.error.code !== 'no-target')
        console.warn('Gleaner: scheduled sync failed', answer.error.message);
    });
  });
  browser.runtime.onInstalled.addListener(() => {
    createContextMenus();
    createLibraryMenu();
    void syncRevisitScript();
  });
});
