import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { NOTICES_FILE, thirdPartyNotices } from './scripts/third-party-notices';

export default defineConfig({
  imports: false,
  // A private output folder lets parallel work build and run E2E without sharing .output/.
  outDir: process.env.GLEANER_OUT_DIR ?? '.output',
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    // The bundled libraries' licences travel with the extension (and its store packages).
    'build:publicAssets': async (wxt, files) => {
      files.push({
        relativeDest: NOTICES_FILE,
        contents: await thirdPartyNotices(wxt.config.root),
      });
    },
  },
  manifest: ({ browser }) => ({
    // Every user-visible string is in public/_locales/<lang>/messages.json (en, zh_CN).
    default_locale: 'en',
    name: '__MSG_ext_name__',
    description: '__MSG_ext_description__',
    // Clipping injects into the tab the user clicked on (activeTab): no host permissions.
    permissions: [
      'activeTab',
      'scripting',
      'storage',
      'unlimitedStorage',
      'downloads',
      'contextMenus',
      // The library's scheduled sync through the repository (issue 16).
      'alarms',
      // Sets the article as an image request's Referer (issue 15); acts only where the user
      // granted host access, and shows no install warning.
      'declarativeNetRequestWithHostAccess',
    ],
    // Asked for only when the user turns on "Show my highlights when I come back to a page" or
    // "Save images".
    optional_host_permissions: ['<all_urls>'],
    // The default policy plus WebAssembly (zlib's deflate for exports); no other code is evaluated.
    content_security_policy: {
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';",
    },
    action: { default_title: '__MSG_action_title__' },
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+G' },
        description: '__MSG_command_open_popup__',
      },
      'highlight-selection': {
        suggested_key: { default: 'Alt+Shift+H' },
        description: '__MSG_command_highlight__',
      },
      // Saves the article of the tab without the popup; the page shows "Saved to Gleaner".
      'clip-page': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: '__MSG_command_clip__',
      },
      'open-library': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: '__MSG_command_library__',
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
