import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    environment: 'node',
    // t() answers in English without a browser, as the extension's messages would.
    setupFiles: ['fake-indexeddb/auto', 'lib/english-fallback.ts'],
    include: ['tests/**/*.test.{ts,tsx}', 'lib/**/*.test.ts', 'components/**/*.test.tsx'],
    // The site builds run once, in `npm run test:sites` (vitest.sites.config.ts, with their timeouts).
    exclude: ['tests/e2e/**', 'tests/sites/**', 'node_modules/**'],
  },
});
