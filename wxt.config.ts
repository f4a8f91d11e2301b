import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

export default defineConfig({
  imports: false,
  // A private output folder lets parallel work build and run E2E without sharing .output/.
  outDir: process.env.GLEANER_OUT_DIR ?? '.output',
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'Gleaner',
    description:
      'Clip news articles, highlight and tag them, and export front-matter Markdown for Jekyll, Hugo and Obsidian.',
    // Clipping injects into the tab the user clicked on (activeTab): no host permissions.
    permissions: [
      'activeTab',
      'scripting',
      'storage',
      'unlimitedStorage',
      'downloads',
      'contextMenus',
    ],
    // Asked for only when the user turns on "Show my highlights when I come back to a page".
    optional_host_permissions: ['<all_urls>'],
    action: { default_title: 'Clip this article with Gleaner' },
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+G' },
        description: 'Open Gleaner on this page',
      },
      'highlight-selection': {
        suggested_key: { default: 'Alt+Shift+H' },
        description: 'Highlight the selected text',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'gleaner@gleaner.invalid',
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
