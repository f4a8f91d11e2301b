import { defineUnlistedScript } from '#imports';
import { sendPageRequest } from '@/lib/messaging/client';
import { startPageHighlighter, type PageHighlighter } from '@/lib/page/page-highlighter';

declare global {
  // One highlighter per page, in the extension's isolated world; injected again, it repaints.
  var gleanerHighlighter: PageHighlighter | undefined;
}

/**
 * Injected on a toolbar click, a context-menu or keyboard "Highlight", or — when the user opted
 * in — registered on every page so saved highlights come back on revisit.
 */
export default defineUnlistedScript(() => {
  if (globalThis.gleanerHighlighter) {
    void globalThis.gleanerHighlighter.repaint();
    return;
  }
  const highlighter = startPageHighlighter(document, sendPageRequest);
  globalThis.gleanerHighlighter = highlighter;
  void highlighter.repaint();
});
